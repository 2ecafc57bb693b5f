"""A discarded account stops working at once: its access tokens answer UNAUTHENTICATED over HTTP,
an open WebSocket closes with 4401 at its next operation, its refresh token and API keys fail, and
none of these refusals writes anything."""

from __future__ import annotations

import contextlib
import json
from types import SimpleNamespace
from typing import Any

from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from db.engine import Database
from server.settings import Settings
from tests.conftest import GraphQLClient
from tests.events.test_subscriptions import PROTOCOL, WALLET, http_client, receive, subscribe, ws_session
from tests.linking.support import ME, RESOLVE, codes
from tests.linking.test_keep import both_with_history
from tests.security.test_websocket import _closed_with
from tests.server.support import running
from tests.snapshot import changed, snapshot

SIGN_IN = (
    'mutation { authLogin(input: {username: "alice", password: "password123"})'
    " { accessToken refreshToken errors { code } } }"
)
REFRESH = (
    "mutation($r: String!) { authRefresh(input: {refreshToken: $r})"
    " { accessToken refreshToken errors { code field } } }"
)
NEW_KEY = 'mutation { apiKeyCreate(input: {name: "k", scopes: [READ, WRITE]}) { secret errors { code } } }'
CODE = "mutation { linkCodeCreate { code errors { code } } }"
GONE = {
    "data": None,
    "errors": [
        {
            "message": "This account was deactivated when it was linked with another.",
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    ],
    "_status": 401,
}


async def keep_telegram(gql: GraphQLClient, link_id: str, tg_headers: dict[str, str]) -> None:
    body = (await gql(RESOLVE, {"id": link_id, "keep": "TELEGRAM"}, headers=tg_headers))["data"]
    assert body["linkResolve"]["errors"] == []


async def credentials(gql: GraphQLClient) -> tuple[str, str, str]:
    """alice's access token, refresh token and API key from a fresh sign-in."""
    signed = (await gql(SIGN_IN))["data"]["authLogin"]
    assert signed["errors"] == []
    key = (await gql(NEW_KEY, token=signed["accessToken"]))["data"]["apiKeyCreate"]
    assert key["errors"] == []
    return signed["accessToken"], signed["refreshToken"], key["secret"]


async def test_every_credential_of_the_discarded_account_stops_at_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        both = await both_with_history(app, gql, settings)
        access, refresh, key = await credentials(gql)
        for token in (access, both.web.token, key):
            assert (await gql(ME, token=token))["data"]["me"]["username"] == "alice"
        # When alice keeps her Telegram account, the web one is discarded
        await keep_telegram(gql, both.link_id, both.tg_headers)
        before = await snapshot(db)
        # Then its access tokens (still unexpired) answer UNAUTHENTICATED, reading or writing
        for token in (access, both.web.token):
            assert await gql(ME, token=token, expect_errors=True) == GONE
            assert await gql(CODE, token=token, expect_errors=True) == GONE
        # its refresh token no longer gives a session, and its API key is revoked
        refused = (await gql(REFRESH, {"r": refresh}))["data"]["authRefresh"]
        assert refused["accessToken"] is None and refused["refreshToken"] is None
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_TOKEN", "refreshToken")]
        by_key = await gql(CODE, token=key, expect_errors=True)
        assert by_key["_status"] == 401 and by_key["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert changed(before, await snapshot(db)) == {}
        # The kept account goes on
        assert (await gql(ME, headers=both.tg_headers))["data"]["me"]["id"] == str(both.tg_user)


async def test_a_kept_web_account_keeps_its_session(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        both = await both_with_history(app, gql, settings)
        body = (await gql(RESOLVE, {"id": both.link_id, "keep": "WEB"}, token=both.web.token))["data"]
        assert body["linkResolve"]["errors"] == []
        assert (await gql(ME, token=both.web.token))["data"]["me"]["username"] == "alice"
        made = (await gql(CODE, token=both.web.token))["data"]["linkCodeCreate"]
        assert codes(made) == ["ALREADY_LINKED"]


async def test_an_open_socket_of_the_discarded_account_closes_at_its_next_operation(
    live_server_factory: Any, settings: Settings
) -> None:
    server = live_server_factory(settings)
    # The server runs on its own loop: this test reaches the database through its own engine
    db = Database(server.server.config.app.state.settings.database_url)
    try:
        await sockets_of_the_discarded_account(server, db, settings)
    finally:
        await db.dispose()


async def sockets_of_the_discarded_account(server: Any, db: Database, settings: Settings) -> None:
    app = SimpleNamespace(state=SimpleNamespace(services=SimpleNamespace(db=db)))
    async with http_client(server) as gql:
        both = await both_with_history(app, gql, settings)
        access, _, key = await credentials(gql)
    async with contextlib.AsyncExitStack() as stack:
        sockets = [
            await stack.enter_async_context(ws_session(server, {"authorization": f"Bearer {c}"}))
            for c in (access, key)
        ]
        for ws in sockets:
            await ws.send(json.dumps({"id": "a", "type": "subscribe", "payload": {"query": ME}}))
            assert (await receive(ws))["payload"]["data"]["me"]["username"] == "alice"
            assert (await receive(ws))["type"] == "complete"
            await subscribe(ws, WALLET, "w")
        async with http_client(server) as gql:
            await keep_telegram(gql, both.link_id, both.tg_headers)
        before = await snapshot(db)
        for ws in sockets:
            await ws.send(json.dumps({"id": "b", "type": "subscribe", "payload": {"query": CODE}}))
            assert await _closed_with(ws) == 4401
        assert changed(before, await snapshot(db)) == {}
    # A new socket with the access token is refused at its start
    url = server.url.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[Subprotocol(PROTOCOL)]) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {access}"}})
        )
        assert await _closed_with(ws) == 4403
