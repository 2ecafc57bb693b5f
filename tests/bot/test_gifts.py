"""/gift: coins and items with a message, usage errors, translated refusals, redelivery."""

from __future__ import annotations

import pytest

from tests.bot.harness import ALICE, BOB, OLGA, Harness

GIFT_USAGE = (
    "Usage: /gift @username amount [COIN|item name] [message]\n"
    "Examples: /gift @bob 50 COIN happy birthday · /gift @bob 1 Golden Card enjoy"
)


def holdings(me: dict[str, object]) -> object:
    return me["inventory"]


@pytest.fixture
async def funded(harness: Harness) -> str:
    """alice has 100 COIN, bob has an account; returns the admin's token."""
    await harness.command(ALICE, "/start")
    await harness.command(BOB, "/start")
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 100)
    return admin


async def test_gift_of_coins_with_a_message(harness: Harness, funded: str) -> None:
    reply = await harness.command(ALICE, "/gift @bob 30 COIN happy   birthday", update_id=901)

    assert reply == "Gift sent to @bob: 30 COIN.\n“happy   birthday”\nGifts left today: 9"
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (70, 30)
    # A redelivered update gives nothing more; the reply is the same gift.
    again = await harness.command(ALICE, "/gift @bob 30 COIN happy   birthday", update_id=901)
    assert again.startswith("Gift sent to @bob: 30 COIN.")
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (70, 30)
    history = (await harness.command(BOB, "/history")).splitlines()
    assert history[1].startswith("+30 COIN · gift · from alice · ")
    assert history[2] == "    “happy   birthday”"


async def test_gift_of_coins_without_a_currency_or_message(harness: Harness, funded: str) -> None:
    assert (await harness.command(ALICE, "/gift bob 5")).startswith("Gift sent to @bob: 5 COIN.\nGifts left")
    assert await harness.balance(BOB) == 5


async def test_gift_of_an_item_named_in_any_case(harness: Harness, funded: str) -> None:
    item_id = await harness.create_item(funded, "Golden Card", 10)
    assert (await harness.command(ALICE, f"/buy {item_id} 2")).startswith("You bought Golden Card × 2")

    reply = await harness.command(ALICE, "/gift @bob 1 golden card enjoy it")

    assert reply == "Gift sent to @bob: Golden Card × 1.\n“enjoy it”\nGifts left today: 9"
    one = [{"item": {"id": item_id, "name": "Golden Card"}, "quantity": 1}]
    assert holdings(await harness.me(BOB)) == holdings(await harness.me(ALICE)) == one


async def test_malformed_gift_shows_usage_and_moves_nothing(harness: Harness, funded: str) -> None:
    for text in ["/gift", "/gift @bob", "/gift bob abc", "/gift @bob -5", "/gift @bob 1.5", "/gift @b-b 10"]:
        assert await harness.command(ALICE, text) == GIFT_USAGE, text
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (100, 0)


async def test_gift_of_an_item_not_held_names_the_currency_form(harness: Harness, funded: str) -> None:
    reply = await harness.command(ALICE, "/gift @bob 5 thanks a lot")
    assert reply == (
        "You hold no item called “thanks a lot”. To send coins with a message, name the currency: "
        "/gift @username 5 COIN thanks a lot"
    )
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (100, 0)


async def test_gift_refusals_are_readable_and_move_nothing(harness: Harness, funded: str) -> None:
    assert await harness.command(ALICE, "/gift @alice 5") == "You cannot send a gift to yourself."
    assert await harness.command(ALICE, "/gift @nobody 5") == "There is no player @nobody."
    assert await harness.command(ALICE, "/gift @bob 500") == "You do not have enough for that gift."
    assert await harness.command(ALICE, "/gift @bob 0") == "The amount must be a whole number above zero."
    assert await harness.command(ALICE, f"/gift @bob 5 COIN {'x' * 300}") == "The message is too long."
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (100, 0)


async def test_gift_texts_in_russian(harness: Harness, funded: str) -> None:
    await harness.command(OLGA, "/start")
    assert await harness.command(OLGA, "/gift @olga 5") == "Нельзя дарить подарок самому себе."
    usage = await harness.command(OLGA, "/gift")
    assert usage.startswith("Использование: /gift @имя количество [COIN|название предмета] [сообщение]")
    await harness.grant(funded, OLGA, 10)
    sent = await harness.command(OLGA, "/gift @bob 3 COIN спасибо")
    assert sent == "Подарок отправлен @bob: 3 COIN.\n“спасибо”\nПодарков на сегодня осталось: 9"
