"""Live subscriptions over a real WebSocket (graphql-transport-ws) against a running server.

A subscription is registered asynchronously after ``subscribe`` is sent; the tests wait for it by
polling the server's pub/sub (the channel's subscribers in process, or PUBSUB NUMSUB on Redis).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import text
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from server.pubsub import user_channel
from tests.conftest import REDIS_URL, GraphQLClient, make_settings, need
from tests.server.support import set_role, wait_until

PROTOCOL = "graphql-transport-ws"
DEADLINE = 10.0
WALLET = (
    "subscription { walletChanged { balances { currency amount }"
    " transfer { kind amount direction counterparty } } }"
)
NOTIFICATIONS = "subscription { notificationReceived { kind title body readAt } }"
GRANT = (
    'mutation($u: ID!, $a: Amount!) { adminGrant(input: {userId: $u, amount: $a, reason: "welcome"})'
    " { errors { code } } }"
)
PAY = (
    "mutation($u: ID!, $a: Amount!) { walletTransfer(input: {toUserId: $u, amount: $a}) { errors { code } } }"
)


@contextlib.asynccontextmanager
async def http_client(server: Any) -> AsyncIterator[GraphQLClient]:
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        yield GraphQLClient(http)


@contextlib.asynccontextmanager
async def ws_session(server: Any, payload: dict[str, Any] | None) -> AsyncIterator[ClientConnection]:
    """A graphql-transport-ws connection, initialised and acknowledged."""
    url = server.url.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=DEADLINE) as ws:
        assert ws.subprotocol == PROTOCOL
        await ws.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
        assert (await receive(ws))["type"] == "connection_ack"
        yield ws


async def receive(ws: ClientConnection) -> dict[str, Any]:
    """The next protocol message, answering keep-alive pings on the way."""
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), DEADLINE))
        if message["type"] == "ping":
            await ws.send(json.dumps({"type": "pong"}))
            continue
        if message["type"] != "pong":
            return message


async def subscribe(ws: ClientConnection, query: str, op_id: str = "1") -> None:
    await ws.send(json.dumps({"id": op_id, "type": "subscribe", "payload": {"query": query}}))


def local_subscribers(server: Any, channel: str) -> int:
    pubsub = server.server.config.app.state.services.subscribe.__self__
    return len(pubsub._broadcast._subscribers.get(channel, ()))


async def wait_subscribed(server: Any, user_id: int, count: int = 1) -> None:
    await wait_until(
        lambda: local_subscribers(server, user_channel(user_id)) >= count,
        what=f"{count} subscription(s) for user {user_id}",
    )


async def make_admin_via(gql: GraphQLClient, database_url: str) -> str:
    """Registers an admin; the role is set with our own engine (the server's lives on its loop)."""
    from db.engine import Database

    token, user_id = await gql.register("admin")
    db = Database(database_url)
    try:
        await set_role(db, user_id, "admin")
    finally:
        await db.dispose()
    return token


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def test_wallet_changed_after_a_grant_and_a_payment(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    async with http_client(server) as gql:
        admin = await make_admin_via(gql, database_url)
        alice, alice_id = await gql.register("alice")
        bob, _ = await gql.register("bob")
        bob_id = int((await gql("{ me { id } }", token=bob))["data"]["me"]["id"])
        await gql(GRANT, {"u": str(bob_id), "a": 50}, token=admin)
        async with ws_session(server, bearer(alice)) as ws:
            await subscribe(ws, WALLET)
            await wait_subscribed(server, alice_id)
            # When an admin grants alice 100
            await gql(GRANT, {"u": str(alice_id), "a": 100}, token=admin)
            after_grant = await receive(ws)
            # And bob pays her 30
            await gql(PAY, {"u": str(alice_id), "a": 30}, token=bob)
            after_payment = await receive(ws)
            await ws.send(json.dumps({"id": "1", "type": "complete"}))
    # Then she sees each new balance with the transfer that made it
    assert after_grant == {
        "id": "1",
        "type": "next",
        "payload": {
            "data": {
                "walletChanged": {
                    "balances": [{"currency": "COIN", "amount": 100}],
                    "transfer": {"kind": "grant", "amount": 100, "direction": "IN", "counterparty": "mint"},
                }
            }
        },
    }
    assert after_payment["payload"]["data"]["walletChanged"] == {
        "balances": [{"currency": "COIN", "amount": 130}],
        "transfer": {"kind": "payment", "amount": 30, "direction": "IN", "counterparty": "bob"},
    }


async def test_a_user_does_not_see_another_users_wallet(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    async with http_client(server) as gql:
        admin = await make_admin_via(gql, database_url)
        _, alice_id = await gql.register("alice")
        bob, bob_id = await gql.register("bob")
        async with ws_session(server, bearer(bob)) as ws:
            await subscribe(ws, WALLET)
            await wait_subscribed(server, bob_id)
            # When alice gets a grant, then bob does
            await gql(GRANT, {"u": str(alice_id), "a": 100}, token=admin)
            await gql(GRANT, {"u": str(bob_id), "a": 7}, token=admin)
            first = await receive(ws)
    # Then the first thing bob sees is his own grant
    assert first["payload"]["data"]["walletChanged"]["balances"] == [{"currency": "COIN", "amount": 7}]


async def test_notification_received(tmp_path: Path, database_url: str, live_server_factory: Any) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    async with http_client(server) as gql:
        admin = await make_admin_via(gql, database_url)
        alice, alice_id = await gql.register("alice")
        async with ws_session(server, bearer(alice)) as ws:
            await subscribe(ws, NOTIFICATIONS)
            await wait_subscribed(server, alice_id)
            await gql(GRANT, {"u": str(alice_id), "a": 100}, token=admin)
            message = await receive(ws)
    assert message == {
        "id": "1",
        "type": "next",
        "payload": {
            "data": {
                "notificationReceived": {
                    "kind": "wallet.granted",
                    "title": "+100 COIN",
                    "body": "welcome",
                    "readAt": None,
                }
            }
        },
    }


async def test_what_a_consumer_appends_is_live_too(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    """A level-up is appended by the progression consumer, not by the payment's own transaction."""
    server = live_server_factory(make_settings(tmp_path, database_url))
    rule = (
        'mutation { progressionXpRuleSet(input: {kind: "wallet.transfer", xp: 150, dailyCap: 150})'
        " { errors { code } } }"
    )
    async with http_client(server) as gql:
        admin = await make_admin_via(gql, database_url)
        assert (await gql(rule, token=admin))["data"]["progressionXpRuleSet"]["errors"] == []
        alice, alice_id = await gql.register("alice")
        _, bob_id = await gql.register("bob")
        await gql(GRANT, {"u": str(alice_id), "a": 100}, token=admin)
        async with ws_session(server, bearer(alice)) as ws:
            await subscribe(ws, NOTIFICATIONS)
            await wait_subscribed(server, alice_id)
            assert (await gql(PAY, {"u": str(bob_id), "a": 1}, token=alice))["data"]["walletTransfer"][
                "errors"
            ] == []
            # (the relay runs in this server's process, as the in-process workers would run it)
            run = 'mutation { adminJobRun(input: {name: "outbox_relay"}) { errors { code } } }'
            assert (await gql(run, token=admin))["data"]["adminJobRun"]["errors"] == []
            # (other consumers may notify her too: an achievement for a first payment)
            seen: list[dict[str, Any]] = []
            while len(seen) < 6 and not any(n["kind"] == "progression.level_up" for n in seen):
                seen.append((await receive(ws))["payload"]["data"]["notificationReceived"])
    assert ("progression.level_up", "⭐ Level 2") in [(n["kind"], n["title"]) for n in seen]


@pytest.mark.parametrize("token", ["not-a-token", "lk_made_up_key_123"])
async def test_a_bad_token_at_connection_init_is_rejected(
    tmp_path: Path, database_url: str, live_server_factory: Any, token: str
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    url = server.url.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=DEADLINE) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": bearer(token)}))
        with pytest.raises(ConnectionClosed) as closed:
            await receive(ws)
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4403, "Forbidden")


async def test_a_subscription_without_auth_gets_an_error(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    async with ws_session(server, None) as ws:
        await subscribe(ws, WALLET)
        message = await receive(ws)
    assert message["id"] == "1"
    assert message["type"] == "error"
    assert [(e["message"], e["extensions"]) for e in message["payload"]] == [
        ("Sign in first.", {"code": "UNAUTHENTICATED"})
    ]


async def test_a_subscription_on_an_expired_session_is_not_opened(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    from datetime import UTC, datetime, timedelta

    from resolvers.accounts.tokens import issue_access_token

    settings = make_settings(tmp_path, database_url)
    server = live_server_factory(settings)
    async with http_client(server) as gql:
        _, alice_id = await gql.register("alice")
    expired = issue_access_token(
        secret=settings.secret_key, user_id=alice_id, now=datetime.now(UTC) - timedelta(hours=1), minutes=15
    )
    url = server.url.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=DEADLINE) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": bearer(expired)}))
        with pytest.raises(ConnectionClosed) as closed:
            await receive(ws)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


async def _unique_user_ids(database_url: str) -> None:
    """Redis channels are named by user id and the test Redis is shared: start ids somewhere unused."""
    from db.engine import Database

    db = Database(database_url)
    try:
        async with db.transaction() as session:
            start = random.randrange(10**9, 2 * 10**9)
            await session.execute(text(f"ALTER SEQUENCE users_id_seq RESTART WITH {start}"))
    finally:
        await db.dispose()


async def test_scaled_out_an_event_caused_on_b_reaches_a_subscriber_on_a(
    tmp_path: Path, postgres_url: str, live_server_factory: Any, restore_dramatiq: None
) -> None:
    # Given two API servers on one PostgreSQL database and one Redis
    redis_url = need(REDIS_URL, "Redis")
    await _unique_user_ids(postgres_url)
    settings = make_settings(tmp_path, postgres_url, redis_url=redis_url)
    server_a = live_server_factory(settings, migrate=False)
    server_b = live_server_factory(settings, migrate=False)
    redis = Redis.from_url(redis_url)
    try:
        async with http_client(server_a) as on_a, http_client(server_b) as on_b:
            admin = await make_admin_via(on_b, postgres_url)
            alice, alice_id = await on_a.register("alice")
            async with ws_session(server_a, bearer(alice)) as ws:
                await subscribe(ws, WALLET)

                async def subscribed_on_redis() -> bool:
                    counts = dict(await redis.pubsub_numsub(user_channel(alice_id)))
                    return counts.get(user_channel(alice_id).encode(), 0) >= 1

                await wait_until(subscribed_on_redis, what="server A subscribed on Redis")
                # When the grant goes through server B
                body = await on_b(GRANT, {"u": str(alice_id), "a": 25}, token=admin)
                assert body["data"]["adminGrant"]["errors"] == []
                # Then alice, connected to server A, sees it
                message = await receive(ws)
    finally:
        await redis.aclose()
    assert message["payload"]["data"]["walletChanged"] == {
        "balances": [{"currency": "COIN", "amount": 25}],
        "transfer": {"kind": "grant", "amount": 25, "direction": "IN", "counterparty": "mint"},
    }
