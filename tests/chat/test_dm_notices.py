"""A private message notifies a recipient who has not the conversation open: at most once per
conversation per 10 minutes on the platform's clock, never from a player they blocked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.engine import Database
from db.pubsub import subject_channel
from resolvers import friends
from resolvers.chat.channels import dm_key
from resolvers.chat.messages import subject
from schema.chat import watching
from server.settings import Settings
from tests import factories
from tests.chat.support import advance, codes, manual, send
from tests.conftest import make_settings
from tests.events.test_subscriptions import bearer, http_client, local_subscribers, subscribe, ws_session
from tests.server.support import running, wait_until
from tests.snapshot import changed, snapshot

NOTES = "{ notifications { edges { node { kind title body data } } } }"


async def dm_notes(gql: Any, token: str, headers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    body = await gql(NOTES, token=token, headers=headers)
    return [e["node"] for e in body["data"]["notifications"]["edges"] if e["node"]["kind"] == "chat.dm"]


def watches(server: Any) -> dict[tuple[int, str], int]:
    """The server's open private conversations (in process: no Redis in this test)."""
    registry = watching.of(server.server.config.app.state.services.extras)
    assert isinstance(registry, watching.MemoryWatching)
    return dict(registry._open)


async def test_one_notice_per_conversation_per_ten_minutes_on_the_moved_clock(settings: Settings) -> None:
    async with running(manual(settings)) as (app, gql):
        db = app.state.services.db
        ann, ben, cat = await factories.players(db, "ann", "ben", "cat", secret=settings.secret_key)
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        assert ann.token and ben.token and cat.token and admin.token
        for text in ("hi ben", "are you there?", "hello??"):
            assert (await send(gql, ann.token, f"dm:{ben.id}", text))["errors"] == []
        notes = await dm_notes(gql, ben.token)
        assert [(n["title"], n["body"]) for n in notes] == [("✉️ New message from ann", "hi ben")]
        assert notes[0]["data"]["channel"] == f"dm:{ann.id}"
        ru = await dm_notes(gql, ben.token, {"accept-language": "ru"})
        assert ru[0]["title"] == "✉️ Новое сообщение от ann"
        # Another conversation has its own ten minutes; ann is not notified of her own messages
        assert (await send(gql, cat.token, f"dm:{ben.id}", "from cat"))["errors"] == []
        assert [n["body"] for n in await dm_notes(gql, ben.token)] == ["from cat", "hi ben"]
        assert await dm_notes(gql, ann.token) == []
        await advance(gql, admin.token, 9 * 60 + 59)
        assert (await send(gql, ann.token, f"dm:{ben.id}", "still nothing?"))["errors"] == []
        assert len(await dm_notes(gql, ben.token)) == 2
        await advance(gql, admin.token, 1)
        assert (await send(gql, ann.token, f"dm:{ben.id}", "ten minutes later"))["errors"] == []
        bodies = [n["body"] for n in await dm_notes(gql, ben.token)]
        assert bodies == ["ten minutes later", "from cat", "hi ben"]
        # ben answers: ann gets her own notice of the conversation
        assert (await send(gql, ben.token, f"dm:{ann.id}", "sorry, busy"))["errors"] == []
        assert [n["body"] for n in await dm_notes(gql, ann.token)] == ["sorry, busy"]


async def test_no_notice_from_a_blocked_player(settings: Settings) -> None:
    async with running(manual(settings)) as (app, gql):
        db = app.state.services.db
        ann, ben = await factories.players(db, "ann", "ben", secret=settings.secret_key)
        assert ann.token and ben.token
        async with db.transaction() as session:
            await friends.block(session, actor_id=ben.id, user_id=ann.id, clock=app.state.services.clock)
        before = await snapshot(db)
        assert codes(await send(gql, ann.token, f"dm:{ben.id}", "let me in")) == ["BLOCKED"]
        assert changed(before, await snapshot(db)) == {}
        assert await dm_notes(gql, ben.token) == []
        # Global messages never notify
        assert (await send(gql, ann.token, "global", "hello all"))["errors"] == []
        assert await dm_notes(gql, ben.token) == []


async def test_a_recipient_with_the_conversation_open_is_not_notified(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    settings = make_settings(tmp_path, database_url)
    server = live_server_factory(settings)
    db = Database(database_url)
    try:
        ann, ben = await factories.players(db, "ann", "ben", secret=settings.secret_key)
        assert ann.token and ben.token
        key = dm_key(ann.id, ben.id)
        channel = subject_channel(subject(key))
        async with http_client(server) as gql:
            async with ws_session(server, bearer(ben.token)) as ws:
                await subscribe(ws, f'subscription {{ chatMessage(channel: "dm:{ann.id}") {{ id }} }}')
                await wait_until(lambda: local_subscribers(server, channel) >= 1, what="ben's open dm")
                await wait_until(lambda: watches(server) == {(ben.id, key): 1}, what="ben watching")
                assert (await send(gql, ann.token, f"dm:{ben.id}", "you see this live"))["errors"] == []
                assert await dm_notes(gql, ben.token) == []
            # Once ben closes the page, the next message notifies him
            await wait_until(lambda: watches(server) == {}, what="ben's page closed")
            assert (await send(gql, ann.token, f"dm:{ben.id}", "now you are away"))["errors"] == []
            assert [n["body"] for n in await dm_notes(gql, ben.token)] == ["now you are away"]
    finally:
        await db.dispose()


async def test_on_redis_a_watch_counts_until_its_page_closes() -> None:
    from redis.asyncio import Redis

    from tests.conftest import REDIS_URL, need

    redis = Redis.from_url(need(REDIS_URL, "Redis"))
    registry = watching.RedisWatching(redis)
    key = f"dm:test:{id(registry)}"
    try:
        assert not await registry.watching(7, key)
        async with registry.watch(7, key):
            async with registry.watch(7, key):
                assert await registry.watching(7, key)
            assert await registry.watching(7, key)
            assert not await registry.watching(8, key)
        assert not await registry.watching(7, key)
    finally:
        await redis.aclose()
