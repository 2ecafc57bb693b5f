"""The scaled mode's mirror of event boards: one Redis sorted set per (board, period).

Members are ``MAX_ID - user_id`` zero-padded, so equal scores read back in user-id order (Redis
orders equal scores by member, reversed in a descending read). Writes set absolute scores (taken
from the SQL row just upserted), so a replayed event sets the same value again. A period whose set
is missing (a new Redis, a flush) is seeded from SQL before its first write and read from SQL
until then.

Keys are scoped by a token the database keeps (``scope_of``), made by the mirror's first write: a
Redis shared by several databases (test clusters, two deployments) or kept while the database is
re-created never serves another database's players — ids this database may not have, read back as
entries without a user.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue
from db.models.leaderboards import LeaderboardScore
from db.types import utcnow
from resolvers.leaderboards.scores import Write
from resolvers.leaderboards.store import Standing

MAX_ID = 10**18
PREFIX = "lucas:lb:"
SCOPE_KEY = "leaderboards.mirror"
_SCOPE = select(col(ConfigValue.value)).where(col(ConfigValue.key) == SCOPE_KEY)


def key_of(scope: str, board: str, period_key: str) -> str:
    return f"{PREFIX}{scope}:{board}:{period_key}"


async def scope_of(session: AsyncSession, *, create: bool = False) -> str | None:
    """This database's mirror token; ``create`` makes it when missing (in the writer's transaction,
    so a rolled-back first write leaves no token behind)."""
    found = (await session.execute(_SCOPE)).scalar_one_or_none()
    if found is None and create:
        row = {"key": SCOPE_KEY, "value": secrets.token_hex(8), "updated_at": utcnow()}
        await session.execute(insert_for(session, ConfigValue).values(**row).on_conflict_do_nothing())
        found = (await session.execute(_SCOPE)).scalar_one()
    return None if found is None else str(found)


def member(user_id: int) -> str:
    return f"{MAX_ID - user_id:019d}"


def user_of(value: bytes | str) -> int:
    return MAX_ID - int(value)


class RedisBoards:
    """One database's mirror. Reads first ask ``has``, which learns the database's token (kept once
    seen: it never changes after its first commit); without a token there is no mirror yet."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.scope: str | None = None

    def key(self, board: str, period_key: str) -> str:
        assert self.scope is not None, "has() first"
        return key_of(self.scope, board, period_key)

    async def has(self, session: AsyncSession, board: str, period_key: str) -> bool:
        if self.scope is None:
            self.scope = await scope_of(session)
            if self.scope is None:
                return False
        return bool(await self.client.exists(self.key(board, period_key)))

    async def write(self, session: AsyncSession, writes: list[Write]) -> None:
        scope = await scope_of(session, create=True)
        assert scope is not None
        for board, period_key in sorted({(w.board, w.period_key) for w in writes}):
            if not await self.client.exists(key_of(scope, board, period_key)):
                await self._seed(session, scope, board, period_key)
        pipe = self.client.pipeline(transaction=False)
        for w in writes:
            pipe.zadd(key_of(scope, w.board, w.period_key), {member(w.user_id): w.score})
        await pipe.execute()

    async def _seed(self, session: AsyncSession, scope: str, board: str, period_key: str) -> None:
        rows = await session.execute(
            select(col(LeaderboardScore.user_id), col(LeaderboardScore.score)).where(
                col(LeaderboardScore.board) == board, col(LeaderboardScore.period_key) == period_key
            )
        )
        mapping = {member(int(u)): int(s) for u, s in rows.all()}
        if mapping:
            await self.client.zadd(key_of(scope, board, period_key), mapping)

    async def top(self, board: str, period_key: str, *, limit: int, offset: int = 0) -> list[Standing]:
        key = self.key(board, period_key)
        found = await self.client.zrange(key, offset, offset + limit - 1, desc=True, withscores=True)
        ranked = [(user_of(m), int(s)) for m, s in found if s > 0]
        return [Standing(rank=n, user_id=u, score=s) for n, (u, s) in enumerate(ranked, start=offset + 1)]

    async def standing_of(self, board: str, period_key: str, user_id: int) -> Standing | None:
        key = self.key(board, period_key)
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
            pipe.zrevrank(self.key(board, period_key), member(user_id))
        ranks = await pipe.execute()
        return {u: int(r) + 1 for u, r in zip(ordered, ranks, strict=True) if r is not None}
