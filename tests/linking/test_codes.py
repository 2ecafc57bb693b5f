"""One-time codes: a web player's code sent by a Telegram user links the identity to the web
account; codes expire with the platform's clock, are single use, and are hashed at rest."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from db.models import TelegramLink, User
from db.models.linking import LinkCode
from resolvers.linking import codes as link_codes
from server.settings import Settings
from tests import factories
from tests.linking.support import ADVANCE, CODE_CREATE, LOGIN, ME, REDEEM, codes, new_code, tg, tg_user_id
from tests.server.support import running
from tests.snapshot import changed, snapshot


async def test_a_code_links_a_fresh_telegram_identity_to_the_web_account(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(
            db, "alice", coins=50, password="password123", secret=settings.secret_key
        )
        # Given a Telegram user who only said hello to the bot (an account with no history)
        bot_alice = tg(settings, 7001, "alice_tg")
        fresh = await tg_user_id(gql, bot_alice)
        # When alice asks for a code on the web and sends it to the bot
        created = (await gql(CODE_CREATE, token=alice.token))["data"]["linkCodeCreate"]
        code = created["code"]
        assert len(code) == 8 and created["errors"] == [] and created["expiresAt"]
        body = (await gql(REDEEM, {"c": code.lower()[:4] + "-" + code[4:]}, headers=bot_alice))["data"]
        link = body["linkCodeRedeem"]["link"]
        # Then the identity is hers at once; the empty account is deactivated
        assert body["linkCodeRedeem"]["errors"] == []
        assert link["status"] == "LINKED" and link["keep"] == "WEB" and link["method"] == "code"
        assert link["keptUser"] == {"username": "alice"}
        me = (await gql(ME, headers=bot_alice))["data"]["me"]
        assert me["username"] == "alice" and me["telegramLinked"] is True
        assert me["balances"] == [{"currency": "COIN", "amount": 50}]
        async with db.reader() as session:
            assert (await session.get(TelegramLink, 7001)).user_id == alice.id  # type: ignore[union-attr]
            assert (await session.get(User, fresh)).password_hash is None  # type: ignore[union-attr]
            stored = (await session.execute(select(LinkCode))).scalars().one()
        # The code is kept only as a hash
        assert code not in stored.code_hash and stored.used_by_telegram_id == 7001
        # A redelivered /link answers the same link and changes nothing
        before = await snapshot(db)
        again = (await gql(REDEEM, {"c": code}, headers=bot_alice))["data"]["linkCodeRedeem"]
        assert again["errors"] == [] and again["link"]["id"] == link["id"]
        assert changed(before, await snapshot(db)) == {}
        # She still signs in on the web with her password
        login = (await gql(LOGIN, {"u": "alice", "p": "password123"}))["data"]["authLogin"]
        assert login["errors"] == []


async def test_a_code_is_used_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        code = await new_code(gql, alice.token or "")
        ok = (await gql(REDEEM, {"c": code}, headers=tg(settings, 7001)))["data"]["linkCodeRedeem"]
        assert ok["errors"] == []
        other = tg(settings, 7002)
        await tg_user_id(gql, other)
        before = await snapshot(db)
        used = (await gql(REDEEM, {"c": code}, headers=other))["data"]["linkCodeRedeem"]
        assert used["link"] is None
        assert used["errors"] == [
            {"code": "LINK_CODE_USED", "field": "code", "message": "This code was already used."}
        ]
        assert changed(before, await snapshot(db)) == {}


async def test_a_code_expires_after_ten_minutes_of_the_platform_clock(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        alice = await factories.player(db, "alice", secret=settings.secret_key, clock=clock)
        admin = await factories.admin(db, "boss", secret=settings.secret_key, clock=clock)
        bot_alice = tg(settings, 7001)
        await tg_user_id(gql, bot_alice)
        code = await new_code(gql, alice.token or "")
        # Nine minutes later it still works for a moment: a second code replaces the first
        assert (await gql(ADVANCE, {"s": 540}, token=admin.token))["data"]["adminClockAdvance"][
            "errors"
        ] == []
        code = await new_code(gql, alice.token or "")
        assert (await gql(ADVANCE, {"s": link_codes.LIFETIME.seconds + 1}, token=admin.token))["data"][
            "adminClockAdvance"
        ]["errors"] == []
        before = await snapshot(db)
        late = (await gql(REDEEM, {"c": code}, headers=bot_alice))["data"]["linkCodeRedeem"]
        assert codes(late) == ["LINK_CODE_EXPIRED"] and late["errors"][0]["field"] == "code"
        assert changed(before, await snapshot(db)) == {}


async def test_a_new_code_retires_the_previous_one(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        first = await new_code(gql, alice.token or "")
        await new_code(gql, alice.token or "")
        bot_alice = tg(settings, 7001)
        await tg_user_id(gql, bot_alice)
        before = await snapshot(db)
        old = (await gql(REDEEM, {"c": first}, headers=bot_alice))["data"]["linkCodeRedeem"]
        assert codes(old) == ["LINK_CODE_EXPIRED"]
        assert changed(before, await snapshot(db)) == {}


async def test_refusals_name_their_code_and_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        bot_carol = tg(settings, 7003)
        await tg_user_id(gql, bot_carol)
        code = await new_code(gql, alice.token or "")
        before = await snapshot(db)
        # A code that does not exist, or is malformed
        for wrong in ("ZZZZZZZZ", "short", "", "x" * 500):
            body = (await gql(REDEEM, {"c": wrong}, headers=bot_carol))["data"]["linkCodeRedeem"]
            assert codes(body) == ["LINK_CODE_INVALID"], wrong
        # A code sent from the web, not by the bot
        body = (await gql(REDEEM, {"c": code}, token=bob.token))["data"]["linkCodeRedeem"]
        assert codes(body) == ["NOT_TELEGRAM"]
        # The bot cannot ask for a code: codes are made on the web
        made = (await gql(CODE_CREATE, headers=bot_carol))["data"]["linkCodeCreate"]
        assert codes(made) == ["WEB_ONLY"] and made["code"] is None
        assert changed(before, await snapshot(db)) == {}
        # Once linked, alice may not ask for another code, and her code cannot link another identity
        assert (await gql(REDEEM, {"c": code}, headers=bot_carol))["data"]["linkCodeRedeem"]["errors"] == []
        before = await snapshot(db)
        made = (await gql(CODE_CREATE, token=alice.token))["data"]["linkCodeCreate"]
        assert codes(made) == ["ALREADY_LINKED"]
        assert changed(before, await snapshot(db)) == {}
