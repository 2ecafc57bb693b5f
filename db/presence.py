"""Who is online: a player is while one of their live WebSocket connections is open.

The server enters a connection when its ``connection_init`` is acknowledged and leaves it when the
socket closes. In process (embedded mode) that is a counter per user. With Redis (scaled mode)
each user has a sorted set ``presence:<user>`` of connection ids scored by when they expire; a
connection's entry is refreshed every ``ttl / 3`` seconds, so the connections of a process that
died stop counting after ``ttl`` seconds, and every ``serve`` process sees every connection. One
task per process refreshes the connections that are due, in one pipeline (a task and a round trip
per connection cost 1,000 idle sockets about 3 % of a core; each connection's first refresh comes
at a random point of the period, so the batches stay small).

``enter`` answers the user's open connections, oldest first (``presence-since:<user>`` keeps when
each opened), so the server can close the oldest beyond its limit in whichever process holds it.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Iterable
from typing import Any, Protocol

KEY = "presence:{}"
SINCE = "presence-since:{}"
TTL_SECONDS = 60.0


class Presence(Protocol):
    async def enter(self, user_id: int, connection: str) -> list[str]: ...

    async def leave(self, user_id: int, connection: str) -> None: ...

    async def online(self, user_ids: Iterable[int]) -> set[int]: ...


class MemoryPresence:
    def __init__(self) -> None:
        self._open: dict[int, dict[str, None]] = {}

    async def enter(self, user_id: int, connection: str) -> list[str]:
        mine = self._open.setdefault(user_id, {})
        mine[connection] = None
        return list(mine)

    async def leave(self, user_id: int, connection: str) -> None:
        mine = self._open.get(user_id, {})
        mine.pop(connection, None)
        if not mine:
            self._open.pop(user_id, None)

    async def online(self, user_ids: Iterable[int]) -> set[int]:
        return {u for u in user_ids if self._open.get(u)}


class RedisPresence:
    def __init__(self, redis: Any, *, ttl: float = TTL_SECONDS) -> None:
        self.redis = redis
        self.ttl = ttl
        self.every = ttl / 3
        self._due: dict[str, tuple[int, float]] = {}  # connection: (user, next refresh, loop time)
        self._task: asyncio.Task[None] | None = None
        self._batch: asyncio.Future[None] | None = None

    async def _mark(self, user_id: int, connection: str) -> None:
        key = KEY.format(user_id)
        now = time.time()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {connection: now + self.ttl})
            pipe.zremrangebyscore(key, "-inf", now)
            pipe.expire(key, int(self.ttl) + 1)
            await pipe.execute()

    async def refresh_due(self, now: float) -> int:
        """Refreshes, in one pipeline, the connections due by loop time ``now``; how many."""
        due = [(c, u) for c, (u, at) in self._due.items() if at <= now]
        if not due:
            return 0
        for connection, user_id in due:
            self._due[connection] = (user_id, now + self.every)
        batch = asyncio.ensure_future(self._write(due))
        self._batch = batch
        try:
            await asyncio.shield(batch)
        finally:
            if self._batch is batch:
                self._batch = None
        return len(due)

    async def _write(self, due: list[tuple[str, int]]) -> None:
        now = time.time()
        async with self.redis.pipeline(transaction=False) as pipe:
            for connection, user_id in due:
                key = KEY.format(user_id)
                pipe.zadd(key, {connection: now + self.ttl})
                pipe.zremrangebyscore(key, "-inf", now)
                pipe.expire(key, int(self.ttl) + 1)
            await pipe.execute()

    async def _refresh(self) -> None:
        loop = asyncio.get_running_loop()
        while self._due:
            await asyncio.sleep(min(1.0, self.every / 20))
            with contextlib.suppress(Exception):
                await self.refresh_due(loop.time())
        self._task = None

    async def enter(self, user_id: int, connection: str) -> list[str]:
        await self._mark(user_id, connection)
        loop = asyncio.get_running_loop()
        self._due[connection] = (user_id, loop.time() + self.every * random.random())
        if self._task is None:
            self._task = asyncio.create_task(self._refresh())
        since = SINCE.format(user_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(since, {connection: time.time()}, nx=True)
            pipe.expire(since, 86_400)
            pipe.zrange(since, 0, -1)
            pipe.zrangebyscore(KEY.format(user_id), f"({time.time()}", "+inf")
            *_, ordered, alive = await pipe.execute()
        live = {_text(c) for c in alive}
        dead = [c for c in ordered if _text(c) not in live]
        if dead:
            await self.redis.zrem(since, *dead)
        return [_text(c) for c in ordered if _text(c) in live]

    async def leave(self, user_id: int, connection: str) -> None:
        self._due.pop(connection, None)
        batch = self._batch
        if batch is not None:  # a refresh in flight must not add the connection back after this
            with contextlib.suppress(Exception):
                await asyncio.shield(batch)
        await self.redis.zrem(KEY.format(user_id), connection)
        await self.redis.zrem(SINCE.format(user_id), connection)

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


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def create_presence(redis: Any | None) -> Presence:
    return RedisPresence(redis) if redis is not None else MemoryPresence()
