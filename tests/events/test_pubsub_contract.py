"""One contract for both pub/sub adapters (in-process ``memory://`` and the real Redis).

The Redis run guards the broadcaster 0.3.1 / redis-py 8 trap: its backend marked itself ready
before subscribing, so the listener saw no channel and nothing was ever delivered.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from redis.asyncio import Redis

from server.pubsub import BroadcastPubSub, create_pubsub, user_channel
from tests.conftest import REDIS_URL, need
from tests.server.support import wait_until

RECEIVE_DEADLINE = 10.0


@pytest.fixture(params=["memory", "redis"])
def url(request: pytest.FixtureRequest) -> str:
    return "memory://" if request.param == "memory" else need(REDIS_URL, "Redis")


@pytest.fixture
async def pubsub(url: str) -> AsyncIterator[BroadcastPubSub]:
    adapter = create_pubsub(None if url == "memory://" else url)
    await adapter.connect()
    yield adapter
    await adapter.disconnect()


def channel() -> str:
    return f"test:{uuid.uuid4().hex}"


async def receive(messages: Any, n: int) -> list[dict[str, Any]]:
    async def take() -> list[dict[str, Any]]:
        return [await anext(messages) for _ in range(n)]

    return await asyncio.wait_for(take(), RECEIVE_DEADLINE)


async def nothing_more(messages: Any, *, after_marker_on: BroadcastPubSub, channel: str) -> list[Any]:
    """What arrives before a marker published after everything else: proves absence without sleeping."""
    await after_marker_on.publish(channel, {"marker": True})
    seen = []
    while True:
        message = await asyncio.wait_for(anext(messages), RECEIVE_DEADLINE)
        if message == {"marker": True}:
            return seen
        seen.append(message)


def test_the_factory_picks_the_adapter() -> None:
    assert create_pubsub(None).url == "memory://"
    assert create_pubsub("redis://127.0.0.1:1/0").url == "redis://127.0.0.1:1/0"
    assert user_channel(42) == "lucas:user:42"


async def test_subscribe_then_publish_delivers_in_order(pubsub: BroadcastPubSub) -> None:
    name = channel()
    async with pubsub.subscribe(name) as messages:
        for i in range(5):
            await pubsub.publish(name, {"n": i, "text": "привет"})
        got = await receive(messages, 5)
    assert got == [{"n": i, "text": "привет"} for i in range(5)]


async def test_two_subscribers_both_receive(pubsub: BroadcastPubSub) -> None:
    name = channel()
    async with pubsub.subscribe(name) as first, pubsub.subscribe(name) as second:
        await pubsub.publish(name, {"id": 1})
        await pubsub.publish(name, {"id": 2})
        got_first = await receive(first, 2)
        got_second = await receive(second, 2)
    assert got_first == got_second == [{"id": 1}, {"id": 2}]


async def test_messages_on_another_channel_are_not_received(pubsub: BroadcastPubSub) -> None:
    mine, other = channel(), channel()
    async with pubsub.subscribe(mine) as messages, pubsub.subscribe(other) as others:
        await pubsub.publish(other, {"for": "other"})
        await pubsub.publish(mine, {"for": "me"})
        got = await receive(messages, 1)
        rest = await nothing_more(messages, after_marker_on=pubsub, channel=mine)
        assert await receive(others, 1) == [{"for": "other"}]
    assert got == [{"for": "me"}]
    assert rest == []


async def test_unsubscribe_cleans_up(pubsub: BroadcastPubSub, url: str) -> None:
    name = channel()
    async with pubsub.subscribe(name) as messages:
        await pubsub.publish(name, {"n": 1})
        assert await receive(messages, 1) == [{"n": 1}]
        assert name in pubsub._broadcast._subscribers
    # After leaving, we hold nothing for the channel, and (Redis) the server forgets our subscription
    assert name not in pubsub._broadcast._subscribers
    if url != "memory://":
        redis = Redis.from_url(url)
        try:

            async def gone() -> bool:
                return dict(await redis.pubsub_numsub(name)).get(name.encode(), 0) == 0

            await wait_until(gone, what="Redis still lists the subscription")
        finally:
            await redis.aclose()
    # And publishing to it is harmless
    await pubsub.publish(name, {"n": 2})


async def test_a_subscriber_that_leaves_does_not_stop_the_other(pubsub: BroadcastPubSub) -> None:
    name = channel()
    async with pubsub.subscribe(name) as staying:
        async with pubsub.subscribe(name) as leaving:
            await pubsub.publish(name, {"n": 1})
            assert await receive(leaving, 1) == [{"n": 1}]
        await pubsub.publish(name, {"n": 2})
        assert await receive(staying, 2) == [{"n": 1}, {"n": 2}]


async def test_subscribing_again_after_everyone_left_still_delivers(pubsub: BroadcastPubSub) -> None:
    # The Redis listener stops when no channel is left and must start again on the next subscription
    for round_ in range(3):
        name = channel()
        async with pubsub.subscribe(name) as messages:
            await pubsub.publish(name, {"round": round_})
            assert await receive(messages, 1) == [{"round": round_}]


async def test_a_message_nobody_listened_to_is_not_replayed(pubsub: BroadcastPubSub) -> None:
    # Given a message on a channel nobody subscribes to, and proof that it went through (a probe
    # published after it on another channel has arrived)
    name, probe = channel(), channel()
    async with pubsub.subscribe(probe) as probes:
        await pubsub.publish(name, {"early": True})
        await pubsub.publish(probe, {"probe": True})
        assert await receive(probes, 1) == [{"probe": True}]
        # When someone subscribes afterwards, they do not get it
        async with pubsub.subscribe(name) as messages:
            rest = await nothing_more(messages, after_marker_on=pubsub, channel=name)
    assert rest == []


async def test_redis_fans_out_across_processes() -> None:
    # Given two adapters (two API processes) on the same Redis
    url = need(REDIS_URL, "Redis")
    a, b = create_pubsub(url), create_pubsub(url)
    await a.connect()
    await b.connect()
    try:
        name = channel()
        async with a.subscribe(name) as on_a, b.subscribe(name) as on_b:
            # When one publishes
            await b.publish(name, {"from": "b"})
            # Then subscribers on both receive it
            assert await receive(on_a, 1) == [{"from": "b"}]
            assert await receive(on_b, 1) == [{"from": "b"}]
    finally:
        with contextlib.suppress(Exception):
            await a.disconnect()
        await b.disconnect()
