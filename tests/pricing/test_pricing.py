"""Dynamic shop prices: the daily job moves prices with demand, within bounds, once a day."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import col

from db.engine import Database
from db.models import Event, Item
from db.models.pricing import PricePoint
from resolvers import pricing, shop, unit_of_work
from resolvers.accounts import tokens
from resolvers.clock import ManualClock
from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient
from tests.server.support import count_statements, running
from tests.snapshot import changed, snapshot

FIELDS = "id price basePrice minPrice maxPrice priceTrend pinned"
CREATE = f"""mutation($input: ShopItemCreateInput!) {{ shopItemCreate(input: $input) {{
  item {{ {FIELDS} }} errors {{ code field message }} }} }}"""
UPDATE = f"""mutation($input: ShopItemUpdateInput!) {{ shopItemUpdate(input: $input) {{
  item {{ {FIELDS} }} errors {{ code field message }} }} }}"""
ITEM = f"query($id: ID!) {{ item(id: $id) {{ {FIELDS} }} }}"
BUY = """mutation($item: ID!, $q: Int!) { shopPurchase(input: {itemId: $item, quantity: $q}) {
  quantity errors { code field } } }"""
HISTORY = """query($id: ID!) { shopItemPriceHistory(itemId: $id, first: 10) { edges { node {
  day price previousPrice trend purchases previousPurchases modifier pinned } } } }"""
MODIFIER = """mutation($item: ID, $m: Float) { shopPriceModifierSet(input: {itemId: $item, multiplier: $m}) {
  itemId multiplier errors { code field message } } }"""
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
RUN = 'mutation { adminJobRun(input: {name: "shop_pricing"}) { report errors { code message } } }'
JOBS = "{ adminJobs { name } }"
DAY = 86400
_round = itertools.count()


class Shop:
    """An admin and a rich player on the app's manual clock; tokens reissued as the clock moves."""

    def __init__(self, app: Any, gql: GraphQLClient, settings: Settings) -> None:
        self.app, self.gql, self.settings = app, gql, settings
        self.db: Database = app.state.services.db
        self.ids: dict[str, int] = {}

    async def setup(self) -> Shop:
        admin = await factories.admin(self.db, "boss", secret=self.settings.secret_key)
        player = await factories.player(self.db, "buyer", coins=100_000, secret=self.settings.secret_key)
        self.ids = {"admin": admin.id, "player": player.id}
        return self

    def token(self, who: str) -> str:
        now = self.app.state.services.clock.now()
        return tokens.issue_access_token(
            secret=self.settings.secret_key, user_id=self.ids[who], now=now, minutes=15
        )

    async def __call__(self, query: str, variables: dict[str, Any] | None = None, who: str = "admin") -> Any:
        body = await self.gql(query, variables, token=self.token(who))
        return body["data"]

    async def create(self, **fields: Any) -> dict[str, Any]:
        data = await self(CREATE, {"input": {"name": f"Item {next(_round)}", **fields}})
        assert data["shopItemCreate"]["errors"] == []
        return dict(data["shopItemCreate"]["item"])

    async def item(self, ident: str) -> dict[str, Any]:
        return dict((await self(ITEM, {"id": ident}, who="player"))["item"])

    async def buy(self, ident: str, quantity: int) -> None:
        data = await self(BUY, {"item": ident, "q": quantity}, who="player")
        assert data["shopPurchase"]["errors"] == []

    async def next_day(self) -> dict[str, int]:
        moved = await self(ADVANCE, {"s": DAY})
        assert moved["adminClockAdvance"]["errors"] == []
        return await self.run()

    async def run(self) -> dict[str, int]:
        run = (await self(RUN))["adminJobRun"]
        assert run["errors"] == []
        return dict(run["report"])

    async def history(self, ident: str) -> list[dict[str, Any]]:
        edges = (await self(HISTORY, {"id": ident}, who="player"))["shopItemPriceHistory"]["edges"]
        return [e["node"] for e in edges]


def manual(settings: Settings) -> Settings:
    return replace(settings, clock_mode="manual")


