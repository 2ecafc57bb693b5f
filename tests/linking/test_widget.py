"""The Telegram Login Widget: the hash is checked against the bot token, and the data must be
fresh by the platform's clock."""

from __future__ import annotations

from dataclasses import replace

from db.models import TelegramLink
from server.settings import Settings
from tests import factories
from tests.linking.support import BOT_TOKEN, ME, WIDGET, codes, signed, tg
from tests.server.support import running
from tests.snapshot import changed, snapshot


def now_of(app: object) -> int:
    return int(app.state.services.clock.now().timestamp())  # type: ignore[attr-defined]


async def test_a_good_hash_links_a_telegram_identity_the_platform_never_saw(settings: Settings) -> None:
    async with running(replace(settings, telegram_token=BOT_TOKEN)) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=5, secret=settings.secret_key)
        variables = signed({"id": 8001, "first": "Alice", "user": "alice_tg", "date": now_of(app)})
        body = (await gql(WIDGET, variables, token=alice.token))["data"]["linkTelegramWidget"]
        assert body["errors"] == []
        assert body["link"]["status"] == "LINKED" and body["link"]["method"] == "widget"
        assert body["link"]["telegramUser"] is None and body["link"]["keptUser"] == {"username": "alice"}
        async with db.reader() as session:
            row = await session.get(TelegramLink, 8001)
        assert row is not None and (row.user_id, row.telegram_username) == (alice.id, "alice_tg")
        # The bot now acts for alice
        me = (await gql(ME, headers=tg(settings, 8001, "alice_tg")))["data"]["me"]
        assert me["username"] == "alice" and me["balances"] == [{"currency": "COIN", "amount": 5}]
        # The same widget data again: already linked, nothing changes
        before = await snapshot(db)
        again = (await gql(WIDGET, variables, token=alice.token))["data"]["linkTelegramWidget"]
        assert codes(again) == ["ALREADY_LINKED"]
        assert changed(before, await snapshot(db)) == {}


async def test_a_bad_or_stale_hash_is_refused_and_changes_nothing(settings: Settings) -> None:
    async with running(replace(settings, telegram_token=BOT_TOKEN)) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        now = now_of(app)
        good = signed({"id": 8001, "first": "Alice", "user": "alice_tg", "date": now})
        before = await snapshot(db)
        cases = [
            # a field changed after signing
            ({**good, "user": "mallory"}, "WIDGET_HASH_INVALID", "hash"),
            ({**good, "id": "8002"}, "WIDGET_HASH_INVALID", "hash"),
            # signed with another bot's token
            (signed({"id": 8001, "date": now}, token="999:other"), "WIDGET_HASH_INVALID", "hash"),
            ({**good, "hash": "0" * 64}, "WIDGET_HASH_INVALID", "hash"),
            # signed correctly, but two hours old, or from the future
            (signed({"id": 8001, "date": now - 7200}), "WIDGET_AUTH_EXPIRED", "authDate"),
            (signed({"id": 8001, "date": now + 3600}), "WIDGET_AUTH_EXPIRED", "authDate"),
        ]
        for variables, code, field in cases:
            body = (await gql(WIDGET, variables, token=alice.token))["data"]["linkTelegramWidget"]
            assert body["link"] is None
            assert [(e["code"], e["field"]) for e in body["errors"]] == [(code, field)], variables
        # The bot's own user cannot use the widget
        bot = tg(settings, 8003)
        await gql(ME, headers=bot)
        before = await snapshot(db)
        body = (await gql(WIDGET, good, headers=bot))["data"]["linkTelegramWidget"]
        assert codes(body) == ["WEB_ONLY"]
        assert changed(before, await snapshot(db)) == {}


async def test_without_a_bot_token_the_widget_is_not_configured(settings: Settings) -> None:
    async with running(replace(settings, telegram_token=None)) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        before = await snapshot(db)
        body = (await gql(WIDGET, signed({"id": 8001, "date": now_of(app)}), token=alice.token))["data"]
        assert codes(body["linkTelegramWidget"]) == ["TELEGRAM_NOT_CONFIGURED"]
        assert changed(before, await snapshot(db)) == {}


async def test_the_widget_is_checked_against_the_moved_clock(settings: Settings) -> None:
    async with running(replace(settings, telegram_token=BOT_TOKEN, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        alice = await factories.player(db, "alice", secret=settings.secret_key, clock=clock)
        admin = await factories.admin(db, "boss", secret=settings.secret_key, clock=clock)
        variables = signed({"id": 8001, "date": now_of(app)})
        moved = await gql(
            "mutation { adminClockAdvance(input: {seconds: 3601}) { errors { code } } }", token=admin.token
        )
        assert moved["data"]["adminClockAdvance"]["errors"] == []
        token = factories.tokens.issue_access_token(
            secret=settings.secret_key, user_id=alice.id, now=clock.now(), minutes=15
        )
        before = await snapshot(db)
        body = (await gql(WIDGET, variables, token=token))["data"]["linkTelegramWidget"]
        assert codes(body) == ["WIDGET_AUTH_EXPIRED"]
        assert changed(before, await snapshot(db)) == {}


async def test_the_web_app_learns_the_bot_id_only_when_a_token_is_configured(settings: Settings) -> None:
    query = "{ linkWidget { botId } }"
    cases = [(BOT_TOKEN, {"botId": "123456"}), (None, None), ("not-a-token", None)]
    for n, (token, expected) in enumerate(cases):
        async with running(replace(settings, telegram_token=token)) as (app, gql):
            alice = await factories.player(app.state.services.db, f"alice{n}", secret=settings.secret_key)
            assert (await gql(query, token=alice.token))["data"]["linkWidget"] == expected
            anonymous = await gql(query, expect_errors=True)
            assert anonymous["data"] == {"linkWidget": None}
            assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
