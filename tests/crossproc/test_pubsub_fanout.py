"""Many subscribers of one channel in one process, subscribing at the same moment, all receive
what is published (broadcaster's own ``subscribe`` lost all but the last of those that arrived
while the first awaited Redis's SUBSCRIBE; ``db.pubsub.BroadcastPubSub`` serialises it)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from db.pubsub import create_pubsub
from tests.conftest import REDIS_URL, need

SUBSCRIBERS = 200


@pytest.mark.parametrize("where", ["memory", "redis"])
async def test_concurrent_subscribers_of_one_channel_all_receive(where: str) -> None:
    pubsub = create_pubsub(None if where == "memory" else need(REDIS_URL, "Redis"))
    await pubsub.connect()
    channel = f"test:fanout:{uuid.uuid4().hex}"
    registered = asyncio.Semaphore(0)
    received: list[int] = []

    async def subscriber(who: int) -> None:
        async with pubsub.subscribe(channel) as messages:
            registered.release()
            message: Any = await anext(messages)
            assert message == {"hello": "all"}
            received.append(who)

    tasks = [asyncio.create_task(subscriber(i)) for i in range(SUBSCRIBERS)]
    try:
        async with asyncio.timeout(20):
            for _ in range(SUBSCRIBERS):
                await registered.acquire()
            await pubsub.publish(channel, {"hello": "all"})
            await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await pubsub.disconnect()
    assert sorted(received) == list(range(SUBSCRIBERS))
    assert pubsub._broadcast._subscribers.get(channel) is None
