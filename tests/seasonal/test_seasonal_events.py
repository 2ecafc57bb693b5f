"""Seasonal events through the API: admins schedule them, jobs open and close them on the moved
clock, activity earns the event currency (the durable consumer), the event shop sells limited
editions, and at the end unused currency becomes COIN at half, rounded down, once."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from db.models import ConsumerOffset
from server.settings import Settings
from tests import factories
from tests.seasonal.support import (
    BALANCES,
    BUY,
    CREATE,
    CURRENT,
    DAY,
    EVENTS,
    HOUR,
    INVENTORY,
    ITEM,
    JOBS,
    MINE,
    NOTES,
    PAY,
    SUPPLY,
    UPDATE,
    advance,
    balances,
    event_input,
    relay,
    run_job,
    supply_of,
    token,
)
from tests.server.support import running
from tests.snapshot import changed, snapshot


async def test_an_event_opens_earns_sells_and_converts_unused_currency_at_half_once(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        alice = await factories.player(db, "alice", coins=100, secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        assert boss.token and alice.token
        # Given an admin's event starting in an hour, and a limited edition in its shop
        made = await gql(CREATE, {"i": event_input(clock.now())}, token=boss.token)
        assert made["data"]["seasonalEventCreate"]["errors"] == []
        event = made["data"]["seasonalEventCreate"]["event"]
        assert (event["status"], event["currency"], event["timeLeftSeconds"]) == ("SCHEDULED", "FROST", None)
        stocked = await gql(
            ITEM,
            {"i": {"eventId": event["id"], "name": "Ice Crown", "price": 7, "perUserLimit": 2}},
            token=boss.token,
        )
        assert stocked["data"]["seasonalShopItemCreate"]["errors"] == []
        crown = stocked["data"]["seasonalShopItemCreate"]["shopItem"]
        assert crown["item"]["currency"] == "FROST" and crown["item"]["active"] is False
        assert crown["limitedEdition"] is True and crown["item"]["description"].startswith("Limited edition")
        # An activity before the start earns nothing, and the shop is closed
        await gql(PAY, {"u": str(bob.id)}, token=alice.token)
        await relay(db)
        before = await snapshot(db)
        body = await gql(BUY, {"item": crown["item"]["id"], "q": 1}, token=alice.token)
        assert [(e["code"], e["field"]) for e in body["data"]["seasonalShopBuy"]["errors"]] == [
            ("EVENT_NOT_ACTIVE", "itemId")
        ]
        assert changed(before, await snapshot(db)) == {}
        assert (await gql(CURRENT))["data"]["currentSeasonalEvent"] is None

        # When the clock passes the start and the job runs (twice: it opens the event once)
        await advance(gql, boss.token, 2 * HOUR)
        boss_token, alice_token = token(app, settings, boss), token(app, settings, alice)
        assert (await run_job(gql, boss_token, "event_start"))["started"] >= 1
        again = await snapshot(db)
        assert (await run_job(gql, boss_token, "event_start"))["started"] == 0
        assert set(changed(again, await snapshot(db))) <= {"config_values", "audit_log", "audit_head"}
        current = (await gql(CURRENT, token=alice_token))["data"]["currentSeasonalEvent"]
        assert current["id"] == event["id"] and current["status"] == "ACTIVE"
        assert 0 < current["timeLeftSeconds"] <= 3 * DAY
        notes = (await gql(NOTES, token=alice_token))["data"]["notifications"]["edges"]
        assert "seasonal.started" in [n["node"]["kind"] for n in notes]

        # Then activity earns FROST through the consumer: a daily claim (20) and three payments (5 each)
        await gql("mutation { dailyClaim(input: {}) { errors { code } } }", token=alice_token)
        for _ in range(3):
            await gql(PAY, {"u": str(bob.id)}, token=alice_token)
        await relay(db)
        assert balances(await gql(BALANCES, token=alice_token))["FROST"] == 35
        # and reading the events again (a lost offset) pays nothing twice
        before = await snapshot(db)
        async with db.transaction() as session:
            await session.execute(
                update(ConsumerOffset)
                .where(ConsumerOffset.consumer == "seasonal")
                .values(last_event_id=0, last_tx=0)
            )
        await relay(db)
        assert set(changed(before, await snapshot(db))) <= {"consumer_offsets"}

        # Buying two crowns with a key; the repeat returns the first purchase and moves nothing more
        bought = await gql(BUY, {"item": crown["item"]["id"], "q": 2, "key": "crowns"}, token=alice_token)
        assert bought["data"]["seasonalShopBuy"]["errors"] == []
        assert (
            bought["data"]["seasonalShopBuy"]["quantity"],
            bought["data"]["seasonalShopBuy"]["total"],
        ) == (2, 14)
        before = await snapshot(db)
        repeat = await gql(BUY, {"item": crown["item"]["id"], "q": 2, "key": "crowns"}, token=alice_token)
        assert (
            repeat["data"]["seasonalShopBuy"]["errors"] == []
            and repeat["data"]["seasonalShopBuy"]["quantity"] == 2
        )
        assert changed(before, await snapshot(db)) == {}
        # A third passes the per-player limit: refused, nothing changes
        body = await gql(BUY, {"item": crown["item"]["id"], "q": 1}, token=alice_token)
        assert [(e["code"], e["field"]) for e in body["data"]["seasonalShopBuy"]["errors"]] == [
            ("LIMIT_REACHED", "quantity")
        ]
        assert changed(before, await snapshot(db)) == {}
        shown = (await gql(CURRENT, token=alice_token))["data"]["currentSeasonalEvent"]["myProgress"]
        assert shown == {"earned": 35, "spent": 14, "balance": 21, "converted": 0, "coinsFromConversion": 0}
        # The supply view shows the event currency like any asset
        frost = supply_of(await gql(SUPPLY, token=boss_token), "FROST")
        assert (frost["minted"], frost["burned"], frost["held"], frost["balanced"]) == (35, 14, 21, True)

        # When the clock passes the end and the end job runs twice
        coins_before = balances(await gql(BALANCES, token=alice_token))["COIN"]
        await advance(gql, boss_token, 3 * DAY)
        boss_token, alice_token = token(app, settings, boss), token(app, settings, alice)
        first = await run_job(gql, boss_token, "event_end")
        assert first["ended"] >= 1 and first["converted"] >= 1
        once = await snapshot(db)
        second = await run_job(gql, boss_token, "event_end")
        assert (second["ended"], second["converted"], second["coins"]) == (0, 0, 0)
        assert set(changed(once, await snapshot(db))) <= {"config_values", "audit_log", "audit_head"}
        # Then 21 FROST became 10 COIN (half, rounded down), paid once; the crowns stay, as limited editions
        held = balances(await gql(BALANCES, token=alice_token))
        assert (held["COIN"] - coins_before, held.get("FROST", 0)) == (10, 0)
        frost = supply_of(await gql(SUPPLY, token=boss_token), "FROST")
        assert (frost["minted"], frost["burned"], frost["held"], frost["balanced"]) == (35, 35, 0, True)
        assert supply_of(await gql(SUPPLY, token=boss_token), "COIN")["balanced"] is True
        mine = (await gql(MINE, token=alice_token))["data"]["mySeasonalItems"]
        assert [(m["item"]["name"], m["quantity"], m["event"]["status"]) for m in mine] == [
            ("Ice Crown", 2, "ENDED")
        ]
        inventory = (await gql(INVENTORY, token=alice_token))["data"]["me"]["inventory"]
        assert [e["item"]["description"].startswith("Limited edition") for e in inventory] == [True]
        events = (await gql(EVENTS, {"s": "ENDED"}))["data"]["seasonalEvents"]
        assert event["id"] in [e["id"] for e in events]
        progress = (await gql(CURRENT, token=alice_token))["data"]["currentSeasonalEvent"]
        assert progress is None
        notes = (await gql(NOTES, token=alice_token))["data"]["notifications"]["edges"]
        kinds = [n["node"]["kind"] for n in notes]
        assert kinds.count("seasonal.converted") == 1 and kinds.count("seasonal.ended") == 1
        # And the closed shop refuses, changing nothing
        before = await snapshot(db)
        body = await gql(BUY, {"item": crown["item"]["id"], "q": 1}, token=alice_token)
        assert [e["code"] for e in body["data"]["seasonalShopBuy"]["errors"]] == ["EVENT_NOT_ACTIVE"]
        assert changed(before, await snapshot(db)) == {}


def _bad_dates(now: datetime) -> dict[str, Any]:
    return {
        "startsAt": (now + timedelta(days=2)).isoformat(),
        "endsAt": (now + timedelta(days=1)).isoformat(),
    }


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"name": " "}, "INVALID_NAME", "name"),
        ({"currencyName": ""}, "INVALID_NAME", "currencyName"),
        ({"description": "x" * 501}, "INVALID_DESCRIPTION", "description"),
        ({"currencyCode": "f!"}, "INVALID_CURRENCY", "currencyCode"),
        ({"currencyCode": "COIN"}, "CURRENCY_TAKEN", "currencyCode"),
        ({"currencyCode": "SNOWFLAKE"}, "CURRENCY_TAKEN", "currencyCode"),
        ("bad-dates", "INVALID_DATES", "endsAt"),
    ],
)
async def test_a_refused_event_says_why_and_changes_nothing(
    settings: Settings, overrides: Any, code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        now = app.state.services.clock.now()
        if overrides == "bad-dates":
            overrides = _bad_dates(now)
        before = await snapshot(db)
        body = await gql(CREATE, {"i": event_input(now, **overrides)}, token=boss.token)
        payload = body["data"]["seasonalEventCreate"]
        assert payload["event"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
        assert changed(before, await snapshot(db)) == {}


async def test_refused_purchases_say_why_and_change_nothing(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        assert boss.token
        now = clock.now()
        made = await gql(CREATE, {"i": event_input(now, startsAt=now.isoformat())}, token=boss.token)
        event_id = made["data"]["seasonalEventCreate"]["event"]["id"]
        shop = {}
        for name, stock in (("Rare Star", 1), ("Plenty", None)):
            body = await gql(
                ITEM, {"i": {"eventId": event_id, "name": name, "price": 4, "stock": stock}}, token=boss.token
            )
            shop[name] = body["data"]["seasonalShopItemCreate"]["shopItem"]["item"]["id"]
        await run_job(gql, boss.token, "event_start")
        await factories.grant(db, alice, 6, currency="FROST", clock=clock)
        cases = [
            ({"item": "999999", "q": 1}, "UNKNOWN_ITEM", "itemId"),
            ({"item": "nope", "q": 1}, "UNKNOWN_ITEM", "itemId"),
            ({"item": shop["Plenty"], "q": 0}, "INVALID_QUANTITY", "quantity"),
            ({"item": shop["Plenty"], "q": 2}, "INSUFFICIENT_FUNDS", "quantity"),
            ({"item": shop["Rare Star"], "q": 1}, None, None),
        ]
        for variables, code, field in cases:
            before = await snapshot(db)
            body = await gql(BUY, variables, token=alice.token)
            errors = [(e["code"], e["field"]) for e in body["data"]["seasonalShopBuy"]["errors"]]
            if code is None:
                assert errors == []
                continue
            assert errors == [(code, field)], variables
            assert changed(before, await snapshot(db)) == {}
        # The star is sold out now (alice still has 2 FROST, enough for none; give her more)
        await factories.grant(db, alice, 10, currency="FROST", clock=clock)
        before = await snapshot(db)
        body = await gql(BUY, {"item": shop["Rare Star"], "q": 1}, token=alice.token)
        assert [(e["code"], e["field"]) for e in body["data"]["seasonalShopBuy"]["errors"]] == [
            ("OUT_OF_STOCK", "quantity")
        ]
        assert changed(before, await snapshot(db)) == {}
        # A key reused for another purchase is refused
        await gql(BUY, {"item": shop["Plenty"], "q": 1, "key": "k1"}, token=alice.token)
        body = await gql(BUY, {"item": shop["Plenty"], "q": 2, "key": "k1"}, token=alice.token)
        assert [e["code"] for e in body["data"]["seasonalShopBuy"]["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]


async def test_admins_update_scheduled_events_and_a_started_one_keeps_its_start(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        assert boss.token
        now = app.state.services.clock.now()
        event = (await gql(CREATE, {"i": event_input(now)}, token=boss.token))["data"]["seasonalEventCreate"][
            "event"
        ]
        later = (now + timedelta(hours=2)).isoformat()
        body = await gql(
            UPDATE, {"i": {"id": event["id"], "name": "Frost Fair", "startsAt": later}}, token=boss.token
        )
        assert body["data"]["seasonalEventUpdate"]["errors"] == []
        assert body["data"]["seasonalEventUpdate"]["event"]["name"] == "Frost Fair"
        # A player may not
        refused = await gql(
            UPDATE, {"i": {"id": event["id"], "name": "Mine"}}, token=alice.token, expect_errors=True
        )
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        await advance(gql, boss.token, 3 * HOUR)
        boss_token = token(app, settings, boss)
        await run_job(gql, boss_token, "event_start")
        for variables, code, field in (
            ({"startsAt": now.isoformat()}, "EVENT_STARTED", "startsAt"),
            ({"name": ""}, "INVALID_NAME", "name"),
            ({"endsAt": now.isoformat()}, "INVALID_DATES", "endsAt"),
        ):
            before = await snapshot(db)
            body = await gql(UPDATE, {"i": {"id": event["id"], **variables}}, token=boss_token)
            assert [(e["code"], e["field"]) for e in body["data"]["seasonalEventUpdate"]["errors"]] == [
                (code, field)
            ]
            assert changed(before, await snapshot(db)) == {}
        body = await gql(UPDATE, {"i": {"id": "424242", "name": "x"}}, token=boss_token)
        assert [e["code"] for e in body["data"]["seasonalEventUpdate"]["errors"]] == ["UNKNOWN_EVENT"]


async def test_four_default_yearly_events_open_with_their_shops_and_schedule_next_year(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        assert boss.token
        # The jobs are listed for admins
        names = {j["name"] for j in (await gql(JOBS, token=boss.token))["data"]["adminJobs"]}
        assert {"event_start", "event_end"} <= names
        seeded = (await gql(EVENTS))["data"]["seasonalEvents"]
        assert {"New Year", "Spring Festival", "Summer Games", "Halloween"} <= {e["name"] for e in seeded}
        assert all(e["yearly"] for e in seeded)
        upcoming = [
            e
            for e in seeded
            if e["status"] == "SCHEDULED" and datetime.fromisoformat(e["startsAt"]) > clock.now()
        ]
        first = min(upcoming, key=lambda e: e["startsAt"])
        # When the clock reaches the first one's start
        seconds = int((datetime.fromisoformat(first["startsAt"]) - clock.now()).total_seconds()) + HOUR
        await advance(gql, boss.token, seconds)
        boss_token = token(app, settings, boss)
        await run_job(gql, boss_token, "event_start")
        current = (await gql(CURRENT))["data"]["currentSeasonalEvent"]
        assert current["id"] == first["id"] and current["status"] == "ACTIVE"
        assert len(current["shop"]) >= 2 and all(s["limitedEdition"] for s in current["shop"])
        # And past its end, it closes and next year's is scheduled
        seconds = int((datetime.fromisoformat(first["endsAt"]) - clock.now()).total_seconds()) + HOUR
        await advance(gql, boss_token, seconds)
        boss_token = token(app, settings, boss)
        assert (await run_job(gql, boss_token, "event_end"))["ended"] >= 1
        after = (await gql(EVENTS))["data"]["seasonalEvents"]
        same = [e for e in after if e["name"] == first["name"]]
        assert [e["status"] for e in same] == ["ENDED", "SCHEDULED"]
        gap = datetime.fromisoformat(same[1]["startsAt"]) - datetime.fromisoformat(same[0]["startsAt"])
        assert timedelta(days=365) <= gap <= timedelta(days=366)


async def test_listing_events_with_shops_and_progress_costs_the_same_for_more_events(
    settings: Settings,
) -> None:
    from tests.server.support import count_statements

    listing = "{ seasonalEvents { id shop { price item { name } } myProgress { earned spent balance } } }"
    async with running(settings) as (app, gql):
        db = app.state.services.db
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        now = app.state.services.clock.now()
        counts = []
        for n in range(2):
            made = await gql(CREATE, {"i": event_input(now, currencyCode=f"LST{n}")}, token=boss.token)
            event_id = made["data"]["seasonalEventCreate"]["event"]["id"]
            await gql(ITEM, {"i": {"eventId": event_id, "name": f"Thing {n}", "price": 2}}, token=boss.token)
            with count_statements(db) as seen:
                body = await gql(listing, token=alice.token)
            counts.append(
                len([s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))])
            )
            assert len(body["data"]["seasonalEvents"]) >= 5 + n
        assert counts[0] == counts[1], counts