async def test_demand_raises_the_price_then_its_fall_lowers_it_within_the_bounds(settings: Settings) -> None:
    async with running(manual(settings)) as (app, gql):
        shop_ = await Shop(app, gql, settings).setup()
        assert "shop_pricing" in {j["name"] for j in (await shop_(JOBS))["adminJobs"]}
        # Given an item at 100 that may move between 50 and 130
        made = await shop_.create(basePrice=100, minPrice=50, maxPrice=130)
        ident = made["id"]
        assert made == {
            "id": ident,
            "price": 100,
            "basePrice": 100,
            "minPrice": 50,
            "maxPrice": 130,
            "priceTrend": "STABLE",
            "pinned": False,
        }
        # When 5 are bought and a day passes, the price rises by the daily cap (20 %)
        await shop_.buy(ident, 5)
        report = await shop_.next_day()
        assert report["priced"] == 1 and report["rising"] == 1
        assert (await shop_.item(ident))["price"] == 120
        assert (await shop_.item(ident))["priceTrend"] == "RISING"
        # And running the job again that day changes nothing (but the record of the admin's run)
        job_run_record = ("audit_log", "config_values")
        before = await snapshot(shop_.db, ignore=job_run_record)
        again = await shop_.run()
        assert again["priced"] == 0 and again["already"] == 1
        assert changed(before, await snapshot(shop_.db, ignore=job_run_record)) == {}
        # The next day demand is still up, but the price stops at its maximum
        await shop_.next_day()
        assert (await shop_.item(ident))["price"] == 130
        # A purchase charges the current price
        before_balance = await factories.balance(shop_.db, shop_.ids["player"])
        await shop_.buy(ident, 1)
        assert before_balance - await factories.balance(shop_.db, shop_.ids["player"]) == 130
        # A week later the sales fall away and the price falls by at most 20 % a day
        await shop_(ADVANCE, {"s": 7 * DAY})
        await shop_.run()
        after = await shop_.item(ident)
        assert (after["price"], after["priceTrend"]) == (104, "FALLING")
        history = await shop_.history(ident)
        assert [(h["price"], h["previousPrice"], h["trend"]) for h in history] == [
            (104, 130, "FALLING"),
            (130, 120, "RISING"),
            (120, 100, "RISING"),
        ]
        assert (history[2]["purchases"], history[2]["previousPurchases"]) == (5, 0)
        assert history[0]["modifier"] == 1.0 and history[0]["pinned"] is False


async def test_a_pinned_price_does_not_move_until_unpinned(settings: Settings) -> None:
    async with running(manual(settings)) as (app, gql):
        shop_ = await Shop(app, gql, settings).setup()
        ident = (await shop_.create(price=40, pinned=True))["id"]
        await shop_.buy(ident, 10)
        await shop_.next_day()
        pinned = await shop_.item(ident)
        assert (pinned["price"], pinned["priceTrend"], pinned["pinned"]) == (40, "STABLE", True)
        assert [(h["price"], h["pinned"]) for h in await shop_.history(ident)] == [(40, True)]
        data = await shop_(UPDATE, {"input": {"id": ident, "pinned": False}})
        assert data["shopItemUpdate"]["errors"] == []
        await shop_.next_day()
        assert (await shop_.item(ident))["price"] == 48


async def test_a_seasonal_modifier_moves_prices_towards_it_a_step_a_day(settings: Settings) -> None:
    async with running(manual(settings)) as (app, gql):
        shop_ = await Shop(app, gql, settings).setup()
        cake = (await shop_.create(price=100, maxPrice=300))["id"]
        tea = (await shop_.create(price=100))["id"]
        # Given a winter sale of the whole shop (×0.9) and cake in season on top (×1.5 → ×1.35)
        for item, multiplier in ((None, 0.9), (cake, 1.5)):
            data = await shop_(MODIFIER, {"item": item, "m": multiplier})
            assert data["shopPriceModifierSet"]["errors"] == []
            assert data["shopPriceModifierSet"]["multiplier"] == multiplier
        # Then, with no sales, cake climbs at most 20 % a day to 135 and tea falls to 90
        prices = []
        for _ in range(3):
            await shop_.next_day()
            prices.append(((await shop_.item(cake))["price"], (await shop_.item(tea))["price"]))
        assert prices == [(120, 90), (135, 90), (135, 90)]
        assert (await shop_.history(cake))[0]["modifier"] == 1.35
        # When the cake season ends, the price returns to the shop's level
        data = await shop_(MODIFIER, {"item": cake, "m": None})
        assert data["shopPriceModifierSet"] == {"itemId": cake, "multiplier": None, "errors": []}
        await shop_.next_day()
        assert (await shop_.item(cake))["price"] == 108


