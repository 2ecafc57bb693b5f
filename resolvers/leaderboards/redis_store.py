"""The scaled mode's mirror of event boards: one Redis sorted set per (board, period).

Members are ``MAX_ID - user_id`` zero-padded, so equal scores read back in user-id order (Redis
orders equal scores by member, reversed in a descending read). Writes set absolute scores (taken
from the SQL row just upserted), so a replayed event sets the same value again. A period whose set
is missing (a new Redis, a flush) is seeded from SQL before its first write and read from SQL
until then.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.leaderboards import LeaderboardScore
from resolvers.leaderboards.scores import Write
from resolvers.leaderboards.store import Standing

MAX_ID = 10**18
PREFIX = "lucas:lb:"


def key_of(board: str, period_key: str) -> str:
    return f"{PREFIX}{board}:{period_key}"


def member(user_id: int) -> str:
    return f"{MAX_ID - user_id:019d}"


def user_of(value: bytes | str) -> int:
    return MAX_ID - int(value)


class RedisBoards:
    def __init__(self, client: Any) -> None:
        self.client = client

    async def has(self, board: str, period_key: str) -> bool:
        return bool(await self.client.exists(key_of(board, period_key)))

    async def write(self, session: AsyncSession, writes: list[Write]) -> None:
        for board, period_key in sorted({(w.board, w.period_key) for w in writes}):
            if not await self.has(board, period_key):
                await self._seed(session, board, period_key)
        pipe = self.client.pipeline(transaction=False)
        for w in writes:
            pipe.zadd(key_of(w.board, w.period_key), {member(w.user_id): w.score})
        await pipe.execute()

    async def _seed(self, session: AsyncSession, board: str, period_key: str) -> None:
        rows = await session.execute(
            select(col(LeaderboardScore.user_id), col(LeaderboardScore.score)).where(
                col(LeaderboardScore.board) == board, col(LeaderboardScore.period_key) == period_key
            )
        )
        mapping = {member(int(u)): int(s) for u, s in rows.all()}
        if mapping:
            await self.client.zadd(key_of(board, period_key), mapping)

    async def top(self, board: str, period_key: str, *, limit: int, offset: int = 0) -> list[Standing]:
        key = key_of(board, period_key)
        found = await self.client.zrange(key, offset, offset + limit - 1, desc=True, withscores=True)
        ranked = [(user_of(m), int(s)) for m, s in found if s > 0]
        return [Standing(rank=n, user_id=u, score=s) for n, (u, s) in enumerate(ranked, start=offset + 1)]

    async def standing_of(self, board: str, period_key: str, user_id: int) -> Standing | None:
        key = key_of(board, period_key)
        pipe = self.client.pipeline(transaction=False)
        pipe.zscore(key, member(user_id))
        pipe.zrevrank(key, member(user_id))
        score, rank = await pipe.execute()
        if score is None or score <= 0 or rank is None:
            return None
        return Standing(rank=int(rank) + 1, user_id=user_id, score=int(score))

    async def ranks_of(self, board: str, period_key: str, user_ids: Collection[int]) -> dict[int, int]:
        ordered = sorted(user_ids)
        if not ordered:
            return {}
        pipe = self.client.pipeline(transaction=False)
        for user_id in ordered:
            pipe.zrevrank(key_of(board, period_key), member(user_id))
        ranks = await pipe.execute()
        return {u: int(r) + 1 for u, r in zip(ordered, ranks, strict=True) if r is not None}
