"""Offers expire after 72 hours (the ``trade_expire`` job, run after moving the clock); lopsided
offers are flagged to the recipient and to moderators; many towards one account raise an alert."""

from __future__ import annotations

from dataclasses import replace

from resolvers.accounts import tokens
from resolvers.trading import common
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot
from tests.trading.support import (
    ACCEPT,
    ADVANCE,
    ALERTS,
    CREATE,
    FLAGS,
    JOB_RUN,
    NOTES,
    OFFERS,
    coins,
    conserved,
    escrow,
    items,
    stocked,
)


async def test_an_offer_expires_after_72_hours_and_its_escrow_returns(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db, clock = app.state.services.db, app.state.services.clock
        alice = await factories.player(db, "alice", coins=100, secret=settings.secret_key, clock=clock)
        bob = await factories.player(db, "bob", coins=10, secret=settings.secret_key, clock=clock)
        admin = await factories.admin(db, "boss", secret=settings.secret_key, clock=clock)
        made = await gql(CREATE, {"to": str(bob.id), "give": [coins(60)], "want": []}, token=alice.token)
        offer_id = made["data"]["tradeOfferCreate"]["offer"]["id"]
        assert await escrow(db) == {"COIN": 60}
        # 71 hours later the job leaves it open
        assert (await gql(ADVANCE, {"s": 71 * 3600}, token=admin.token))["data"]["adminClockAdvance"][
            "errors"
        ] == []

        def token(who: factories.Player) -> str:
            return tokens.issue_access_token(
                secret=settings.secret_key, user_id=who.id, now=clock.now(), minutes=15
            )

        run = (await gql(JOB_RUN, {"n": "trade_expire"}, token=token(admin)))["data"]["adminJobRun"]
        assert run == {"report": {"expired": 0}, "errors": []}
        # past 72 hours, before the job runs, it cannot be accepted any more, and nothing changes
        await gql(ADVANCE, {"s": 2 * 3600}, token=token(admin))
        before = await snapshot(db)
        payload = (await gql(ACCEPT, {"id": offer_id}, token=token(bob)))["data"]["tradeOfferAccept"]
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("OFFER_EXPIRED", "offerId")]
        assert changed(before, await snapshot(db)) == {}
        # the job expires it and returns the coins; a second run finds nothing to do
        run = (await gql(JOB_RUN, {"n": "trade_expire"}, token=token(admin)))["data"]["adminJobRun"]
        assert run == {"report": {"expired": 1}, "errors": []}
        run = (await gql(JOB_RUN, {"n": "trade_expire"}, token=token(admin)))["data"]["adminJobRun"]
        assert run == {"report": {"expired": 0}, "errors": []}
        assert await factories.balance(db, alice) == 100 and await escrow(db) == {}
        listed = (await gql(OFFERS, token=token(alice)))["data"]["tradeOffers"]["edges"]
        assert [e["node"]["status"] for e in listed] == ["EXPIRED"]
        kinds = [
            e["node"]["kind"]
            for e in (await gql(NOTES, token=token(alice)))["data"]["notifications"]["edges"]
        ]
        assert "trade.expired" in kinds
        payload = (await gql(ACCEPT, {"id": offer_id}, token=token(bob)))["data"]["tradeOfferAccept"]
        assert [e["code"] for e in payload["errors"]] == ["OFFER_CLOSED"]
        # and 31 days later it has left both histories
        await gql(ADVANCE, {"s": 31 * 86400}, token=token(admin))
        assert (await gql(OFFERS, token=token(alice)))["data"]["tradeOffers"]["edges"] == []
        assert (await gql(OFFERS, token=token(bob)))["data"]["tradeOffers"]["edges"] == []
        assert await conserved(db)


async def test_a_lopsided_offer_is_flagged_and_three_towards_one_account_raise_an_alert(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        crook = await factories.player(db, "crook", coins=20, secret=settings.secret_key)
        marks = [await factories.player(db, f"mark{i}", secret=settings.secret_key) for i in range(3)]
        gems = [await stocked(db, m, price=100, quantity=1, name=f"Gem{i}") for i, m in enumerate(marks)]
        # A fair offer is not flagged
        fair = await gql(
            CREATE,
            {"to": str(marks[0].id), "give": [coins(10)], "want": [items(gems[0], 1)]},
            token=crook.token,
        )
        assert fair["data"]["tradeOfferCreate"]["offer"]["lopsided"] is False
        # 1 COIN for a gem worth 100 (its last shop price): lopsided, shown to the mark with the values
        for mark, gem in zip(marks, gems, strict=True):
            body = await gql(
                CREATE, {"to": str(mark.id), "give": [coins(1)], "want": [items(gem, 1)]}, token=crook.token
            )
            assert body["data"]["tradeOfferCreate"]["errors"] == []
        seen = (await gql(OFFERS, {"status": "OPEN"}, token=marks[0].token))["data"]["tradeOffers"]["edges"]
        assert [(e["node"]["lopsided"], e["node"]["giveValue"], e["node"]["wantValue"]) for e in seen] == [
            (True, 1, 100),
            (False, 10, 100),
        ]
        # Moderators see each flag and one alert for the crook; players may not look
        flags = (await gql(FLAGS, token=mod.token))["data"]["tradeFlags"]["edges"]
        assert [(f["node"]["beneficiary"]["username"], f["node"]["loser"]["username"]) for f in flags] == [
            ("crook", "mark2"),
            ("crook", "mark1"),
            ("crook", "mark0"),
        ]
        assert all(f["node"]["offer"]["lopsided"] for f in flags)
        alerts = (await gql(ALERTS, token=mod.token))["data"]["tradeFraudAlerts"]["edges"]
        assert [a["node"] for a in alerts] == [{"user": {"username": "crook"}, "flags": 3}]
        refused = await gql(FLAGS, token=crook.token, expect_errors=True)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_value_check_favours_whichever_side_gets_more(settings: Settings) -> None:
    """A sender giving far more than they ask is flagged too (the recipient is the beneficiary), and
    two flags are not yet an alert."""
    async with running(settings) as (app, gql):
        db = app.state.services.db
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        giver = await factories.player(db, "giver", coins=500, secret=settings.secret_key)
        taker = await factories.player(db, "taker", coins=5, secret=settings.secret_key)
        for _ in range(2):
            await gql(CREATE, {"to": str(taker.id), "give": [coins(200)], "want": []}, token=giver.token)
        flags = (await gql(FLAGS, token=mod.token))["data"]["tradeFlags"]["edges"]
        assert [f["node"]["beneficiary"]["username"] for f in flags] == ["taker", "taker"]
        assert (await gql(ALERTS, token=mod.token))["data"]["tradeFraudAlerts"]["edges"] == []
        assert common.LOPSIDED_PERCENT == 10 and common.ALERT_FLAGS == 3
