"""A moderator deletes a message (directly, or from the review queue): it leaves reads and search,
its open reports are resolved, and readers' open pages get it again live with deleted true."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.engine import Database
from db.pubsub import subject_channel
from resolvers.chat.messages import subject
from tests import factories
from tests.chat.support import MESSAGES, REPORT, REPORTS, RESOLVE, SEARCH, codes, send
from tests.conftest import make_settings
from tests.events.test_subscriptions import (
    bearer,
    http_client,
    local_subscribers,
    receive,
    subscribe,
    ws_session,
)
from tests.server.support import running, wait_until
from tests.snapshot import changed, snapshot

DELETE = """mutation($m: ID!) { chatMessageDelete(input: {messageId: $m}) {
  message { id deleted } errors { code field message } } }"""
WATCH = 'subscription { chatMessage(channel: "global") { id text deleted author { username } } }'


async def test_a_moderator_deletes_a_message_and_its_open_reports_are_resolved(settings: Any) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        ann, ben = await factories.players(db, "ann", "ben", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        assert ann.token and ben.token and mod.token
        kept = (await send(gql, ann.token, "global", "a kind word"))["message"]["id"]
        rude = (await send(gql, ann.token, "global", "a rude word"))["message"]["id"]
        assert (await gql(REPORT, {"m": rude, "r": "rude"}, token=ben.token))["data"]["chatReport"][
            "errors"
        ] == []
        done = (await gql(DELETE, {"m": rude}, token=mod.token))["data"]["chatMessageDelete"]
        assert done == {"message": {"id": rude, "deleted": True}, "errors": []}
        read = (await gql(MESSAGES, {"c": "global"}, token=ben.token))["data"]["chatMessages"]
        assert [m["id"] for m in read] == [kept]
        assert (await gql(SEARCH, {"q": "rude"}, token=ben.token))["data"]["chatSearch"] == []
        assert (await gql(REPORTS, token=mod.token))["data"]["chatReports"] == []


async def test_deleting_refusals_name_their_code_and_change_nothing(settings: Any) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        ann = await factories.player(db, "ann", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        assert ann.token and mod.token
        sent = (await send(gql, ann.token, "global", "hello"))["message"]["id"]
        assert (await gql(DELETE, {"m": sent}, token=mod.token))["data"]["chatMessageDelete"]["errors"] == []
        for ident, code in (
            ("999999", "UNKNOWN_MESSAGE"),
            ("nope", "UNKNOWN_MESSAGE"),
            (sent, "ALREADY_DELETED"),
        ):
            before = await snapshot(db)
            body = (await gql(DELETE, {"m": ident}, token=mod.token))["data"]["chatMessageDelete"]
            assert codes(body) == [code] and body["errors"][0]["field"] == "messageId"
            assert body["message"] is None
            assert changed(before, await snapshot(db)) == {}
        # A player is no moderator
        other = (await send(gql, mod.token, "global", "mine"))["message"]["id"]
        before = await snapshot(db)
        body = await gql(DELETE, {"m": other}, token=ann.token, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert changed(before, await snapshot(db)) == {}


async def test_a_deletion_reaches_an_open_page_live(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    settings = make_settings(tmp_path, database_url)
    server = live_server_factory(settings)
    db = Database(database_url)
    try:
        ann, ben = await factories.players(db, "ann", "ben", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        assert ann.token and ben.token and mod.token
        async with http_client(server) as gql, ws_session(server, bearer(ben.token)) as ws:
            await subscribe(ws, WATCH)
            await wait_until(
                lambda: local_subscribers(server, subject_channel(subject("global"))) >= 1,
                what="a chat subscriber",
            )
            first = (await send(gql, ann.token, "global", "first"))["message"]["id"]
            second = (await send(gql, ann.token, "global", "second"))["message"]["id"]
            arrived = [(await receive(ws))["payload"]["data"]["chatMessage"] for _ in range(2)]
            # When a moderator deletes the first directly
            await gql(DELETE, {"m": first}, token=mod.token)
            direct = (await receive(ws))["payload"]["data"]["chatMessage"]
            # and the second from the review queue
            report = (await gql(REPORT, {"m": second, "r": "spam"}, token=ben.token))["data"]["chatReport"]
            resolved = await gql(RESOLVE, {"r": report["report"]["id"], "a": "DELETE"}, token=mod.token)
            assert resolved["data"]["chatReportResolve"]["errors"] == []
            queued = (await receive(ws))["payload"]["data"]["chatMessage"]
    finally:
        await db.dispose()
    assert [(m["id"], m["text"], m["deleted"]) for m in arrived] == [
        (first, "first", False),
        (second, "second", False),
    ]
    assert direct == {"id": first, "text": "", "deleted": True, "author": {"username": "ann"}}
    assert queued == {"id": second, "text": "", "deleted": True, "author": {"username": "ann"}}


async def test_scaled_out_a_dm_watched_on_a_neither_notifies_nor_misses_a_deletion_made_on_b(
    tmp_path: Path, postgres_url: str, live_server_factory: Any, restore_dramatiq: None
) -> None:
    from redis.asyncio import Redis

    from resolvers.chat.channels import dm_key
    from schema.chat import watching
    from tests.conftest import REDIS_URL, need

    # Given two API servers on one PostgreSQL database and one Redis
    redis_url = need(REDIS_URL, "Redis")
    settings = make_settings(tmp_path, postgres_url, redis_url=redis_url)
    server_a = live_server_factory(settings, migrate=False)
    server_b = live_server_factory(settings, migrate=False)
    db = Database(postgres_url)
    redis = Redis.from_url(redis_url)
    notes = "{ notifications { edges { node { kind } } } }"
    try:
        ann, ben = await factories.players(db, "ann", "ben", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        assert ann.token and ben.token and mod.token
        key = dm_key(ann.id, ben.id)
        watched = watching.KEY.format(ben.id, key)
        async with (
            http_client(server_b) as on_b,
            ws_session(server_a, bearer(ben.token)) as ws,
        ):
            await subscribe(
                ws, f'subscription {{ chatMessage(channel: "dm:{ann.id}") {{ id text deleted }} }}'
            )

            async def watching_on_redis() -> bool:
                return int(await redis.zcard(watched)) >= 1

            await wait_until(watching_on_redis, what="ben's open dm, seen on Redis")
            channel = subject_channel(subject(key))

            async def subscribed_on_redis() -> bool:
                counts = dict(await redis.pubsub_numsub(channel))
                return counts.get(channel.encode(), 0) >= 1

            await wait_until(subscribed_on_redis, what="server A subscribed on Redis")
            # When ann writes to ben through server B, and a moderator deletes it there
            sent = (await send(on_b, ann.token, f"dm:{ben.id}", "across processes"))["message"]["id"]
            pushed = (await receive(ws))["payload"]["data"]["chatMessage"]
            await on_b(DELETE, {"m": sent}, token=mod.token)
            deleted = (await receive(ws))["payload"]["data"]["chatMessage"]
            kinds = [
                e["node"]["kind"]
                for e in (await on_b(notes, token=ben.token))["data"]["notifications"]["edges"]
            ]
    finally:
        await redis.aclose()
        await db.dispose()
    # Then ben, connected to server A, sees both and gets no notice of a message he saw live
    assert pushed == {"id": sent, "text": "across processes", "deleted": False}
    assert deleted == {"id": sent, "text": "", "deleted": True}
    assert "chat.dm" not in kinds
