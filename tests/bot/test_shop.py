"""/shop with Buy buttons, /buy, /inventory: purchases, usage errors, redelivered updates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db.models import Event
from resolvers import pricing, unit_of_work
from resolvers.clock import ManualClock
from tests.bot.harness import ALICE, OLGA, Harness, message_update

BUY_USAGE = "Usage: /buy item_number [quantity]\nExample: /buy 3 2 (the numbers are in /shop)"


@pytest.fixture
async def shop(harness: Harness) -> dict[str, str]:
    """Two items on sale; alice has 100 COIN."""
    admin = await harness.admin()
    sword = await harness.create_item(admin, "Sword", 30, stock=5)
    card = await harness.create_item(admin, "Gold card", 10)
    await harness.command(ALICE, "/start")
    await harness.grant(admin, ALICE, 100)
    return {"sword": sword, "card": card}


async def inventory(harness: Harness) -> dict[str, int]:
    me = await harness.me(ALICE)
    return {e["item"]["name"]: e["quantity"] for e in me["inventory"]}


async def test_shop_lists_items_with_buy_buttons(harness: Harness, shop: dict[str, str]) -> None:
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/shop"))
    (message,) = [c for c in calls if c.method == "sendMessage"]

    assert message.params["text"] == (
        "On sale (buy with the buttons or /buy item_number):\n"
        f"#{shop['sword']} Sword — 30 COIN → (5 left)\n    shiny\n"
        f"#{shop['card']} Gold card — 10 COIN →\n    shiny"
    )
    buttons = [row[0] for row in message.params["reply_markup"]["inline_keyboard"]]
    assert buttons == [
        {"text": "Buy Sword · 30 COIN", "callback_data": f"buy:{shop['sword']}"},
        {"text": "Buy Gold card · 10 COIN", "callback_data": f"buy:{shop['card']}"},
    ]


async def test_buy_button_buys_once_per_press(harness: Harness, shop: dict[str, str]) -> None:
    calls = await harness.press(ALICE, f"buy:{shop['sword']}", update_id=900)

    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    text = "You bought Sword × 1 for 30 COIN. See /inventory."
    assert calls[0].params["text"] == text and calls[1].params["text"] == text
    # Telegram delivers the same press again: nothing more is bought.
    await harness.press(ALICE, f"buy:{shop['sword']}", update_id=900)
    assert await inventory(harness) == {"Sword": 1}
    assert await harness.balance(ALICE) == 70
    # A second press is a second purchase.
    await harness.press(ALICE, f"buy:{shop['sword']}", update_id=901)
    assert await inventory(harness) == {"Sword": 2}
    assert await harness.balance(ALICE) == 40


async def test_buy_command_and_inventory(harness: Harness, shop: dict[str, str]) -> None:
    assert await harness.command(ALICE, "/inventory") == "You hold no items yet. See /shop."
    reply = await harness.command(ALICE, f"/buy {shop['card']} 3", update_id=950)
    assert reply == "You bought Gold card × 3 for 30 COIN. See /inventory."
    await harness.command(ALICE, f"/buy {shop['card']} 3", update_id=950)  # redelivered
    await harness.command(ALICE, f"/buy #{shop['sword']}")

    assert await harness.command(ALICE, "/inventory") == "Your items:\n• Sword × 1\n• Gold card × 3"
    assert await harness.balance(ALICE) == 40


async def test_malformed_buy_shows_usage_and_buys_nothing(harness: Harness, shop: dict[str, str]) -> None:
    for text in ["/buy", "/buy x", f"/buy {shop['card']} y", f"/buy {shop['card']} 1 2", "/buy 1.5"]:
        assert await harness.command(ALICE, text) == BUY_USAGE, text
    assert await inventory(harness) == {}
    assert await harness.balance(ALICE) == 100


async def test_buy_errors_are_readable(harness: Harness, shop: dict[str, str]) -> None:
    shop["rare"] = await harness.create_item(harness.admin_token, "Rare", 1, stock=1)
    assert await harness.command(ALICE, "/buy 99999") == "There is no item with that number. See /shop."
    assert await harness.command(ALICE, f"/buy {shop['sword']} 4") == "You do not have enough money for that."
    assert await harness.command(ALICE, f"/buy {shop['card']} 0") == "That quantity is not allowed."
    assert await harness.command(ALICE, f"/buy {shop['rare']} 2") == "Not enough of this item is left."
    assert await harness.balance(ALICE) == 100


async def test_shop_in_russian(harness: Harness, shop: dict[str, str]) -> None:
    await harness.command(OLGA, "/start")
    text = await harness.command(OLGA, "/shop")
    assert text.startswith("В продаже (покупайте кнопками или командой /buy номер_предмета):")
    assert "Sword — 30 COIN → (осталось 5)" in text
    assert await harness.command(OLGA, f"/buy {shop['sword']}") == "Для этого у вас недостаточно средств."


async def test_shop_shows_each_price_trend_after_the_daily_repricing(
    harness: Harness, shop: dict[str, str]
) -> None:
    # Given gold cards bought today, when the pricing job runs tomorrow, their price rises 20 %
    await harness.command(ALICE, f"/buy {shop['card']} 3")
    tomorrow = ManualClock(datetime.now(UTC) + timedelta(days=1))
    report = await pricing.reprice_all(
        lambda fn: unit_of_work.run(harness.db, fn, publish=_no_publish), clock=tomorrow
    )
    assert report["rising"] == 1
    text = await harness.command(ALICE, "/shop")
    assert f"#{shop['card']} Gold card — 12 COIN ↗" in text
    assert f"#{shop['sword']} Sword — 30 COIN → (5 left)" in text


async def _no_publish(events: list[Event]) -> None:
    pass


async def test_empty_shop(harness: Harness) -> None:
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/shop"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert message.params["text"] == "Nothing is on sale right now."
    assert "reply_markup" not in message.params


async def test_history_names_items_and_the_other_side_in_words(
    harness: Harness, shop: dict[str, str]
) -> None:
    await harness.command(ALICE, f"/buy {shop['card']} 2")
    lines = (await harness.command(ALICE, "/history")).splitlines()
    assert lines[1].startswith("+2 Gold card · purchase · from the shop · ")
    assert lines[2].startswith("−20 COIN · purchase · to the shop · ")
    assert lines[3].startswith("+100 COIN · grant · an admin's grant · ")
    assert not any(word in line for line in lines for word in ("item:", "mint", "burn", "escrow:"))

    admin = await harness.admin()
    await harness.command(OLGA, "/start")
    await harness.grant(admin, OLGA, 5)
    assert (await harness.command(OLGA, "/history")).splitlines()[1].startswith("+5 COIN · ")
    assert "начисление от админа" in (await harness.command(OLGA, "/history"))
