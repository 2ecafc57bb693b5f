"""Pub/sub for live subscriptions: one small interface, two adapters (in-process and Redis).

broadcaster's Redis backend marks itself ready before it awaits the subscription; with redis-py 8
its listener then sees no channels and waits forever, delivering nothing. ``_RedisBackend``
subscribes first and then marks itself ready.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

from broadcaster import Broadcast
from broadcaster._backends.redis import RedisBackend


class PubSub(Protocol):
    async def connect(self) -> None: ...

    async def disconnect(self) -> None: ...

    async def publish(self, channel: str, message: dict[str, Any]) -> None: ...

    def subscribe(self, channel: str) -> Any: ...


class _RedisBackend(RedisBackend):
    async def subscribe(self, channel: str) -> None:
        await self._pubsub.subscribe(channel)
        self._ready.set()


class BroadcastPubSub:
    """Messages are JSON objects; each subscriber gets its own queue of them."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith(("redis://", "rediss://")):
            self._broadcast = Broadcast(backend=_RedisBackend(url))
        else:
            self._broadcast = Broadcast(url)
        self._connected = False

    async def connect(self) -> None:
        if not self._connected:
            await self._broadcast.connect()
            self._connected = True

    async def disconnect(self) -> None:
        if self._connected:
            self._connected = False
            await self._broadcast.disconnect()

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        await self._broadcast.publish(channel, json.dumps(message, separators=(",", ":")))

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
        async with self._broadcast.subscribe(channel) as subscriber:

            async def messages() -> AsyncIterator[dict[str, Any]]:
                async for event in subscriber:  # type: ignore[union-attr]
                    if event is not None:
                        yield json.loads(event.message)

            yield messages()


def create_pubsub(redis_url: str | None) -> BroadcastPubSub:
    return BroadcastPubSub(redis_url or "memory://")


def user_channel(user_id: int) -> str:
    return f"lucas:user:{user_id}"
