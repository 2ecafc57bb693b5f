"""Leaderboards: players ranked by a board's score over a period.

``coins`` is read from the ledger (the record of what players hold and earn). The other boards
count domain events (``sources``), written by the ``leaderboards`` consumer into SQL and, in the
scaled mode, mirrored in Redis sorted sets that serve the reads (``redis_store``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from db import pubsub
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.leaderboards import periods, scores, sources, store
from resolvers.leaderboards.redis_store import RedisBoards
from resolvers.leaderboards.store import Standing

ERRORS = ErrorCodes("leaderboards", "UNKNOWN_BOARD", "UNKNOWN_PERIOD", "INVALID_FIRST", "FUTURE_PERIOD")
LEDGER_BOARD = "coins"
MAX_FIRST = 100
AROUND = 2
CONSUMER = "leaderboards"
pubsub.public_subjects("leaderboard")


@dataclass(frozen=True)
class Board:
    board: str
    period: str
    period_key: str
    entries: list[Standing]
    viewer: Standing | None
    around: list[Standing]


def boards() -> tuple[str, ...]:
    return (LEDGER_BOARD, *sorted(sources.EVENT_BOARDS))


def check(board: str, period: str, first: int) -> int:
    if board not in boards():
        raise DomainError(
            "UNKNOWN_BOARD", f"There is no board {board!r}; boards: {', '.join(boards())}.", "board"
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
    mirror: RedisBoards | None = None,
    at: datetime | None = None,
) -> Board:
    """The top ``first`` (at most 100) of the period holding ``at`` (default now; past periods are
    kept), the viewer's own standing and the players just above and below them; each with their
    rank in the period before (None for ALL_TIME or when they were not ranked)."""
    limit = check(board, period, first)
    now = clock.now()
    at = None if at is None else periods.utc(at)
    if at is not None and at > now:
        raise DomainError("FUTURE_PERIOD", "That period has not begun yet.", "at")
    when = now if at is None else at
    reader = await _reader(session, board, period, when, mirror)
    entries = await reader.top(limit)
    viewer = next((e for e in entries if e.user_id == viewer_id), None)
    if viewer is None and viewer_id is not None:
        viewer = await reader.standing_of(viewer_id)
    around: list[Standing] = []
    if viewer is not None:
        start = max(0, viewer.rank - 1 - AROUND)
        around = await reader.top(viewer.rank - start + AROUND, offset=start)
    before = periods.previous(period, when)
    if before is not None:
        shown = {e.user_id for e in [*entries, *around]} | ({viewer.user_id} if viewer else set())
        previous = await _reader(session, board, period, before[0], mirror)
        ranks = await previous.ranks_of(shown)
        entries = [replace(e, previous_rank=ranks.get(e.user_id)) for e in entries]
        around = [replace(e, previous_rank=ranks.get(e.user_id)) for e in around]
        viewer = replace(viewer, previous_rank=ranks.get(viewer.user_id)) if viewer else None
    return Board(board, period, periods.key(period, when), entries, viewer, around)


@dataclass(frozen=True)
class _Reader:
    """One board over one period, whichever store holds it."""

    session: AsyncSession
    board: str
    period: str
    at: datetime
    mirror: RedisBoards | None

    @property
    def key(self) -> str:
        return periods.key(self.period, self.at)

    async def top(self, limit: int, offset: int = 0) -> list[Standing]:
        if self.board == LEDGER_BOARD:
            span = periods.window(self.period, self.at)
            return await store.top(self.session, span, limit=limit, offset=offset)
        if self.mirror is not None:
            return await self.mirror.top(self.board, self.key, limit=limit, offset=offset)
        return await scores.top(self.session, self.board, self.key, limit=limit, offset=offset)

    async def standing_of(self, user_id: int) -> Standing | None:
        if self.board == LEDGER_BOARD:
            return await store.standing_of(self.session, periods.window(self.period, self.at), user_id)
        if self.mirror is not None:
            return await self.mirror.standing_of(self.board, self.key, user_id)
        return await scores.standing_of(self.session, self.board, self.key, user_id)

    async def ranks_of(self, user_ids: set[int]) -> dict[int, int]:
        if self.board == LEDGER_BOARD:
            return await store.ranks_of(self.session, periods.window(self.period, self.at), user_ids)
        if self.mirror is not None:
            return await self.mirror.ranks_of(self.board, self.key, user_ids)
        return await scores.ranks_of(self.session, self.board, self.key, user_ids)


async def _reader(
    session: AsyncSession, board: str, period: str, at: datetime, mirror: RedisBoards | None
) -> _Reader:
    """Reads the Redis mirror when the period's set exists there, else SQL."""
    if mirror is not None and board != LEDGER_BOARD:
        if not await mirror.has(session, board, periods.key(period, at)):
            mirror = None
    return _Reader(session, board, period, at, mirror if board != LEDGER_BOARD else None)