@pytest.mark.parametrize(
    ("variables", "code", "field"),
    [
        ({"m": 0}, "INVALID_MODIFIER", "multiplier"),
        ({"m": 11}, "INVALID_MODIFIER", "multiplier"),
        ({"m": 1.2, "item": "999999"}, "UNKNOWN_ITEM", "itemId"),
        ({"m": 1.2, "item": "nope"}, "UNKNOWN_ITEM", "itemId"),
    ],
)
async def test_a_refused_modifier_says_why_and_changes_nothing(
    settings: Settings, variables: dict[str, Any], code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        shop_ = await Shop(app, gql, settings).setup()
        before = await snapshot(shop_.db)
        data = await shop_(MODIFIER, {"item": None, **variables})
        payload = data["shopPriceModifierSet"]
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
        assert changed(before, await snapshot(shop_.db)) == {}


@pytest.mark.parametrize(
    ("mutation", "fields", "code", "field"),
    [
        ("create", {"basePrice": 100, "minPrice": 120}, "INVALID_PRICE_RANGE", "minPrice"),
        ("create", {"basePrice": 100, "maxPrice": 90}, "INVALID_PRICE_RANGE", "maxPrice"),
        ("create", {"price": 300, "basePrice": 100, "maxPrice": 200}, "INVALID_PRICE_RANGE", "price"),
        ("create", {"basePrice": -1}, "INVALID_PRICE", "basePrice"),
        ("create", {"minPrice": "2.5", "price": 5}, "INVALID_PRICE", "minPrice"),
        ("create", {}, "INVALID_PRICE", "price"),
        ("update", {"minPrice": None}, "INVALID_PRICE", "minPrice"),
        ("update", {"maxPrice": 10}, "INVALID_PRICE_RANGE", "maxPrice"),
        ("update", {"basePrice": 10}, "INVALID_PRICE_RANGE", "minPrice"),
        ("update", {"price": 500, "maxPrice": 300}, "INVALID_PRICE_RANGE", "price"),
    ],
)
async def test_bad_price_bounds_are_refused_by_field_and_change_nothing(
    settings: Settings, mutation: str, fields: dict[str, Any], code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        shop_ = await Shop(app, gql, settings).setup()
        existing = await factories.item(shop_.db, price=100)
        before = await snapshot(shop_.db)
        if mutation == "create":
            data = (await shop_(CREATE, {"input": {"name": "Bad", **fields}}))["shopItemCreate"]
        else:
            data = (await shop_(UPDATE, {"input": {"id": str(existing.id), **fields}}))["shopItemUpdate"]
        assert data["item"] is None
        assert [(e["code"], e["field"]) for e in data["errors"]] == [(code, field)]
        assert changed(before, await snapshot(shop_.db)) == {}


async def test_narrowed_bounds_bring_the_current_price_inside(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        shop_ = await Shop(app, gql, settings).setup()
        ident = (await shop_.create(price=100))["id"]
        # A price set on its own stretches the bound it crosses
        data = await shop_(UPDATE, {"input": {"id": ident, "price": 250}})
        assert (data["shopItemUpdate"]["item"]["price"], data["shopItemUpdate"]["item"]["maxPrice"]) == (
            250,
            250,
        )
        # Narrowed bounds bring the current price inside them
        data = await shop_(UPDATE, {"input": {"id": ident, "basePrice": 60, "maxPrice": 80}})
        assert data["shopItemUpdate"]["errors"] == []
        assert data["shopItemUpdate"]["item"] | {"id": "x"} == {
            "id": "x",
            "price": 80,
            "basePrice": 60,
            "minPrice": 50,
            "maxPrice": 80,
            "priceTrend": "STABLE",
            "pinned": False,
        }


async def test_concurrent_job_runs_price_each_item_once(settings: Settings) -> None:
    db = Database(settings.database_url)
    try:
        clock = ManualClock()
        buyer = await factories.player(db, "racer", coins=10_000, clock=clock)
        items = [await factories.item(db, price=50, clock=clock) for _ in range(4)]
        for item in items:
            await factories.holding(db, buyer, item, 3, clock=clock)
        clock.advance(days=1)

        async def run() -> dict[str, int]:
            return await pricing.reprice_all(_runner(db), clock=clock)

        reports = await asyncio.gather(*(run() for _ in range(4)))
        assert sum(r["priced"] for r in reports) == 4
        async with db.reader() as session:
            points = (await session.execute(select(func.count()).select_from(PricePoint))).scalar_one()
            prices = (await session.execute(select(col(Item.price)))).scalars().all()
        assert points == 4 and sorted(prices) == [60] * 4
    finally:
        await db.dispose()


def _runner(db: Database) -> pricing.Run[Any]:
    async def no_publisher(events: list[Event]) -> None:
        pass

    return lambda fn: unit_of_work.run(db, fn, publish=no_publisher)


bounds = st.integers(0, 10**6).flatmap(
    lambda low: st.integers(low, low + 10**6).flatmap(
        lambda high: st.tuples(st.just(low), st.just(high), st.integers(low, high))
    )
)


@settings(max_examples=500, deadline=None)
@given(
    bounded=bounds,
    demand=st.integers(0, 10**7),
    recent=st.integers(0, 1000),
    earlier=st.integers(0, 1000),
    modifier=st.sampled_from([0.1, 0.5, 0.9, 1, 1.35, 2, 10]),
    pinned=st.booleans(),
)
def test_a_days_price_step_stays_in_bounds_and_within_a_fifth(
    bounded: tuple[int, int, int], demand: int, recent: int, earlier: int, modifier: float, pinned: bool
) -> None:
    """Property (the plan's "pricing bounds"): a day's new price is within the item's min and max
    and within ±20 % of yesterday's; a pinned price does not move; the trend names the move."""
    low, high, price = bounded
    step = pricing.next_price(
        price=price,
        demand_price=demand,
        recent=recent,
        earlier=earlier,
        modifier=Fraction(str(modifier)),
        minimum=low,
        maximum=high,
        pinned=pinned,
    )
    assert low <= step.price <= high
    assert abs(step.price - price) * 5 <= price
    if pinned:
        assert step.price == price and step.trend == pricing.Trend.STABLE
    expected = "RISING" if step.price > price else "FALLING" if step.price < price else "STABLE"
    assert step.trend == expected


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    days=st.lists(st.tuples(st.integers(0, 12), st.booleans(), st.integers(0, 2)), min_size=1, max_size=8),
    runs=st.integers(1, 3),
)
def test_daily_repricing_keeps_every_price_in_bounds_on_the_database(
    database_url: str, days: list[tuple[int, bool, int]], runs: int
) -> None:
    """Property, through the use cases and the job on the database: whatever sells, pinned or not,
    and however often the job runs a day, each item's price stays within its bounds, moves at most
    20 % a day (once a day), and a pinned price stays put."""

    async def body() -> None:
        db = Database(database_url)
        clock = ManualClock()
        try:
            n = next(_round)
            buyer = await factories.player(db, f"pricer{n}", coins=10**9, clock=clock)
            item = await factories.item(db, price=100, clock=clock, min_price=70, max_price=170)
            for bought, pinned, extra_runs in days:
                async with db.transaction() as session:
                    await shop.update_item(
                        session, actor_id=buyer.id, item_id=item.id, fields={"pinned": pinned}, clock=clock
                    )
                if bought:
                    await factories.holding(db, buyer, item, bought, clock=clock)
                clock.advance(days=1)
                before = await _price(db, int(item.id or 0))
                for _ in range(runs + extra_runs):
                    await pricing.reprice_all(_runner(db), clock=clock)
                after = await _price(db, int(item.id or 0))
                assert 70 <= after <= 170
                assert abs(after - before) * 5 <= before
                if pinned:
                    assert after == before
            async with db.reader() as session:
                count = select(func.count()).select_from(PricePoint).where(col(PricePoint.item_id) == item.id)
                assert (await session.execute(count)).scalar_one() == len(days)
        finally:
            await db.dispose()

    asyncio.run(body())


async def _price(db: Database, item_id: int) -> int:
    async with db.reader() as session:
        row = await session.get(Item, item_id)
        assert row is not None
        return row.price


async def test_the_price_history_costs_the_same_for_one_day_or_ten(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        item = await factories.item(db, price=100)
        start = datetime.now(UTC)

        async def history_after(days: range) -> tuple[int, int]:
            for day in days:
                await pricing.reprice_all(_runner(db), clock=ManualClock(start + timedelta(days=day)))
            with count_statements(db) as seen:
                body = await gql(HISTORY, {"id": str(item.id)})
            statements = [
                s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))
            ]
            return len(statements), len(body["data"]["shopItemPriceHistory"]["edges"])

        assert await history_after(range(1, 2)) == (2, 1)
        assert await history_after(range(2, 11)) == (2, 10)
