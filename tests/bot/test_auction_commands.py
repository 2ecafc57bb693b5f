"""/auction and /bid: selling with a duration chosen by button, bidding by button and by command,
readable refusals, a redelivered bid that bids once."""

from __future__ import annotations

import pytest

from tests.bot.harness import ALICE, BOB, OLGA, Harness, message_update

AUCTION_USAGE = (
    "Usage: /auction lists open auctions; /auction sell <start price> [buyout price] <item name>\n"
    "Example: /auction sell 50 200 Golden Card"
)
BID_USAGE = "Usage: /bid <auction number> <amount>\nExample: /bid 12 105 (the numbers are in /auction)"


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the auction domain's own tests run on both databases."""
    return "sqlite"


@pytest.fixture
async def card(harness: Harness) -> str:
    """alice holds a Golden Card; bob and olga 100 COIN each."""
    for user in (ALICE, BOB, OLGA):
        await harness.command(user, "/start")
    admin = await harness.admin()
    for user in (ALICE, BOB, OLGA):
        await harness.grant(admin, user, 100)
    item_id = await harness.create_item(admin, "Golden Card", 10)
    assert (await harness.command(ALICE, f"/buy {item_id} 1")).startswith("You bought Golden Card × 1")
    return item_id


async def sell(harness: Harness, days_index: int = 0) -> str:
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/auction sell 20 60 golden card"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert message.params["text"] == "For how long should Golden Card be on auction?"
    buttons = message.params["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in buttons] == ["1 d", "3 d", "7 d", "14 d"]
    calls = await harness.press(ALICE, buttons[days_index]["callback_data"])
    text = str(calls[-1].params["text"])
    assert text.startswith("Auction #") and "Golden Card × 1 from 20 COIN" in text, text
    return text.split()[1].strip("#:")


async def test_an_auction_sold_by_buttons_and_bids(harness: Harness, card: str) -> None:
    auction_id = await sell(harness)
    assert (await harness.me(ALICE))["inventory"] == []
    # bob sees it with a Bid button for the start price, and presses it
    calls = await harness.deliver(message_update(harness.next_id(), BOB, "/auction"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert f"#{auction_id} Golden Card × 1 — from 20 COIN · buyout 60 COIN" in message.params["text"]
    (bid_button,) = message.params["reply_markup"]["inline_keyboard"][0]
    assert bid_button["text"] == "Bid 20 COIN · Golden Card"
    calls = await harness.press(BOB, bid_button["callback_data"])
    assert calls[-1].params["text"].startswith(f"Your bid of 20 COIN on #{auction_id} Golden Card leads")
    assert await harness.balance(BOB) == 80
    # olga (whose Telegram speaks Russian) outbids him by command; a redelivered /bid bids once
    reply = await harness.command(OLGA, f"/bid {auction_id} 21", update_id=7001)
    assert reply.startswith(f"Ваша ставка 21 COIN на #{auction_id} Golden Card лидирует")
    again = await harness.command(OLGA, f"/bid {auction_id} 21", update_id=7001)
    assert again == reply
    assert await harness.balance(OLGA) == 79 and await harness.balance(BOB) == 100
    # bob buys it out
    reply = await harness.command(BOB, f"/bid {auction_id} 60")
    assert reply == "You bought Golden Card for 60 COIN: it is in your inventory."
    assert (await harness.me(BOB))["inventory"] == [
        {"item": {"id": card, "name": "Golden Card"}, "quantity": 1}
    ]
    assert await harness.balance(OLGA) == 100
    assert await harness.balance(ALICE) == 90 + 54


async def test_auction_refusals_are_readable_and_move_nothing(harness: Harness, card: str) -> None:
    # (spread over the three players: each may send 8 commands at once)
    assert await harness.command(ALICE, "/auction sell") == AUCTION_USAGE
    for text in ["/auction sell x Golden Card", "/auction buy 5 Golden Card"]:
        assert await harness.command(BOB, text) == AUCTION_USAGE, text
    assert (
        await harness.command(ALICE, "/auction sell 5 Unicorn")
        == "You hold no item called “Unicorn”. See /inventory."
    )
    auction_id = await sell(harness)
    for text in ["/bid", f"/bid {auction_id} -3", "/bid x 5"]:
        assert await harness.command(BOB, text) == BID_USAGE, text
    assert await harness.command(ALICE, f"/bid {auction_id} 30") == "You cannot bid on your own auction."
    assert await harness.command(BOB, f"/bid {auction_id} 19") == (
        "Your bid is too low: it must beat the best one by at least 5%."
    )
    assert await harness.command(OLGA, "/bid 999999 30") == "Аукциона с таким номером нет. См. /auction."
    assert await harness.balance(BOB) == 100
    assert (await harness.command(OLGA, "/auction")).startswith("Открытые аукционы")


async def test_no_open_auctions(harness: Harness, card: str) -> None:
    assert await harness.command(BOB, "/auction") == (
        "No auctions are open. Sell something with /auction sell <start price> <item name>."
    )
