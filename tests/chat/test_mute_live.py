"""A mute reaches the player live: a notification (chat.muted, chat.unmuted) on their channel, and
chatMuted tells the page until when, so it shows the end instead of the input box."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.engine import Database
from tests import factories
from tests.chat.support import MUTE, UNMUTE, advance, manual, send
from tests.conftest import make_settings
from tests.events.test_subscriptions import (
    bearer,
    http_client,
    receive,
    subscribe,
    wait_subscribed,
    ws_session,
)
from tests.server.support import running

MUTED = "{ chatMuted { until reason } }"
LIVE = "subscription { notificationReceived { kind title data } }"


async def test_chat_muted_shows_the_mute_while_it_lasts(settings: Any) -> None:
    async with running(manual(settings)) as (app, gql):
        db = app.state.services.db
        ann = await factories.player(db, "ann", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        assert ann.token and mod.token and admin.token
        assert (await gql(MUTED, token=ann.token))["data"]["chatMuted"] is None
        muted = (await gql(MUTE, {"u": str(ann.id), "m": 5, "r": "spam"}, token=mod.token))["data"][
            "chatMute"
        ]
        seen = (await gql(MUTED, token=ann.token))["data"]["chatMuted"]
        assert seen == {"until": muted["mute"]["until"], "reason": "spam"}
        await advance(gql, admin.token, 5 * 60)
        assert (await gql(MUTED, token=ann.token))["data"]["chatMuted"] is None
        # The filter's own mute shows the same way
        for word in ("shit", "fuck", "сука"):
            await send(gql, ann.token, "global", word)
        assert (await gql(MUTED, token=ann.token))["data"]["chatMuted"]["reason"] == "profanity"


async def test_a_mute_and_an_unmute_reach_the_player_live(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    settings = make_settings(tmp_path, database_url)
    server = live_server_factory(settings)
    db = Database(database_url)
    try:
        ann = await factories.player(db, "ann", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        assert ann.token and mod.token
        async with http_client(server) as gql, ws_session(server, bearer(ann.token)) as ws:
            await subscribe(ws, LIVE)
            await wait_subscribed(server, ann.id)
            muted = await gql(MUTE, {"u": str(ann.id), "m": 30, "r": "flood"}, token=mod.token)
            until = muted["data"]["chatMute"]["mute"]["until"]
            first = (await receive(ws))["payload"]["data"]["notificationReceived"]
            await gql(UNMUTE, {"u": str(ann.id)}, token=mod.token)
            second = (await receive(ws))["payload"]["data"]["notificationReceived"]
    finally:
        await db.dispose()
    assert first["kind"] == "chat.muted" and first["data"]["reason"] == "flood"
    assert first["data"]["until"][:16] == until[:16]
    assert (second["kind"], second["title"]) == ("chat.unmuted", "🔈 You may write in the chat again")
