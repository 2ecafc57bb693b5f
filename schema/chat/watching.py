"""Who has a private conversation open live: a player watches ``dm:<a>:<b>`` while their
``chatMessage`` subscription to it is open. ``chatSend`` asks it so a private message notifies only
a recipient who would not see it.

In process (embedded mode) a counter per (player, conversation). With Redis (scaled mode) a sorted
set ``chat-watch:<user>:<key>`` of watch ids scored by when they expire, refreshed every ``ttl / 3``
seconds like presence (``db/presence.py``), so every ``serve`` process sees every open page and
the watches of a process that died stop counting after ``ttl`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any, Protocol

KEY = "chat-watch:{}:{}"
TTL_SECONDS = 60.0


class Watching(Protocol):
    def watch(self, user_id: int, key: str) -> contextlib.AbstractAsyncContextManager[None]: ...

    async def watching(self, user_id: int, key: str) -> bool: ...


class MemoryWatching:
    def __init__(self) -> None:
        self._open: Counter[tuple[int, str]] = Counter()

    @contextlib.asynccontextmanager
    async def watch(self, user_id: int, key: str) -> AsyncIterator[None]:
        self._open[(user_id, key)] += 1
        try:
            yield
        finally:
            self._open[(user_id, key)] -= 1
            if self._open[(user_id, key)] <= 0:
                del self._open[(user_id, key)]

    async def watching(self, user_id: int, key: str) -> bool:
        return self._open.get((user_id, key), 0) > 0


class RedisWatching:
    def __init__(self, redis: Any, *, ttl: float = TTL_SECONDS) -> None:
        self.redis = redis
        self.ttl = ttl

    async def _mark(self, name: str, token: str) -> None:
        now = time.time()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(name, {token: now + self.ttl})
            pipe.zremrangebyscore(name, "-inf", now)
            pipe.expire(name, int(self.ttl) + 1)
            await pipe.execute()

    async def _refresh(self, name: str, token: str) -> None:
        while True:
            await asyncio.sleep(self.ttl / 3)
            with contextlib.suppress(Exception):
                await self._mark(name, token)

    @contextlib.asynccontextmanager
    async def watch(self, user_id: int, key: str) -> AsyncIterator[None]:
        name, token = KEY.format(user_id, key), uuid.uuid4().hex
        await self._mark(name, token)
        refresher = asyncio.create_task(self._refresh(name, token))
        try:
            yield
        finally:
            refresher.cancel()
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await self.redis.zrem(name, token)

    async def watching(self, user_id: int, key: str) -> bool:
        count = await self.redis.zcount(KEY.format(user_id, key), f"({time.time()}", "+inf")
        return int(count) > 0


def of(extras: dict[str, Any]) -> Watching:
    """The process's registry, made on first use: on Redis when the server has one (its presence
    registry holds the client), in process otherwise."""
    found = extras.get("chat_watching")
    if found is None:
        redis = getattr(extras.get("presence"), "redis", None)
        found = RedisWatching(redis) if redis is not None else MemoryWatching()
        extras["chat_watching"] = found
    return found
