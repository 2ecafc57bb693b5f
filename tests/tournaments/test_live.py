"""tournamentChanged(id) over a real WebSocket: a spectator who plays in no match sees players join,
the start, a result and the end of the bracket as they happen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection

from db.engine import Database
from db.pubsub import subject_channel
from resolvers.clock import SystemClock
from resolvers.tournaments import common, registration
from tests import factories
from tests.conftest import make_settings
from tests.events.test_subscriptions import bearer, http_client, local_subscribers, receive, ws_session
from tests.server.support import wait_until
from tests.tournaments.support import JOIN, REPORT, START, arena

WATCH = (
    "subscription($id: ID!) { tournamentChanged(id: $id) {"
    " id status playerCount matches { id status players { id } winner { id } } } }"
)


async def next_change(ws: ClientConnection) -> dict[str, Any]:
    message = await receive(ws)
    assert message["type"] == "next", message
    return dict(message["payload"]["data"]["tournamentChanged"])


async def test_a_spectator_sees_joins_the_start_and_the_result(
    tmp_path: Path, sqlite_url: str, live_server_factory: Any
) -> None:
    settings = make_settings(tmp_path, sqlite_url)
    server = live_server_factory(settings)
    db = Database(sqlite_url)
    try:
        m = await arena(db, settings.secret_key, count=2)
        ann, ben = m.players
        spectator = await factories.player(db, "fan", secret=settings.secret_key)
        async with db.transaction() as session:
            made = await registration.create(
                session,
                actor_id=m.admin.id,
                is_admin=True,
                name="Live cup",
                format="SINGLE_ELIMINATION",
                entry_fee=5,
                max_players=2,
                clock=SystemClock(),
            )
        ident = str(made.id)
        async with http_client(server) as gql, ws_session(server, bearer(str(spectator.token))) as ws:
            payload = {"query": WATCH, "variables": {"id": ident}}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
            channel = subject_channel(common.subject(int(ident)))
            await wait_until(lambda: local_subscribers(server, channel) >= 1, what="the tournament's watcher")
            for who, count in ((ann, 1), (ben, 2)):
                body = await gql(JOIN, {"id": ident}, token=who.token)
                assert body["data"]["tournamentJoin"]["errors"] == []
                seen = await next_change(ws)
                assert seen["playerCount"] == count and seen["status"] == "REGISTRATION"
            body = await gql(START, {"id": ident}, token=m.moderator.token)
            assert body["data"]["tournamentStart"]["errors"] == []
            seen = await next_change(ws)
            assert seen["status"] == "RUNNING" and seen["matches"][0]["status"] == "READY"
            match = seen["matches"][0]["id"]
            # Several events of one change may each push the tournament: read until it is finished
            await gql(REPORT, {"m": match, "w": ann.id}, token=ann.token)
            await gql(REPORT, {"m": match, "w": ann.id}, token=ben.token)
            for _ in range(10):
                seen = await next_change(ws)
                if seen["status"] == "FINISHED":
                    break
            assert seen["status"] == "FINISHED" and seen["matches"][0]["winner"] == {"id": str(ann.id)}
    finally:
        await db.dispose()
