"""Findings 4 and 5 over WebSocket: an open socket outlived the revocation of its API key (it still
ran walletTransfer and received events), access-token expiry and role changes; its operations
escaped the rate limit, and one address held 150 sockets."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from db.engine import Database
from resolvers.clock import ManualClock
from server.settings import Settings
from tests.conftest import REDIS_URL, need
from tests.events.test_subscriptions import PROTOCOL, WALLET, http_client, receive, subscribe, ws_session
from tests.server.support import set_role, wait_until

PAY = "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1}) { errors { code } } }"
CREATE_KEY = 'mutation { apiKeyCreate(input: {name: "ws", scopes: [READ, WRITE]}) { secret apiKey { id } } }'
REVOKE_KEY = "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { errors { code } } }"


async def _closed_with(ws: Any) -> int | None:
    """Reads until the socket closes; its close code."""
    try:
        while True:
            await receive(ws)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


async def _set_role(server: Any, user_id: int, role: str) -> None:
    db = Database(server.server.config.app.state.settings.database_url)
    try:
        await set_role(db, user_id, role)
    finally:
        await db.dispose()


async def _setup(server: Any) -> tuple[str, int, str]:
    async with http_client(server) as gql:
        admin, admin_id = await gql.register("admin")
        await _set_role(server, admin_id, "admin")
        token, alice = await gql.register("alice")
        _, bob = await gql.register("bob")
        grant = 'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 50, reason: "r"}) { errors { code } } }'
        assert (await gql(grant, {"u": str(alice)}, token=admin))["data"]["adminGrant"]["errors"] == []
    return token, bob, admin


async def test_a_revoked_api_key_can_do_nothing_more_over_an_open_socket(
    live_server_factory: Any, settings: Settings
) -> None:
    server = live_server_factory(settings)
    token, bob, _ = await _setup(server)
    async with http_client(server) as gql:
        created = (await gql(CREATE_KEY, token=token))["data"]["apiKeyCreate"]
    async with ws_session(server, {"authorization": f"Bearer {created['secret']}"}) as ws:
        await ws.send(
            json.dumps(
                {"id": "a", "type": "subscribe", "payload": {"query": PAY, "variables": {"u": str(bob)}}}
            )
        )
        assert (await receive(ws))["payload"]["data"]["walletTransfer"]["errors"] == []
        assert (await receive(ws))["type"] == "complete"
        async with http_client(server) as gql:
            assert (await gql(REVOKE_KEY, {"id": created["apiKey"]["id"]}, token=token))["data"][
                "apiKeyRevoke"
            ]["errors"] == []
        await ws.send(
            json.dumps(
                {"id": "b", "type": "subscribe", "payload": {"query": PAY, "variables": {"u": str(bob)}}}
            )
        )
        assert await _closed_with(ws) == 4401
    async with http_client(server) as gql:
        me = await gql("{ me { balances { amount } } }", token=token)
    assert me["data"]["me"]["balances"] == [{"amount": 49}]


async def test_sockets_close_when_the_credential_is_revoked_expires_or_the_role_changes(
    live_server_factory: Any, settings: Settings
) -> None:
    clock = ManualClock()
    server = live_server_factory(replace(settings, ws_recheck_seconds=0.05), clock=clock)
    token, _, _ = await _setup(server)
    async with http_client(server) as gql:
        created = (await gql(CREATE_KEY, token=token))["data"]["apiKeyCreate"]
        _, alice_id = await gql.register("alice2")
    # revoked key: the idle socket with a subscription is closed
    async with ws_session(server, {"authorization": f"Bearer {created['secret']}"}) as ws:
        await subscribe(ws, WALLET)
        async with http_client(server) as gql:
            await gql(REVOKE_KEY, {"id": created["apiKey"]["id"]}, token=token)
        assert await _closed_with(ws) == 4401
    # access token expiry
    async with ws_session(server, {"authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, WALLET)
        clock.advance(minutes=16)
        assert await _closed_with(ws) == 4401
    # role change
    async with http_client(server) as gql:
        fresh, user_id = await gql.register("carol")
    async with ws_session(server, {"authorization": f"Bearer {fresh}"}) as ws:
        await subscribe(ws, WALLET)
        await _set_role(server, user_id, "moderator")
        assert await _closed_with(ws) == 4401
    assert alice_id


async def test_socket_operations_count_against_the_rate_limit(
    live_server_factory: Any, settings: Settings
) -> None:
    limited = settings.__class__(
        **{**settings.__dict__, "rate_limits": True, "rate_limit_anonymous": "3/minute"}
    )
    server = live_server_factory(limited)
    async with ws_session(server, None) as ws:
        answers = []
        for i in range(5):
            await ws.send(
                json.dumps({"id": str(i), "type": "subscribe", "payload": {"query": "{ __typename }"}})
            )
            message = await receive(ws)
            if message["type"] == "next":
                assert (await receive(ws))["type"] == "complete"
                answers.append("ok")
            else:
                answers.append(message["payload"][0]["extensions"]["code"])
    assert answers == ["ok", "ok", "ok", "RATE_LIMITED", "RATE_LIMITED"]


def _sockets(server: Any) -> Any:
    route = next(r for r in server.server.config.app.routes if getattr(r, "path", None) == "/graphql")
    return route.app.sockets


@pytest.mark.parametrize("registry", ["memory", "redis"])
async def test_a_players_oldest_socket_is_replaced_and_an_address_is_bounded(
    live_server_factory: Any, settings: Settings, registry: str
) -> None:
    if registry == "redis":
        # presence and pub/sub in Redis, as every serve process of the scaled mode shares them
        settings = replace(
            settings, redis_url=need(REDIS_URL, "LUCAS_TEST_REDIS_URL"), in_process_workers=False
        )
    server = live_server_factory(replace(settings, ws_connections_per_ip=4, ws_connections_per_user=2))
    token, _, _ = await _setup(server)
    url = server.url.replace("http://", "ws://") + "/graphql"
    auth = {"authorization": f"Bearer {token}"}
    sockets = _sockets(server)
    async with ws_session(server, auth) as first, ws_session(server, auth) as second:
        # When the player opens a third socket, it is acknowledged and the oldest is closed (4409)
        async with ws_session(server, auth) as third:
            assert await _closed_with(first) == 4409
            await subscribe(third, WALLET)
            await subscribe(second, WALLET)
            assert third.state.name == second.state.name == "OPEN"
        await wait_until(
            lambda: sum(sockets.by_ip.values()) == 1, what="the replaced and third sockets are gone"
        )
        async with ws_session(server, None), ws_session(server, None), ws_session(server, None):
            async with connect(url, subprotocols=[PROTOCOL]) as fifth:
                assert await _closed_with(fifth) == 4429  # a fifth from the address
