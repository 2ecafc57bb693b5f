"""Who is online: a player is while one of their live WebSocket connections is open.

The server enters a connection when its ``connection_init`` is acknowledged and leaves it when the
socket closes. In process (embedded mode) that is a counter per user. With Redis (scaled mode)
each user has a sorted set ``presence:<user>`` of connection ids scored by when they expire; a
connection refreshes its entry every ``ttl / 3`` seconds, so the connections of a process that
died stop counting after ``ttl`` seconds, and every ``serve`` process sees every connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Iterable
from typing import Any, Protocol

KEY = "presence:{}"
TTL_SECONDS = 60.0


class Presence(Protocol):
    async def enter(self, user_id: int, connection: str) -> None: ...

    async def leave(self, user_id: int, connection: str) -> None: ...

    async def online(self, user_ids: Iterable[int]) -> set[int]: ...


class MemoryPresence:
    def __init__(self) -> None:
        self._open: Counter[int] = Counter()

    async def enter(self, user_id: int, connection: str) -> None:
        self._open[user_id] += 1

    async def leave(self, user_id: int, connection: str) -> None:
        self._open[user_id] -= 1
        if self._open[user_id] <= 0:
            del self._open[user_id]

    async def online(self, user_ids: Iterable[int]) -> set[int]:
        return {u for u in user_ids if self._open.get(u, 0) > 0}


class RedisPresence:
    def __init__(self, redis: Any, *, ttl: float = TTL_SECONDS) -> None:
        self.redis = redis
        self.ttl = ttl
        self._refreshers: dict[str, asyncio.Task[None]] = {}

    async def _mark(self, user_id: int, connection: str) -> None:
        key = KEY.format(user_id)
        now = time.time()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {connection: now + self.ttl})
            pipe.zremrangebyscore(key, "-inf", now)
            pipe.expire(key, int(self.ttl) + 1)
            await pipe.execute()

    async def _refresh(self, user_id: int, connection: str) -> None:
        while True:
            await asyncio.sleep(self.ttl / 3)
            with contextlib.suppress(Exception):
                await self._mark(user_id, connection)

    async def enter(self, user_id: int, connection: str) -> None:
        await self._mark(user_id, connection)
        self._refreshers[connection] = asyncio.create_task(self._refresh(user_id, connection))

    async def leave(self, user_id: int, connection: str) -> None:
        task = self._refreshers.pop(connection, None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.redis.zrem(KEY.format(user_id), connection)

    async def online(self, user_ids: Iterable[int]) -> set[int]:
        ids = list(dict.fromkeys(user_ids))
        if not ids:
            return set()
        now = time.time()
        async with self.redis.pipeline(transaction=False) as pipe:
            for user_id in ids:
                pipe.zcount(KEY.format(user_id), f"({now}", "+inf")
            counts = await pipe.execute()
        return {u for u, n in zip(ids, counts, strict=True) if int(n) > 0}


def create_presence(redis: Any | None) -> Presence:
    return RedisPresence(redis) if redis is not None else MemoryPresence()
