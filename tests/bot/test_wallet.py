"""/balance, /history and /pay: replies, usage errors, translated payload errors, redelivery."""

from __future__ import annotations

import pytest

from bot.api import actor_headers
from tests.bot.harness import ALICE, BOB, OLGA, Harness, TgUser, message_update

PAY = """mutation($to: ID!, $amount: Amount!) {
  walletTransfer(input: {toUserId: $to, amount: $amount}) { errors { code } }
}"""


def alice_headers(harness: Harness) -> dict[str, str]:
    return actor_headers(harness.settings.telegram_service_key, ALICE.actor())


PAY_USAGE = "Usage: /pay @username amount [memo]\nExample: /pay @bob 50 thanks for the cards"


@pytest.fixture
async def funded(harness: Harness) -> str:
    """alice has 100 COIN, bob has an account; returns the admin's token."""
    await harness.command(ALICE, "/start")
    await harness.command(BOB, "/start")
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 100)
    return admin


async def test_balance_lists_balances(harness: Harness, funded: str) -> None:
    assert await harness.command(ALICE, "/balance") == "Your balances:\n• 100 COIN"


async def test_balance_numbers_follow_the_language(harness: Harness, funded: str) -> None:
    await harness.grant(funded, OLGA, 1234567)
    assert await harness.command(OLGA, "/balance") == "Ваши балансы:\n• 1\xa0234\xa0567 COIN"


async def test_pay_moves_coins_and_reports_the_new_balance(harness: Harness, funded: str) -> None:
    reply = await harness.command(ALICE, "/pay @bob 30 for the   cards")

    assert reply == "Sent 30 COIN to @bob.\nYour balance: 70 COIN"
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (70, 30)
    history = await harness.command(BOB, "/history")
    lines = history.splitlines()
    assert lines[0] == "Your transfers, newest first:"
    assert lines[1].startswith("+30 COIN · payment · from alice · ")
    assert lines[2] == "    “for the   cards”"


async def test_pay_accepts_a_name_without_at(harness: Harness, funded: str) -> None:
    assert (await harness.command(ALICE, "/pay bob 5")).startswith("Sent 5 COIN to @bob.")


async def test_redelivered_pay_moves_coins_once(harness: Harness, funded: str) -> None:
    first = await harness.command(ALICE, "/pay @bob 30", update_id=777)
    again = await harness.command(ALICE, "/pay @bob 30", update_id=777)

    assert first == again == "Sent 30 COIN to @bob.\nYour balance: 70 COIN"
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (70, 30)
    # A new update with the same text is a new payment.
    await harness.command(ALICE, "/pay @bob 30", update_id=778)
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (40, 60)


async def test_malformed_pay_shows_usage_and_moves_nothing(harness: Harness, funded: str) -> None:
    malformed = ["/pay", "/pay @bob", "/pay bob abc", "/pay @bob -5", "/pay @bob 1.5", "/pay @b-b 10"]
    for text in malformed:
        assert await harness.command(ALICE, text) == PAY_USAGE, text
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (100, 0)
    assert (await harness.me(ALICE))["balances"] == [{"currency": "COIN", "amount": 100}]


async def test_pay_usage_in_russian(harness: Harness) -> None:
    reply = await harness.command(OLGA, "/pay bob abc")
    assert reply.startswith("Использование: /pay @имя сумма [комментарий]")


async def test_pay_errors_are_readable(harness: Harness, funded: str) -> None:
    assert await harness.command(ALICE, "/pay @nobody 5") == "There is no player @nobody."
    assert await harness.command(ALICE, "/pay @bob 500") == "You do not have enough money for that."
    assert await harness.command(ALICE, "/pay @alice 5") == "You cannot pay yourself."
    assert await harness.command(ALICE, "/pay @bob 0") == "The amount must be a whole number above zero."
    assert await harness.command(ALICE, f"/pay @bob {10**20}") == "That amount is too large."
    too_long = "x" * 300
    assert await harness.command(ALICE, f"/pay @bob 5 {too_long}") == "The memo is too long."
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (100, 0)


