"""The scores of event boards: written by the ``leaderboards`` consumer, read by rank.

In SQL (both modes) a row per (board, period, player). In the scaled mode each period is also a
Redis sorted set (``redis_store``), written with the absolute score after the SQL upsert, so a
replayed event converges rather than counting twice.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Event
from db.models.leaderboards import LeaderboardApplied, LeaderboardScore
from resolvers.leaderboards import periods, sources
from resolvers.leaderboards.store import Standing


@dataclass(frozen=True)
class Write:
    """A score as it stands after an event: what the Redis mirror sets."""

    board: str
    period_key: str
    user_id: int
    score: int


async def apply(session: AsyncSession, event: Event) -> list[Write]:
    """Counts one event on every board that takes its kind (once per board and event)."""
    writes: list[Write] = []
    for spec in sources.boards_for(event.kind):
        pairs = [(u, p) for u, p in spec.points(event) if p > 0]
        if not pairs:
            continue
        fresh = await session.execute(
            insert_for(session, LeaderboardApplied)
            .values(board=spec.name, event_id=event.id)
            .on_conflict_do_nothing()
            .returning(col(LeaderboardApplied.event_id))
        )
        if fresh.scalar_one_or_none() is None:
            continue
        keys = [periods.key(p, event.created_at) for p in periods.PERIODS]
        for user_id, points in pairs:
            for key in keys:
                stmt = insert_for(session, LeaderboardScore).values(
                    board=spec.name, period_key=key, user_id=user_id, score=points
                )
                row = await session.execute(
                    stmt.on_conflict_do_update(
                        index_elements=["board", "period_key", "user_id"],
                        set_={"score": col(LeaderboardScore.score) + points},
                    ).returning(col(LeaderboardScore.score))
                )
                writes.append(Write(spec.name, key, user_id, int(row.scalar_one())))
    return writes


def _of(board: str, key: str) -> tuple[object, ...]:
    return (col(LeaderboardScore.board) == board, col(LeaderboardScore.period_key) == key)


async def top(session: AsyncSession, board: str, key: str, *, limit: int, offset: int = 0) -> list[Standing]:
    rows = await session.execute(
        select(col(LeaderboardScore.user_id), col(LeaderboardScore.score))
        .where(*_of(board, key), col(LeaderboardScore.score) > 0)  # type: ignore[arg-type]
        .order_by(col(LeaderboardScore.score).desc(), col(LeaderboardScore.user_id))
        .offset(offset)
        .limit(limit)
    )
    ranked = enumerate(rows.all(), start=offset + 1)
    return [Standing(rank=n, user_id=int(u), score=int(s)) for n, (u, s) in ranked]


async def standing_of(session: AsyncSession, board: str, key: str, user_id: int) -> Standing | None:
    mine = (
        await session.execute(
            select(col(LeaderboardScore.score)).where(
                *_of(board, key),  # type: ignore[arg-type]
                col(LeaderboardScore.user_id) == user_id,
            )
        )
    ).scalar_one_or_none()
    if mine is None or mine <= 0:
        return None
    ahead = or_(
        col(LeaderboardScore.score) > mine,
        and_(col(LeaderboardScore.score) == mine, col(LeaderboardScore.user_id) < user_id),
    )
    count = (
        await session.execute(
            select(func.count()).select_from(LeaderboardScore).where(*_of(board, key), ahead)  # type: ignore[arg-type]
        )
    ).scalar_one()
    return Standing(rank=int(count) + 1, user_id=user_id, score=int(mine))


async def ranks_of(session: AsyncSession, board: str, key: str, user_ids: Collection[int]) -> dict[int, int]:
    """The ranks these players held on the board over the period ``key`` (those who were ranked)."""
    if not user_ids:
        return {}
    order = func.row_number().over(
        order_by=(col(LeaderboardScore.score).desc(), col(LeaderboardScore.user_id))
    )
    ranked = (
        select(col(LeaderboardScore.user_id).label("user_id"), order.label("rank"))
        .where(*_of(board, key), col(LeaderboardScore.score) > 0)  # type: ignore[arg-type]
        .subquery()
    )
    rows = await session.execute(
        select(ranked.c.user_id, ranked.c.rank).where(ranked.c.user_id.in_(sorted(user_ids)))
    )
    return {int(u): int(r) for u, r in rows.all()}
