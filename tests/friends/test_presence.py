"""Presence: a friend is online while a live WebSocket connection of theirs is open, in process and,
with Redis, across ``serve`` processes."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from db.presence import KEY, MemoryPresence, RedisPresence
from tests.conftest import REDIS_URL, GraphQLClient, make_settings, need
from tests.events.test_subscriptions import _unique_user_ids, bearer, http_client, ws_session
from tests.server.support import wait_until

FRIENDS = "{ friends { user { username } online } }"
SEND = "mutation($u: ID!) { friendRequestSend(input: {userId: $u}) { request { id } errors { code } } }"
ACCEPT = "mutation($r: ID!) { friendRequestAccept(input: {requestId: $r}) { errors { code } } }"


async def befriend(gql: GraphQLClient, alice: str, bob: str, bob_id: int) -> None:
    sent = (await gql(SEND, {"u": str(bob_id)}, token=alice))["data"]["friendRequestSend"]
    assert sent["errors"] == []
    accepted = await gql(ACCEPT, {"r": sent["request"]["id"]}, token=bob)
    assert accepted["data"]["friendRequestAccept"]["errors"] == []


def online_check(gql: GraphQLClient, token: str, expected: bool) -> Any:
    async def check() -> bool:
        friends = (await gql(FRIENDS, token=token))["data"]["friends"]
        return bool(friends == [{"user": {"username": "bob"}, "online": expected}])

    return check


async def test_a_friend_is_online_while_their_socket_is_open(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    assert isinstance(server.server.config.app.state.services.extras["presence"], MemoryPresence)
    async with http_client(server) as gql:
        alice, _ = await gql.register("alice")
        bob, bob_id = await gql.register("bob")
        await befriend(gql, alice, bob, bob_id)
        assert await online_check(gql, alice, False)()
        async with ws_session(server, bearer(bob)):
            # online as soon as the connection is acknowledged
            assert await online_check(gql, alice, True)()
            async with ws_session(server, bearer(bob)):
                assert await online_check(gql, alice, True)()
            # one of his two sockets closed: still online
            assert await online_check(gql, alice, True)()
        await wait_until(online_check(gql, alice, False), what="bob offline")


async def test_scaled_out_presence_is_seen_by_every_process(
    tmp_path: Path, postgres_url: str, live_server_factory: Any, restore_dramatiq: None
) -> None:
    # Given two serve processes sharing PostgreSQL and Redis
    redis_url = need(REDIS_URL, "Redis")
    await _unique_user_ids(postgres_url)
    settings = make_settings(tmp_path, postgres_url, redis_url=redis_url)
    server_a = live_server_factory(settings, migrate=False)
    server_b = live_server_factory(settings, migrate=False)
    for server in (server_a, server_b):
        assert isinstance(server.server.config.app.state.services.extras["presence"], RedisPresence)
    async with http_client(server_a) as on_a, http_client(server_b) as on_b:
        alice, _ = await on_a.register("alice")
        bob, bob_id = await on_a.register("bob")
        await befriend(on_a, alice, bob, bob_id)
        # When bob connects to server A, then disconnects
        async with ws_session(server_a, bearer(bob)):
            # Then alice, asking server B, sees him online, then offline
            assert await online_check(on_b, alice, True)()
        await wait_until(online_check(on_b, alice, False), what="bob offline through B")


async def test_redis_presence_expires_connections_that_stop_refreshing() -> None:
    """A process that dies leaves its entries behind; they stop counting after the ttl."""
    from redis.asyncio import Redis

    redis = Redis.from_url(need(REDIS_URL, "Redis"))
    try:
        user = 1_999_999_000 + (id(redis) % 1000)
        dead = RedisPresence(redis, ttl=0.0)
        await dead._mark(user, "gone")
        assert await dead.online([user]) == set()
        live = RedisPresence(redis, ttl=60)
        await live.enter(user, "here")
        assert await live.online([user, user + 1]) == {user}
        await live.leave(user, "here")
        assert await live.online([user]) == set()
    finally:
        await redis.aclose()


async def test_redis_presence_refreshes_the_due_connections_together_and_a_leave_stays_gone() -> None:
    """One task per process refreshes every due connection in one pipeline; a connection that
    leaves while a refresh is in flight is not added back by it."""
    from redis.asyncio import Redis

    redis = Redis.from_url(need(REDIS_URL, "Redis"))
    loop = asyncio.get_running_loop()
    try:
        user = 1_999_998_000 + (id(redis) % 1000)
        presence = RedisPresence(redis, ttl=60)
        for connection, owner in (("a", user), ("b", user), ("c", user + 1)):
            await presence.enter(owner, connection)
        soon = time.time() + 1
        for connection, owner in (("a", user), ("b", user), ("c", user + 1)):
            await redis.zadd(KEY.format(owner), {connection: soon})
        assert await presence.refresh_due(loop.time() - 60) == 0
        assert await presence.refresh_due(loop.time() + 60) == 3
        for connection, owner in (("a", user), ("b", user), ("c", user + 1)):
            assert await redis.zscore(KEY.format(owner), connection) > time.time() + 50
        assert await presence.refresh_due(loop.time() + 1) == 0  # the next is a period later

        refreshing = asyncio.create_task(presence.refresh_due(loop.time() + 120))
        await asyncio.sleep(0)
        await presence.leave(user, "b")
        assert await refreshing == 3
        assert await redis.zscore(KEY.format(user), "b") is None
        assert await presence.refresh_due(loop.time() + 240) == 2
        assert await presence.online([user, user + 1]) == {user, user + 1}
        await presence.leave(user, "a")
        await presence.leave(user + 1, "c")
        assert await presence.online([user, user + 1]) == set()
    finally:
        await redis.aclose()
