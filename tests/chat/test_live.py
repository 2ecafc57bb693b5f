"""chatMessage(channel) over a real WebSocket: each new message of the channel, live, to readers only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from db.pubsub import subject_channel
from resolvers.chat.messages import subject
from tests.chat.support import SEND
from tests.conftest import make_settings
from tests.events.test_subscriptions import (
    bearer,
    http_client,
    local_subscribers,
    receive,
    subscribe,
    ws_session,
)
from tests.server.support import wait_until


def _subscribe_to(channel: str) -> str:
    return f'subscription {{ chatMessage(channel: "{channel}") {{ id text channel author {{ username }} }} }}'


async def test_a_message_sent_in_global_reaches_a_subscriber_live(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    async with http_client(server) as gql:
        ann, _ = await gql.register("ann")
        ben, ben_id = await gql.register("ben")
        async with ws_session(server, bearer(ben)) as ws:
            await subscribe(ws, _subscribe_to("global"))
            await wait_until(
                lambda: local_subscribers(server, subject_channel(subject("global"))) >= 1,
                what="a chat subscriber",
            )
            # When ann sends a message with a swear word in it
            sent = await gql(SEND, {"c": "global", "t": "hello, you bitch"}, token=ann)
            assert sent["data"]["chatSend"]["errors"] == []
            pushed = await receive(ws)
            # and a private message to ben, which is not global
            await gql(SEND, {"c": f"dm:{ben_id}", "t": "psst"}, token=ann)
            await gql(SEND, {"c": "global", "t": "second"}, token=ann)
            after = await receive(ws)
    assert pushed["payload"]["data"]["chatMessage"] == {
        "id": sent["data"]["chatSend"]["message"]["id"],
        "text": "hello, you *****",
        "channel": "global",
        "author": {"username": "ann"},
    }
    assert after["payload"]["data"]["chatMessage"]["text"] == "second"


async def test_only_the_two_players_may_subscribe_to_their_private_channel(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    async with http_client(server) as gql:
        ann, ann_id = await gql.register("ann")
        ben, ben_id = await gql.register("ben")
        cat, _ = await gql.register("cat")
        low, high = sorted((ann_id, ben_id))
        async with ws_session(server, bearer(cat)) as ws:
            await subscribe(ws, _subscribe_to(f"dm:{low}:{high}"))
            refused = await receive(ws)
        async with ws_session(server, {}) as ws:
            await subscribe(ws, _subscribe_to("global"))
            anonymous = await receive(ws)
        async with ws_session(server, bearer(ben)) as ws:
            await subscribe(ws, _subscribe_to(f"dm:{ann_id}"))
            await wait_until(
                lambda: local_subscribers(server, subject_channel(subject(f"dm:{low}:{high}"))) >= 1,
                what="a dm subscriber",
            )
            await gql(SEND, {"c": f"dm:{ben_id}", "t": "just for you"}, token=ann)
            pushed = await receive(ws)
    # (a refusal inside the subscription's resolver arrives as a result carrying the error)
    assert refused["type"] == "next" and refused["payload"]["data"] is None
    assert refused["payload"]["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert anonymous["type"] == "error"
    assert anonymous["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert pushed["payload"]["data"]["chatMessage"]["text"] == "just for you"
    assert pushed["payload"]["data"]["chatMessage"]["channel"] == f"dm:{ann_id}"


async def test_scaled_out_a_message_sent_through_b_reaches_a_subscriber_on_a(
    tmp_path: Path, postgres_url: str, live_server_factory: Any, restore_dramatiq: None
) -> None:
    from redis.asyncio import Redis

    from tests.conftest import REDIS_URL, need

    # Given two API servers on one PostgreSQL database and one Redis
    redis_url = need(REDIS_URL, "Redis")
    settings = make_settings(tmp_path, postgres_url, redis_url=redis_url)
    server_a = live_server_factory(settings, migrate=False)
    server_b = live_server_factory(settings, migrate=False)
    redis = Redis.from_url(redis_url)
    # The test Redis is shared: a channel of this test's own, a dm between its two players
    try:
        async with http_client(server_a) as on_a, http_client(server_b) as on_b:
            ann, ann_id = await on_b.register("ann")
            ben, ben_id = await on_a.register("ben")
            key = subject_channel(subject("dm:{}:{}".format(*sorted((ann_id, ben_id)))))
            async with ws_session(server_a, bearer(ben)) as ws:
                await subscribe(ws, _subscribe_to(f"dm:{ann_id}"))

                async def subscribed_on_redis() -> bool:
                    counts = dict(await redis.pubsub_numsub(key))
                    return counts.get(key.encode(), 0) >= 1

                await wait_until(subscribed_on_redis, what="server A subscribed on Redis")
                # When ann sends through server B
                sent = await on_b(SEND, {"c": f"dm:{ben_id}", "t": "across processes"}, token=ann)
                assert sent["data"]["chatSend"]["errors"] == []
                # Then ben, connected to server A, gets it
                pushed = await receive(ws)
    finally:
        await redis.aclose()
    assert pushed["payload"]["data"]["chatMessage"]["text"] == "across processes"
    assert pushed["payload"]["data"]["chatMessage"]["author"] == {"username": "ann"}


def _live_members(server: Any, channel: str) -> int:
    groups = server.server.config.app.state.services.extras.get("live_groups")
    if groups is None:
        return 0
    return sum(
        len(members)
        for name, group in groups.groups.items()
        if name[0] == channel
        for members in group.members.values()
    )


def _wired(server: Any, channel: str) -> list[bool]:
    groups = server.server.config.app.state.services.extras["live_groups"]
    return [
        member.sink.wire is not None
        for name, group in groups.groups.items()
        if name[0] == channel
        for members in group.members.values()
        for member in members
    ]


@pytest.mark.parametrize("deflate", [False, True], ids=["frames-to-the-transport", "through-asgi"])
async def test_subscribers_of_a_channel_share_one_reading_of_it_in_a_process(
    tmp_path: Path, database_url: str, live_server_factory: Any, deflate: bool
) -> None:
    """Without an extension (``serve``'s setting) the group writes serialized frames straight to
    each transport; with permessage-deflate negotiated, each frame goes through ASGI. Same frames."""
    server = live_server_factory(make_settings(tmp_path, database_url), deflate=deflate)
    channel = subject_channel(subject("global"))
    async with http_client(server) as gql:
        ann, _ = await gql.register("ann")
        readers = [(await gql.register(name))[0] for name in ("ben", "cat", "dan")]
        async with ws_session(server, bearer(readers[0])) as b, ws_session(server, bearer(readers[1])) as c:
            async with ws_session(server, bearer(readers[2])) as d:
                await subscribe(b, _subscribe_to("global"))
                await subscribe(c, _subscribe_to("global"), op_id="c-1")
                # one subscriber selects less: its own execution, the same reading
                await subscribe(d, 'subscription { chatMessage(channel: "global") { text } }', op_id="d")
                await wait_until(lambda: _live_members(server, channel) == 3, what="three live members")
                # Then the process reads the channel once for all three
                assert local_subscribers(server, channel) == 1
                assert _wired(server, channel) == [not deflate] * 3
                for text in ("first", "second"):
                    sent = await gql(SEND, {"c": "global", "t": text}, token=ann)
                    assert sent["data"]["chatSend"]["errors"] == []
                got = [[await receive(ws) for _ in range(2)] for ws in (b, c, d)]
            await wait_until(lambda: _live_members(server, channel) == 2, what="a member leaving")
        await wait_until(lambda: local_subscribers(server, channel) == 0, what="the reading stopping")
    (b1, b2), (c1, c2), (d1, d2) = got
    assert [b1["id"], c1["id"], d1["id"]] == ["1", "c-1", "d"]
    assert b1["payload"] == c1["payload"] and b2["payload"] == c2["payload"]
    assert [m["payload"]["data"]["chatMessage"]["text"] for m in (b1, b2)] == ["first", "second"]
    assert b1["payload"]["data"]["chatMessage"]["author"] == {"username": "ann"}
    assert d1["payload"] == {"data": {"chatMessage": {"text": "first"}}}
    assert d2["payload"] == {"data": {"chatMessage": {"text": "second"}}}
