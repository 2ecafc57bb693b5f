"""What the seasonal tests share: documents, the clock moved through the API, jobs run by an admin."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from db.engine import Database
from resolvers import outbox
from resolvers.accounts import tokens
from resolvers.seasonal import common
from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient
from workers import seasonal as seasonal_jobs

EVENT_FIELDS = """id name currency currencyName status yearly startsAt endsAt timeLeftSeconds conversionPercent
  shop { item { id name description active } price limitedEdition }
  myProgress { earned spent balance converted coinsFromConversion }"""
CREATE = f"""mutation($i: SeasonalEventCreateInput!) {{ seasonalEventCreate(input: $i) {{
  event {{ {EVENT_FIELDS} }} errors {{ code field message }} }} }}"""
UPDATE = f"""mutation($i: SeasonalEventUpdateInput!) {{ seasonalEventUpdate(input: $i) {{
  event {{ {EVENT_FIELDS} }} errors {{ code field message }} }} }}"""
ITEM = """mutation($i: SeasonalShopItemCreateInput!) { seasonalShopItemCreate(input: $i) {
  shopItem { item { id name description currency active } price limitedEdition } errors { code field message } } }"""
BUY = """mutation($item: ID!, $q: Int!, $key: String) {
  seasonalShopBuy(input: {itemId: $item, quantity: $q, idempotencyKey: $key}) {
    item { id name } quantity total event { id } errors { code field message } } }"""
CURRENT = f"{{ currentSeasonalEvent {{ {EVENT_FIELDS} }} }}"
EVENTS = "query($s: SeasonalEventStatus) { seasonalEvents(status: $s) { id name currency status yearly startsAt endsAt } }"
MINE = "{ mySeasonalItems { quantity item { id name description } event { id name status } } }"
INVENTORY = "{ me { inventory { quantity item { id name description } } } }"
BALANCES = "{ me { balances { currency amount } } }"
SUPPLY = "{ adminEconomySupply { asset minted burned held balanced } }"
NOTES = "{ notifications(first: 20) { edges { node { kind title body } } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = (
    "mutation($n: String!) { adminJobRun(input: {name: $n}) { name report errors { code field message } } }"
)
JOBS = "{ adminJobs { name schedule } }"
PAY = "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1}) { errors { code } } }"
HOUR = 3600
DAY = 24 * HOUR


def token(app: Any, settings: Settings, player: factories.Player) -> str:
    """A fresh access token on the app's clock (a moved clock expires the old ones)."""
    now = app.state.services.clock.now()
    return tokens.issue_access_token(secret=settings.secret_key, user_id=player.id, now=now, minutes=15)


def event_input(now: datetime, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Frost Fest",
        "description": "Cold fun.",
        "currencyCode": "FROST",
        "currencyName": "Frost",
        "startsAt": (now + timedelta(hours=1)).isoformat(),
        "endsAt": (now + timedelta(days=3)).isoformat(),
    }
    return values | overrides


async def advance(gql: GraphQLClient, admin: str, seconds: int) -> None:
    body = await gql(ADVANCE, {"s": seconds}, token=admin)
    assert body["data"]["adminClockAdvance"]["errors"] == []


async def run_job(gql: GraphQLClient, admin: str, name: str) -> dict[str, Any]:
    body = await gql(JOB_RUN, {"n": name}, token=admin)
    assert body["data"]["adminJobRun"]["errors"] == [], body
    report: dict[str, Any] = body["data"]["adminJobRun"]["report"]
    return report


async def relay(db: Database) -> int:
    assert outbox.CONSUMERS[common.CONSUMER] is seasonal_jobs.earn_event_currency
    return await outbox.relay(db, common.CONSUMER, clock=factories.CLOCK)


def balances(body: dict[str, Any]) -> dict[str, int]:
    return {b["currency"]: int(b["amount"]) for b in body["data"]["me"]["balances"]}


def supply_of(body: dict[str, Any], asset: str) -> dict[str, Any]:
    return next(s for s in body["data"]["adminEconomySupply"] if s["asset"] == asset)
