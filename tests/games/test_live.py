"""gameEvents(sessionId) over a real WebSocket: a watcher who is not playing sees each join, the
start and every city as it is played, with the board after it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection

from db.engine import Database
from db.pubsub import subject_channel
from resolvers.games import cities
from resolvers.games.sessions import common
from tests import factories
from tests.conftest import make_settings
from tests.events.test_subscriptions import bearer, http_client, local_subscribers, receive, ws_session
from tests.games.support import CREATE, JOIN, MOVE, START
from tests.server.support import wait_until

WATCH = (
    "subscription($id: ID!) { gameEvents(sessionId: $id) {"
    " kind session { status lastCity nextLetter turn { username } } } }"
)


async def next_event(ws: ClientConnection) -> dict[str, Any]:
    message = await receive(ws)
    assert message["type"] == "next", message
    return dict(message["payload"]["data"]["gameEvents"])


async def test_a_watcher_sees_every_move_live(
    tmp_path: Path, sqlite_url: str, live_server_factory: Any
) -> None:
    cities.index()
    settings = make_settings(tmp_path, sqlite_url)
    server = live_server_factory(settings)
    db = Database(sqlite_url)
    try:
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        carol = await factories.player(db, "carol", secret=settings.secret_key)
        async with http_client(server) as gql, ws_session(server, bearer(str(carol.token))) as ws:
            made = await gql(CREATE, {"game": "CITIES"}, token=alice.token)
            ident = made["data"]["gameCreate"]["session"]["id"]
            await ws.send(
                json.dumps(
                    {"id": "1", "type": "subscribe", "payload": {"query": WATCH, "variables": {"id": ident}}}
                )
            )
            channel = subject_channel(common.subject(int(ident)))
            await wait_until(lambda: local_subscribers(server, channel) >= 1, what="the game's watcher")
            await gql(JOIN, {"id": ident}, token=bob.token)
            assert (await next_event(ws))["kind"] == "game.joined"
            await gql(START, {"id": ident}, token=alice.token)
            started = await next_event(ws)
            assert started["kind"] == "game.started" and started["session"]["turn"] == {"username": "alice"}
            await gql(MOVE, {"id": ident, "move": "Москва"}, token=alice.token)
            moved = await next_event(ws)
            assert moved["kind"] == "game.moved"
            assert moved["session"]["lastCity"] == "Москва" and moved["session"]["nextLetter"] == "а"
            assert moved["session"]["turn"] == {"username": "bob"}
            await gql(MOVE, {"id": ident, "move": "Анапа"}, token=bob.token)
            assert (await next_event(ws))["session"]["lastCity"] == "Анапа"
    finally:
        await db.dispose()
