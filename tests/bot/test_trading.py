"""/trade: an offer of coins for an item, the Accept and Decline buttons, readable refusals."""

from __future__ import annotations

import pytest

from tests.bot.harness import ALICE, BOB, OLGA, Harness, message_update

TRADE_USAGE = (
    "Usage: /trade @username <what you give> for <what you want>\n"
    "Example: /trade @bob 50 COIN + 1 Golden Card for 2 Silver Card\n"
    "“nothing” leaves a side empty. /trade alone lists your open offers."
)


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the trading domain's own tests run on both databases."""
    return "sqlite"


@pytest.fixture
async def card(harness: Harness) -> str:
    """alice has 100 COIN, bob two Golden Cards; returns the card's id."""
    for user in (ALICE, BOB, OLGA):
        await harness.command(user, "/start")
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 100)
    await harness.grant(admin, BOB, 20)
    item_id = await harness.create_item(admin, "Golden Card", 10)
    assert (await harness.command(BOB, f"/buy {item_id} 2")).startswith("You bought Golden Card × 2")
    return item_id


async def test_an_offer_accepted_with_the_button(harness: Harness, card: str) -> None:
    reply = await harness.command(ALICE, "/trade @bob 40 COIN for 2 golden card")
    assert reply.startswith("Offer #") and reply.endswith("sent to @bob; what you give waits in escrow.")
    assert await harness.balance(ALICE) == 60
    calls = await harness.deliver(message_update(harness.next_id(), BOB, "/trade"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert "from alice: you get 40 COIN, you give Golden Card × 2" in message.params["text"]
    accept, decline = message.params["reply_markup"]["inline_keyboard"][0]
    assert accept["callback_data"].startswith("trade:accept:")
    assert decline["callback_data"].startswith("trade:decline:")

    calls = await harness.press(BOB, accept["callback_data"])
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    assert calls[1].params["text"].endswith("done: both sides swapped.")
    assert await harness.balance(BOB) == 38
    assert (await harness.me(ALICE))["inventory"] == [
        {"item": {"id": card, "name": "Golden Card"}, "quantity": 2}
    ]
    # the button again: the offer is closed
    calls = await harness.press(BOB, accept["callback_data"])
    assert calls[1].params["text"] == "This offer is no longer open."


async def test_declined_with_the_button_returns_the_escrow(harness: Harness, card: str) -> None:
    await harness.command(ALICE, "/trade @bob 40 COIN for 1 Golden Card")
    calls = await harness.deliver(message_update(harness.next_id(), BOB, "/trade"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    _, decline = message.params["reply_markup"]["inline_keyboard"][0]
    calls = await harness.press(BOB, decline["callback_data"])
    assert calls[1].params["text"].endswith("declined.")
    assert await harness.balance(ALICE) == 100
    assert await harness.command(ALICE, "/trade") == (
        "No open trade offers. Make one with /trade @username 10 COIN for 1 item name"
    )


async def test_trade_refusals_are_readable_and_move_nothing(harness: Harness, card: str) -> None:
    for text in ["/trade @bob", "/trade @bob 5 COIN", "/trade @b-b 5 COIN for nothing"]:
        assert await harness.command(ALICE, text) == TRADE_USAGE, text
    assert await harness.command(ALICE, "/trade @bob 5 unicorns!! for nothing") == (
        "“5 unicorns!!” names no currency or item you can trade.\n" + TRADE_USAGE
    )
    assert (
        await harness.command(ALICE, "/trade @alice 5 COIN for nothing") == "You cannot trade with yourself."
    )
    assert await harness.command(ALICE, "/trade @nobody 5 COIN for nothing") == "There is no player @nobody."
    assert await harness.command(ALICE, "/trade @bob 500 COIN for nothing") == "Not enough for this trade."
    assert await harness.balance(ALICE) == 100


async def test_trade_in_russian(harness: Harness, card: str) -> None:
    await harness.grant(await harness.admin(), OLGA, 10)
    assert await harness.command(OLGA, "/trade @olga 5 COIN за ничего") == "Нельзя торговать с самим собой."
    assert (
        await harness.command(OLGA, "/trade @bob nothing for nothing")
        == "Предложите или попросите хотя бы что-нибудь."
    )
