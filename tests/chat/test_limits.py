"""The 10-a-minute rule (on with LUCAS_RATE_LIMITS=off), automatic and moderators' mutes, moved clock."""

from __future__ import annotations

import asyncio

from server.settings import Settings
from tests import factories
from tests.chat.support import MUTE, NOTES, UNMUTE, advance, codes, manual, send, token
from tests.server.support import running
from tests.snapshot import changed, snapshot


async def test_the_eleventh_message_in_a_minute_is_refused_until_the_minute_passes(
    settings: Settings,
) -> None:
    # The HTTP rate limits are off in tests (LUCAS_RATE_LIMITS=off); the chat's own rule stays on
    assert settings.rate_limits is False
    async with running(manual(settings)) as (app, gql):
        db = app.state.services.db
        ann = await factories.player(db, "ann", secret=settings.secret_key)
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        assert ann.token and admin.token
        for n in range(10):
            assert (await send(gql, ann.token, "global", f"message {n}"))["errors"] == []
        before = await snapshot(db)
        refused = await send(gql, ann.token, "global", "one more")
        assert codes(refused) == ["CHAT_RATE_LIMITED"] and refused["message"] is None
        assert changed(before, await snapshot(db)) == {}
        # Private channels count too: the limit is per player
        assert codes(await send(gql, ann.token, f"dm:{admin.id}", "psst")) == ["CHAT_RATE_LIMITED"]
        await advance(gql, admin.token, 30)
        assert codes(await send(gql, ann.token, "global", "still")) == ["CHAT_RATE_LIMITED"]
        await advance(gql, admin.token, 31)
        assert (await send(gql, ann.token, "global", "a minute later"))["errors"] == []


async def test_concurrent_sends_by_one_player_never_pass_the_limit(settings: Settings) -> None:
    async with running(manual(settings)) as (app, gql):
        db = app.state.services.db
        ann = await factories.player(db, "ann", secret=settings.secret_key)
        assert ann.token
        results = await asyncio.gather(*(send(gql, ann.token, "global", f"burst {n}") for n in range(16)))
        assert sorted(tuple(codes(r)) for r in results) == [()] * 10 + [("CHAT_RATE_LIMITED",)] * 6
        stored = await gql('query { chatMessages(channel: "global", first: 50) { text } }', token=ann.token)
        assert len(stored["data"]["chatMessages"]) == 10


async def test_a_repeat_offender_is_warned_then_muted_for_an_hour(settings: Settings) -> None:
    async with running(manual(settings)) as (app, gql):
        db = app.state.services.db
        ann = await factories.player(db, "ann", secret=settings.secret_key)
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        assert ann.token and admin.token
        first = await send(gql, ann.token, "global", "shit")
        assert first["message"]["text"] == "****"
        kinds = lambda body: [e["node"]["kind"] for e in body["data"]["notifications"]["edges"]]  # noqa: E731
        assert kinds(await gql(NOTES, token=ann.token)) == []
        assert (await send(gql, ann.token, "global", "х у й"))["message"]["text"] == "* * *"
        assert kinds(await gql(NOTES, token=ann.token)) == ["chat.warning"]
        assert (await send(gql, ann.token, "global", "fuсk (with a cyrillic с)"))["errors"] == []
        assert kinds(await gql(NOTES, token=ann.token)) == ["chat.muted", "chat.warning"]
        before = await snapshot(db)
        assert codes(await send(gql, ann.token, "global", "nice words only")) == ["MUTED"]
        assert changed(before, await snapshot(db)) == {}
        # An hour later the automatic mute has ended
        await advance(gql, admin.token, 3601)
        fresh = token(app, settings, ann)
        assert (await send(gql, fresh, "global", "nice words only"))["errors"] == []


async def test_a_moderators_mute_lasts_its_minutes_and_unmute_ends_it(settings: Settings) -> None:
    async with running(manual(settings)) as (app, gql):
        db = app.state.services.db
        ann = await factories.player(db, "ann", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        assert ann.token and mod.token and admin.token
        for minutes, code in ((0, "INVALID_DURATION"), (43201, "INVALID_DURATION")):
            before = await snapshot(db)
            body = await gql(MUTE, {"u": str(ann.id), "m": minutes}, token=mod.token)
            assert codes(body["data"]["chatMute"]) == [code]
            assert changed(before, await snapshot(db)) == {}
        body = await gql(MUTE, {"u": "999999", "m": 5}, token=mod.token)
        assert codes(body["data"]["chatMute"]) == ["UNKNOWN_USER"]
        muted = (await gql(MUTE, {"u": str(ann.id), "m": 5, "r": "spam"}, token=mod.token))["data"][
            "chatMute"
        ]
        assert muted["errors"] == [] and muted["mute"]["reason"] == "spam"
        assert muted["mute"]["user"] == {"username": "ann"}
        assert codes(await send(gql, ann.token, "global", "hi")) == ["MUTED"]
        await advance(gql, admin.token, 4 * 60)
        assert codes(await send(gql, ann.token, "global", "hi")) == ["MUTED"]
        await advance(gql, admin.token, 61)
        assert (await send(gql, ann.token, "global", "back"))["errors"] == []
        # A mute ended by a moderator, and unmuting nobody
        await gql(MUTE, {"u": str(ann.id), "m": 60}, token=mod.token)
        assert (await gql(UNMUTE, {"u": str(ann.id)}, token=mod.token))["data"]["chatUnmute"]["errors"] == []
        assert (await send(gql, ann.token, "global", "free again"))["errors"] == []
        before = await snapshot(db)
        again = (await gql(UNMUTE, {"u": str(ann.id)}, token=mod.token))["data"]["chatUnmute"]
        assert codes(again) == ["NOT_MUTED"]
        assert changed(before, await snapshot(db)) == {}
