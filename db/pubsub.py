"""Pub/sub for live subscriptions: one small interface, two adapters (in-process and Redis), and
the publishing of committed events to their audience's channels, shared by the server and the
workers (a job's events reach a subscriber held on any ``serve`` process).

broadcaster's Redis backend marks itself ready before it awaits the subscription; with redis-py 8
its listener then sees no channels and waits forever, delivering nothing. ``_RedisBackend``
subscribes first and then marks itself ready.

broadcaster's ``subscribe`` also races: the first subscriber of a channel awaits the Redis
SUBSCRIBE, and a second one arriving meanwhile sees no subscribers either, so each replaces the
other's queue and all but the last never receive anything (1,000 sockets subscribing to one chat
channel lost most of them). ``BroadcastPubSub`` enters and leaves broadcaster's subscriptions one
at a time.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any, Protocol

from broadcaster import Broadcast
from broadcaster._backends.redis import RedisBackend

from db.models import Event


class Publisher(Protocol):
    async def publish(self, channel: str, message: dict[str, Any]) -> None: ...


class PubSub(Publisher, Protocol):
    async def connect(self) -> None: ...

    async def disconnect(self) -> None: ...

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
        self._registry = asyncio.Lock()

    async def connect(self) -> None:
        if not self._connected:
            await self._broadcast.connect()
            self._connected = True

    async def disconnect(self) -> None:
        if self._connected:
            self._connected = False
            await self._broadcast.disconnect()

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        await self._broadcast.publish(channel, _encode(message))

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
        stack = AsyncExitStack()
        async with self._registry:
            subscriber = await stack.enter_async_context(self._broadcast.subscribe(channel))
        try:

            async def messages() -> AsyncIterator[dict[str, Any]]:
                async for event in subscriber:  # type: ignore[union-attr]
                    if event is not None:
                        yield json.loads(event.message)

            yield messages()
        finally:
            async with self._registry:
                await stack.aclose()


def create_pubsub(redis_url: str | None) -> BroadcastPubSub:
    return BroadcastPubSub(redis_url or "memory://")


def user_channel(user_id: int) -> str:
    return f"lucas:user:{user_id}"


_PUBLIC_SUBJECTS: set[str] = set()


def public_subjects(kind: str) -> None:
    """Events about subjects of this kind (``auction`` for ``auction:7``) also go to the subject's
    channel, which anyone watching the subject may subscribe to (``auctionChanged(id)``)."""
    _PUBLIC_SUBJECTS.add(kind)


def subject_channel(subject: str) -> str:
    return f"lucas:subject:{subject}"


def _channels(event: Event) -> list[str]:
    channels = [user_channel(user_id) for user_id in event.audience]
    if event.subject and event.subject.split(":", 1)[0] in _PUBLIC_SUBJECTS:
        channels.append(subject_channel(event.subject))
    return channels


def _encode(message: dict[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":"))


def event_message(event: Event) -> dict[str, Any]:
    return {"id": event.id, "kind": event.kind, "payload": event.payload}


async def publish_events(publisher: Publisher, events: list[Event]) -> list[Event]:
    """Each event to each of its audience's channels (and its public subject's); returns the events some
    channel missed."""
    missed: list[Event] = []
    for event in events:
        message = event_message(event)
        for channel in _channels(event):
            try:
                await publisher.publish(channel, message)
            except Exception:
                missed.append(event)
    return missed


class RedisPublisher:
    """Publish only (a worker process): plain Redis PUBLISH in broadcaster's format, on a client
    made in the event loop of the first call (Dramatiq's, in a worker)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._client: Any = None

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        if self._client is None:
            from redis.asyncio import Redis

            self._client = Redis.from_url(self.url)
        await self._client.publish(channel, _encode(message))

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