async def test_pay_errors_in_russian(harness: Harness, funded: str) -> None:
    await harness.command(OLGA, "/start")
    assert await harness.command(OLGA, "/pay @bob 5") == "Для этого у вас недостаточно средств."
    assert await harness.command(OLGA, "/pay @nobody 5") == "Игрока @nobody нет."


async def test_history_is_empty_at_first(harness: Harness) -> None:
    assert await harness.command(ALICE, "/history") == "No transfers yet."


async def test_history_pages_with_an_older_button(harness: Harness, funded: str) -> None:
    # Many payments at once would trip the per-user command limit: make them through the API.
    bob_id = (await harness.me(BOB))["id"]
    for n in range(12):
        body = await harness.gql(PAY, {"to": bob_id, "amount": n + 1}, headers=alice_headers(harness))
        assert body["data"]["walletTransfer"]["errors"] == []
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/history"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert len(message.params["text"].splitlines()) == 11
    assert message.params["text"].splitlines()[1].startswith("−12 COIN · payment · to bob")
    (button,) = message.params["reply_markup"]["inline_keyboard"][0]
    assert button["text"] == "Older ▸" and button["callback_data"].startswith("hist:")

    calls = await harness.press(ALICE, button["callback_data"])
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    older = calls[1].params["text"].splitlines()
    assert (
        older[1].startswith("−2 COIN") and older[2].startswith("−1 COIN") and older[3].startswith("+100 COIN")
    )
    assert "reply_markup" not in calls[1].params


async def test_pay_names_the_telegram_user_before_an_account_named_alike(harness: Harness) -> None:
    """Security review, issue 8 finding 8: a web account named like someone's Telegram @username
    received their /pay. The Telegram user @alice (whose account is not called alice, because the
    web account took that name first) is paid; the web account gets nothing."""
    web_alice, _ = await harness.gql.register("alice")
    await harness.command(ALICE, "/start")
    telegram_alice = await harness.me(ALICE)
    assert telegram_alice["username"] != "alice"
    await harness.command(BOB, "/start")
    await harness.grant(await harness.admin(), BOB, 100)

    assert await harness.command(BOB, "/pay @alice 10") == "Sent 10 COIN to @alice.\nYour balance: 90 COIN"
    assert await harness.command(BOB, "/pay ALICE 5") == "Sent 5 COIN to @ALICE.\nYour balance: 85 COIN"
    assert await harness.balance(ALICE) == 15
    web = await harness.gql("{ me { username balances { currency amount } } }", token=web_alice)
    assert web["data"]["me"] == {"username": "alice", "balances": []}
    # A name no Telegram user holds is still an account name.
    await harness.gql.register("carol")
    assert (await harness.command(BOB, "/pay @carol 1")).startswith("Sent 1 COIN to @carol.")


async def test_pay_follows_a_telegram_username_to_its_current_holder(harness: Harness) -> None:
    """Telegram usernames move: when @alice is taken by someone else, the old holder's link stops
    naming it, even if the old holder has not written to the bot since."""
    first = TgUser(2001, "Pat", "pat", "en")
    second = TgUser(2002, "Quinn", "alice", "en")
    await harness.command(first, "/start")
    await harness.command(second, "/start")  # Quinn is @alice for now...
    # ...then renames (without telling the bot), and Pat takes @alice and writes to the bot.
    await harness.command(TgUser(2001, "Pat", "alice", "en"), "/balance")
    await harness.command(BOB, "/start")
    await harness.grant(await harness.admin(), BOB, 10)

    assert (await harness.command(BOB, "/pay @alice 7")).startswith("Sent 7 COIN to @alice.")
    assert (await harness.balance(first), await harness.balance(second)) == (7, 0)


async def test_pay_to_nobody_moves_nothing(harness: Harness, funded: str) -> None:
    assert await harness.command(ALICE, "/pay @ghost 5") == "There is no player @ghost."
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (100, 0)
