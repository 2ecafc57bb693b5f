"""/event and /eventbuy: the open event with its shop and progress, a purchase once per update,
no event (the next one named), refusals and Russian texts."""

from __future__ import annotations

from datetime import timedelta

from resolvers import unit_of_work
from resolvers.clock import SystemClock
from resolvers.seasonal import lifecycle
from tests.bot.harness import ALICE, OLGA, Harness

CREATE = """mutation($s: DateTime!, $e: DateTime!) { seasonalEventCreate(input: {name: "Frost Fest",
  currencyCode: "FROST", currencyName: "Frost", startsAt: $s, endsAt: $e}) { event { id } errors { code } } }"""
ITEM = """mutation($e: ID!) { seasonalShopItemCreate(input: {eventId: $e, name: "Ice Crown", price: 7, stock: 3}) {
  shopItem { item { id } } errors { code } } }"""
GRANT = """mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 20, currency: "FROST", reason: "event"}) {
  errors { code } } }"""


async def open_event(harness: Harness) -> str:
    admin = await harness.admin()
    now = SystemClock().now()
    made = await harness.gql(
        CREATE,
        {"s": (now - timedelta(minutes=1)).isoformat(), "e": (now + timedelta(days=2)).isoformat()},
        token=admin,
    )
    event_id = made["data"]["seasonalEventCreate"]["event"]["id"]
    item = await harness.gql(ITEM, {"e": event_id}, token=admin)
    await unit_of_work.run(
        harness.db,
        lambda s: lifecycle.open_due(s, event_id=int(event_id), clock=SystemClock()),
        publish=_nothing,
    )
    return str(item["data"]["seasonalShopItemCreate"]["shopItem"]["item"]["id"])


async def _nothing(events: object) -> None:
    return None


async def test_event_shows_the_shop_and_eventbuy_buys_once_per_update(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    crown = await open_event(harness)
    me = await harness.me(ALICE)
    assert (await harness.gql(GRANT, {"u": me["id"]}, token=await harness.admin()))["data"]["adminGrant"][
        "errors"
    ] == []
    shown = (await harness.command(ALICE, "/event")).splitlines()
    assert shown[0].startswith("🎉 Frost Fest — 1 d 23 h left") or shown[0].startswith("🎉 Frost Fest — 2 d")
    assert shown[1] == "Earned 0 FROST, spent 0 FROST, you hold 20 FROST."
    assert shown[2] == "Earn Frost by playing. At the end what is left becomes COIN at 50%."
    assert shown[3:] == [
        "Limited editions (/eventbuy item_number):",
        f"#{crown} Ice Crown — 7 FROST (3 left)",
    ]
    bought = await harness.command(ALICE, f"/eventbuy {crown} 2", update_id=811)
    assert (
        bought == "You bought Ice Crown × 2 for 14 FROST. A limited edition: it stays yours after the event."
    )
    # Telegram delivers the same update again: nothing more is bought
    assert (await harness.command(ALICE, f"/eventbuy {crown} 2", update_id=811)) == bought
    assert await harness.balance(ALICE, "FROST") == 6
    assert (
        await harness.command(ALICE, f"/eventbuy {crown}")
        == "You do not have enough event currency for that."
    )
    assert (
        await harness.command(ALICE, "/eventbuy 999999")
        == "There is no event item with that number. See /event."
    )
    assert (await harness.command(ALICE, "/eventbuy x")).startswith("Usage: /eventbuy item_number [quantity]")


async def test_without_an_event_the_next_one_is_named_in_russian(harness: Harness) -> None:
    await harness.command(OLGA, "/start")
    reply = await harness.command(OLGA, "/event")
    assert reply.startswith("Сейчас нет сезонного события. Следующее: ")
