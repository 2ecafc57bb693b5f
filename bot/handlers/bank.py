"""/bank: deposits (``/bank 500`` asks the term with buttons, ``/bank withdraw 12``);
/loan: the credit score and loans (``/loan 300`` asks the term with buttons, ``/loan repay 50|all``)."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, command_text, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.bank_deposit import BANK_DEPOSIT
from bot.operations.bank_withdraw import BANK_WITHDRAW
from bot.operations.loan_repay import LOAN_REPAY
from bot.operations.loan_request import LOAN_REQUEST
from bot.operations.my_bank import MY_BANK, MyBankData

domain = Domain("bank", order=19)
domain.errors(
    "BankError",
    {
        "INVALID_TERM": N_("Choose one of the offered terms."),
        "INVALID_AMOUNT": N_("The amount must be a whole number above zero."),
        "AMOUNT_TOO_LARGE": N_("That amount is too large."),
        "INSUFFICIENT_FUNDS": N_("You do not have enough money for that."),
        "UNKNOWN_CURRENCY": N_("There is no such currency."),
        "UNKNOWN_USER": N_("There is no such player."),
        "UNKNOWN_DEPOSIT": N_("You have no such deposit."),
        "DEPOSIT_CLOSED": N_("This deposit is already closed."),
        "UNKNOWN_LOAN": N_("You have no such loan."),
        "LOAN_CLOSED": N_("This loan is already repaid."),
        "LOAN_ALREADY_OPEN": N_("Repay your open loan before taking another."),
        "LOAN_LIMIT_EXCEEDED": N_("That is more than you may borrow (10× your balance)."),
        "CREDIT_SCORE_TOO_LOW": N_("Your credit score is too low for a loan."),
        "REPAYMENT_TOO_LARGE": N_("That is more than you owe."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    },
)

BANK_USAGE = N_(
    "Usage: /bank amount to open a deposit (you choose the term), /bank withdraw deposit_number\n"
    "Example: /bank 500"
)
LOAN_USAGE = N_("Usage: /loan amount [days] to borrow, /loan repay amount|all\nExample: /loan 300 14")
DEPOSIT_TERMS = (7, 30, 90)
LOAN_TERMS = (7, 14, 30)
DEPOSIT_PREFIX = "bank:dep:"
LOAN_PREFIX = "bank:loan:"
DIGITS = re.compile(r"[0-9]{1,15}")
CHOICE = re.compile(r"([0-9]{1,15}):([0-9]{1,3})")


async def my_bank(context: Context, update: Update) -> MyBankData:
    return await api(context).execute(MY_BANK({}), actor_for(update))


def percent(rate: float) -> str:
    return f"{round(rate * 100, 1):g}%"


def deposits_text(_: Texts, data: MyBankData) -> str:
    open_ones = [d for d in data["myDeposits"] if d["status"] == "OPEN"]
    if not open_ones:
        return _("You have no open deposits.") + "\n" + _(BANK_USAGE)
    lines = [_("Your deposits:")]
    for d in open_ones:
        lines.append(
            _(
                "#{id}: {balance} ({interest} interest), {days} days, ends {when}",
                id=d["id"],
                balance=_.money(d["balance"], d["currency"]),
                interest=_.money(d["accruedInterest"], d["currency"]),
                days=_.number(d["termDays"]),
                when=_.when(d["maturesAt"]),
            )
        )
    lines.append(_(BANK_USAGE))
    return "\n".join(lines)


def terms_keyboard(_: Texts, prefix: str, amount: str, terms: tuple[int, ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _("{days} days", days=_.number(days)), callback_data=f"{prefix}{amount}:{days}"
                )
                for days in terms
            ]
        ]
    )


@domain.command("bank", N_("your deposits: /bank amount to save, /bank withdraw number"))
async def bank(update: Update, context: Context) -> None:
    _ = texts(update)
    args = command_text(update).split()[1:]
    if not args:
        await reply(update, deposits_text(_, await my_bank(context, update)))
    elif args[0].lower() == "withdraw" and len(args) == 2 and DIGITS.fullmatch(args[1]):
        await withdraw(update, context, args[1])
    elif len(args) == 1 and DIGITS.fullmatch(args[0]) and int(args[0]) > 0:
        await reply(
            update,
            _(
                "Deposit {amount} for how long? It earns {rate} a day; withdrawing early forfeits {penalty}.",
                amount=_.money(int(args[0]), "COIN"),
                rate="2%",
                penalty="10%",
            ),
            markup=terms_keyboard(_, DEPOSIT_PREFIX, args[0], DEPOSIT_TERMS),
        )
    else:
        await reply(update, _(BANK_USAGE))


async def deposit_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    choice = CHOICE.fullmatch(query.data.removeprefix(DEPOSIT_PREFIX))
    if choice is None:
        await query.answer()
        return
    amount, days = choice.group(1), int(choice.group(2))
    request = BANK_DEPOSIT(
        {"input": {"amount": amount, "termDays": days, "idempotencyKey": idempotency_key(context, update)}}
    )
    result = (await api(context).execute(request, actor_for(update)))["bankDeposit"]
    made = result["deposit"]
    if result["errors"] or made is None:
        text = payload_errors_text(_, result["errors"])
    else:
        text = _(
            "Deposit #{id}: {amount} for {days} days, until {when}.",
            id=made["id"],
            amount=_.money(made["principal"], "COIN"),
            days=_.number(made["termDays"]),
            when=_.when(made["maturesAt"]),
        )
    await query.answer(text[:200])
    await reply(update, text)


async def withdraw(update: Update, context: Context, deposit_id: str) -> None:
    _ = texts(update)
    request = BANK_WITHDRAW({"input": {"depositId": deposit_id}})
    result = (await api(context).execute(request, actor_for(update)))["bankWithdraw"]
    if result["errors"] or result["payout"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    text = _(
        "Deposit #{id} closed: {amount} is back in your wallet.",
        id=deposit_id,
        amount=_.money(result["payout"], "COIN"),
    )
    if result["penalty"]:
        text += "\n" + _(
            "Forfeited for withdrawing early: {penalty}.", penalty=_.money(result["penalty"], "COIN")
        )
    await reply(update, text)


def loans_text(_: Texts, data: MyBankData) -> str:
    score = data["myCreditScore"]
    lines = [
        _(
            "Credit score: {score}. A loan costs {rate}; you may borrow up to {limit}.",
            score=_.number(score["score"]),
            rate=percent(score["rate"]),
            limit=_.money(score["limit"], "COIN"),
        )
    ]
    for loan in data["myLoans"]:
        if loan["status"] != "OPEN":
            continue
        lines.append(
            _(
                "Loan #{id}: {outstanding} left to repay.",
                id=loan["id"],
                outstanding=_.money(loan["outstanding"], loan["currency"]),
            )
        )
        upcoming = loan["nextInstallment"]
        if upcoming is not None:
            lines.append(
                _(
                    "Next installment: {amount} on {when}.",
                    amount=_.money(upcoming["amount"], loan["currency"]),
                    when=_.when(upcoming["dueAt"]),
                )
            )
        if loan["missedInstallments"]:
            lines.append(_("Missed installments: {n}.", n=_.number(loan["missedInstallments"])))
    lines.append(_(LOAN_USAGE))
    return "\n".join(lines)


@domain.command("loan", N_("loans: /loan amount [days], /loan repay amount|all"))
async def loan(update: Update, context: Context) -> None:
    _ = texts(update)
    args = command_text(update).split()[1:]
    if not args:
        await reply(update, loans_text(_, await my_bank(context, update)))
    elif (
        args[0].lower() == "repay"
        and len(args) == 2
        and (args[1].lower() == "all" or DIGITS.fullmatch(args[1]))
    ):
        await repay(update, context, args[1].lower())
    elif len(args) == 1 and DIGITS.fullmatch(args[0]) and int(args[0]) > 0:
        await reply(
            update,
            _("Borrow {amount} over how many days?", amount=_.money(int(args[0]), "COIN")),
            markup=terms_keyboard(_, LOAN_PREFIX, args[0], LOAN_TERMS),
        )
    elif len(args) == 2 and DIGITS.fullmatch(args[0]) and DIGITS.fullmatch(args[1]):
        await reply(update, await take_loan(update, context, args[0], int(args[1])))
    else:
        await reply(update, _(LOAN_USAGE))


async def take_loan(update: Update, context: Context, amount: str, days: int) -> str:
    _ = texts(update)
    request = LOAN_REQUEST(
        {"input": {"amount": amount, "termDays": days, "idempotencyKey": idempotency_key(context, update)}}
    )
    result = (await api(context).execute(request, actor_for(update)))["loanRequest"]
    taken = result["loan"]
    if result["errors"] or taken is None:
        return payload_errors_text(_, result["errors"])
    text = _(
        "Loan #{id}: {amount} is in your wallet. You repay {total} ({rate} interest)"
        " in {days} daily installments.",
        id=taken["id"],
        amount=_.money(taken["principal"], "COIN"),
        total=_.money(taken["outstanding"], "COIN"),
        rate=percent(taken["rate"]),
        days=_.number(taken["termDays"]),
    )
    upcoming = taken["nextInstallment"]
    if upcoming is not None:
        text += "\n" + _(
            "Next installment: {amount} on {when}.",
            amount=_.money(upcoming["amount"], "COIN"),
            when=_.when(upcoming["dueAt"]),
        )
    return text


async def loan_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    choice = CHOICE.fullmatch(query.data.removeprefix(LOAN_PREFIX))
    if choice is None:
        await query.answer()
        return
    text = await take_loan(update, context, choice.group(1), int(choice.group(2)))
    await query.answer(text[:200])
    await reply(update, text)


async def repay(update: Update, context: Context, amount: str) -> None:
    _ = texts(update)
    data = await my_bank(context, update)
    open_loans = [loan for loan in data["myLoans"] if loan["status"] == "OPEN"]
    if not open_loans:
        await reply(update, _("You have no loan to repay."))
        return
    target = open_loans[0]
    value = str(target["outstanding"]) if amount == "all" else amount
    request = LOAN_REPAY(
        {
            "input": {
                "loanId": target["id"],
                "amount": value,
                "idempotencyKey": idempotency_key(context, update),
            }
        }
    )
    result = (await api(context).execute(request, actor_for(update)))["loanRepay"]
    repaid = result["loan"]
    if result["errors"] or repaid is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    if repaid["status"] == "REPAID":
        await reply(update, _("Loan #{id} is repaid. Thank you!", id=repaid["id"]))
        return
    await reply(
        update,
        _(
            "Repaid {amount}; {left} left on loan #{id}.",
            amount=_.money(int(value), "COIN"),
            left=_.money(repaid["outstanding"], "COIN"),
            id=repaid["id"],
        ),
    )


domain.handler(CallbackQueryHandler(deposit_button, pattern=f"^{DEPOSIT_PREFIX}"))
domain.handler(CallbackQueryHandler(loan_button, pattern=f"^{LOAN_PREFIX}"))
