"""Leaderboards: players ranked by a board's score over a period, read from the ledger."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.leaderboards import periods, store
from resolvers.leaderboards.store import Standing

ERRORS = ErrorCodes("leaderboards", "UNKNOWN_BOARD", "UNKNOWN_PERIOD", "INVALID_FIRST")
BOARDS = ("coins",)
MAX_FIRST = 100


@dataclass(frozen=True)
class Board:
    board: str
    period: str
    period_key: str
    entries: list[Standing]
    viewer: Standing | None


def check(board: str, period: str, first: int) -> int:
    if board not in BOARDS:
        raise DomainError(
            "UNKNOWN_BOARD", f"There is no board {board!r}; boards: {', '.join(BOARDS)}.", "board"
        )
    if period not in periods.PERIODS:
        raise DomainError("UNKNOWN_PERIOD", f"There is no period {period!r}.", "period")
    if first < 1:
        raise DomainError("INVALID_FIRST", "first must be at least 1.", "first")
    return min(first, MAX_FIRST)


async def leaderboard(
    session: AsyncSession,
    *,
    board: str,
    period: str,
    clock: Clock,
    first: int = MAX_FIRST,
    viewer_id: int | None = None,
) -> Board:
    """The top ``first`` (at most 100) of the period holding now, and the viewer's own standing;
    each with their rank in the period before (None for ALL_TIME or when they were not ranked)."""
    limit = check(board, period, first)
    now = clock.now()
    span = periods.window(period, now)
    entries = await store.top(session, span, limit=limit)
    viewer = next((e for e in entries if e.user_id == viewer_id), None)
    if viewer is None and viewer_id is not None:
        viewer = await store.standing_of(session, span, viewer_id)
    before = periods.previous(period, now)
    if before is not None:
        shown = {e.user_id for e in entries} | ({viewer.user_id} if viewer else set())
        ranks = await store.ranks_of(session, before, shown)
        entries = [replace(e, previous_rank=ranks.get(e.user_id)) for e in entries]
        viewer = replace(viewer, previous_rank=ranks.get(viewer.user_id)) if viewer else None
    return Board(board, period, periods.key(period, now), entries, viewer)
