"""/bank and /loan: a deposit whose term is chosen with buttons (once per press), an early
withdrawal, a loan, its repayment, usage and translated refusals."""

from __future__ import annotations

import re

import pytest

from tests.bot.harness import ALICE, BOB, Harness, message_update

BANK_USAGE = (
    "Usage: /bank amount to open a deposit (you choose the term), /bank withdraw deposit_number\n"
    "Example: /bank 500"
)
LOAN_USAGE = "Usage: /loan amount [days] to borrow, /loan repay amount|all\nExample: /loan 300 14"


@pytest.fixture
async def funded(harness: Harness) -> str:
    await harness.command(ALICE, "/start")
    await harness.command(BOB, "/start")
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 1000)
    return admin


async def test_a_deposit_term_is_chosen_with_buttons_and_made_once_per_press(
    harness: Harness, funded: str
) -> None:
    assert await harness.command(ALICE, "/bank") == "You have no open deposits.\n" + BANK_USAGE
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/bank 500"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert message.params["text"].startswith("Deposit 500 COIN for how long?")
    buttons = message.params["reply_markup"]["inline_keyboard"][0]
    assert [(b["text"], b["callback_data"]) for b in buttons] == [
        ("7 days", "bank:dep:500:7"),
        ("30 days", "bank:dep:500:30"),
        ("90 days", "bank:dep:500:90"),
    ]
    pressed = await harness.press(ALICE, "bank:dep:500:30", update_id=700)
    assert [c.method for c in pressed] == ["answerCallbackQuery", "sendMessage"]
    made = str(pressed[1].params["text"])
    assert re.match(r"Deposit #\d+: 500 COIN for 30 days, until ", made), made
    # Telegram delivers the same press again: nothing more is deposited
    await harness.press(ALICE, "bank:dep:500:30", update_id=700)
    assert await harness.balance(ALICE) == 500
    listed = await harness.command(ALICE, "/bank")
    assert listed.startswith("Your deposits:\n#") and "500 COIN (0 COIN interest), 30 days" in listed
    # Withdrawn early: a tenth is forfeited
    number = re.search(r"#(\d+)", made)
    assert number is not None
    closed = await harness.command(ALICE, f"/bank withdraw {number.group(1)}")
    assert closed == (
        f"Deposit #{number.group(1)} closed: 450 COIN is back in your wallet.\n"
        "Forfeited for withdrawing early: 50 COIN."
    )
    assert await harness.balance(ALICE) == 950
    assert (
        await harness.command(ALICE, f"/bank withdraw {number.group(1)}") == "This deposit is already closed."
    )


async def test_bank_usage_and_refusals(harness: Harness, funded: str) -> None:
    for text in ["/bank abc", "/bank 0", "/bank withdraw", "/bank 5 6"]:
        assert await harness.command(ALICE, text) == BANK_USAGE, text
    refused = await harness.press(ALICE, "bank:dep:5000:7")
    assert refused[1].params["text"] == "You do not have enough money for that."
    assert await harness.balance(ALICE) == 1000
    assert await harness.command(ALICE, "/bank withdraw 999") == "You have no such deposit."


async def test_a_loan_is_taken_and_repaid(harness: Harness, funded: str) -> None:
    summary = await harness.command(ALICE, "/loan")
    assert re.match(r"Credit score: \d+\. A loan costs [\d.]+%; you may borrow up to 10,000 COIN\.", summary)
    assert summary.endswith(LOAN_USAGE)
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/loan 300"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert message.params["text"] == "Borrow 300 COIN over how many days?"
    assert [b["callback_data"] for b in message.params["reply_markup"]["inline_keyboard"][0]] == [
        "bank:loan:300:7",
        "bank:loan:300:14",
        "bank:loan:300:30",
    ]
    pressed = await harness.press(ALICE, "bank:loan:300:7", update_id=710)
    taken = str(pressed[1].params["text"])
    assert re.match(r"Loan #\d+: 300 COIN is in your wallet\. You repay [\d,]+ COIN", taken), taken
    assert "\nNext installment: " in taken
    await harness.press(ALICE, "bank:loan:300:7", update_id=710)  # redelivered: one loan
    assert await harness.balance(ALICE) == 1300
    assert await harness.command(ALICE, "/loan 100 7") == "Repay your open loan before taking another."
    assert await harness.command(ALICE, "/loan 100 5") == "Choose one of the offered terms."


async def test_a_loan_is_repaid_in_part_then_in_full(harness: Harness, funded: str) -> None:
    assert (await harness.command(ALICE, "/loan 300 7")).startswith("Loan #")
    assert "left to repay" in await harness.command(ALICE, "/loan")
    part = await harness.command(ALICE, "/loan repay 100")
    assert re.match(r"Repaid 100 COIN; [\d,]+ COIN left on loan #\d+\.", part), part
    assert re.match(r"Loan #\d+ is repaid\. Thank you!", await harness.command(ALICE, "/loan repay all"))
    assert await harness.command(ALICE, "/loan repay all") == "You have no loan to repay."


async def test_loan_usage_and_limit(harness: Harness, funded: str) -> None:
    for text in ["/loan abc", "/loan repay", "/loan 1 2 3"]:
        assert await harness.command(BOB, text) == LOAN_USAGE, text
    assert await harness.command(BOB, "/loan 10 7") == "That is more than you may borrow (10× your balance)."


async def test_history_names_the_banking_movements(harness: Harness, funded: str) -> None:
    pressed = await harness.press(ALICE, "bank:dep:100:7", update_id=720)
    number = re.search(r"#(\d+)", str(pressed[1].params["text"]))
    assert number is not None
    await harness.command(ALICE, f"/bank withdraw {number.group(1)}")
    history = [line for line in (await harness.command(ALICE, "/history")).splitlines() if line[:1] in "+−"]
    assert history[0].startswith("−10 COIN · early withdrawal penalty · ")
    assert history[1].startswith("+100 COIN · deposit withdrawn · ")
    assert history[2].startswith("−100 COIN · bank deposit · ")
