"""A process listens for socket evictions on one subscription while it holds sockets, whichever
pub/sub carries them, and closes only the sockets an eviction names that it holds."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest

from db.pubsub import BroadcastPubSub
from server.evictions import CHANNEL, Evictions, eviction
from tests.conftest import REDIS_URL, need
from tests.server.support import wait_until


@pytest.mark.parametrize("adapter", ["memory", "redis"])
async def test_one_subscription_a_process_closes_the_named_sockets_it_holds(adapter: str) -> None:
    pubsub = BroadcastPubSub("memory://" if adapter == "memory" else need(REDIS_URL, "Redis"))
    await pubsub.connect()
    subscriptions: list[str] = []

    @contextlib.asynccontextmanager
    async def counted(channel: str) -> AsyncIterator[Any]:
        subscriptions.append(channel)
        async with pubsub.subscribe(channel) as messages:
            yield messages

    try:
        evictions = Evictions(counted)
        closed: list[str] = []

        def closer(key: str) -> Any:
            async def close() -> None:
                closed.append(key)

            return close

        for key in ("a", "b", "c", "e"):
            await evictions.hold(key, closer(key))
        assert subscriptions == [CHANNEL]

        await pubsub.publish(CHANNEL, eviction(["a", "elsewhere", "c"]))
        await wait_until(lambda: sorted(closed) == ["a", "c"], what="a and c closed")
        await pubsub.publish(CHANNEL, {"kind": "something.else", "connections": ["b"]})
        await pubsub.publish(CHANNEL, eviction(["a", "e"]))  # a is closed already: not again
        await wait_until(lambda: "e" in closed, what="e closed")
        assert sorted(closed) == ["a", "c", "e"]  # one channel keeps order: b was not closed
        await pubsub.publish(CHANNEL, eviction(["b"]))
        await wait_until(lambda: "b" in closed, what="b closed")
        assert sorted(closed) == ["a", "b", "c", "e"]

        for key in ("a", "b", "c", "e"):
            await evictions.release(key)
        await evictions.hold("d", closer("d"))  # the last release ended the subscription
        assert subscriptions == [CHANNEL, CHANNEL]
        await pubsub.publish(CHANNEL, eviction(["d"]))
        await wait_until(lambda: closed[-1:] == ["d"], what="d closed")
        await evictions.release("d")
    finally:
        await pubsub.disconnect()
