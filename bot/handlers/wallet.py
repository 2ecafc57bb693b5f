"""/balance, /history (with an "Older" button) and /pay @username amount [memo]."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, command_text, current_user, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.my_transfers import MY_TRANSFERS, MyTransfersMyTransfers, MyTransfersMyTransfersEdgesNode
from bot.operations.wallet_transfer import WALLET_TRANSFER
from bot.recipients import recipient as find_recipient

domain = Domain("wallet", order=10)
domain.errors(
    "WalletError",
    {
        "INVALID_AMOUNT": N_("The amount must be a whole number above zero."),
        "AMOUNT_TOO_LARGE": N_("That amount is too large."),
        "UNKNOWN_USER": N_("There is no such player."),
        "UNKNOWN_CURRENCY": N_("There is no such currency."),
        "SELF_TRANSFER": N_("You cannot pay yourself."),
        "INSUFFICIENT_FUNDS": N_("You do not have enough money for that."),
        "INVALID_MEMO": N_("The memo is too long."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    },
)

TransferPage = MyTransfersMyTransfers
PAY_USAGE = N_("Usage: /pay @username amount [memo]\nExample: /pay @bob 50 thanks for the cards")

HISTORY_PAGE = 10
HISTORY_PREFIX = "hist:"
USERNAME = re.compile(r"@?([A-Za-z0-9_]{1,32})")
DIGITS = re.compile(r"[0-9]{1,30}")

KIND_TEXTS = {
    "payment": N_("payment"),
    "grant": N_("grant"),
    "purchase": N_("purchase"),
    "refund": N_("refund"),
    "fee": N_("fee"),
    "import": N_("moved from BankBot"),
    "ingestion": N_("game reward"),
    "gift": N_("gift"),
    "daily": N_("daily bonus"),
    "trade": N_("trade"),
    "trade_escrow": N_("offered in a trade"),
    "trade_return": N_("trade offer returned"),
    "trade_fee": N_("trade fee"),
    "auction_listing": N_("put up for auction"),
    "auction_bid": N_("auction bid"),
    "auction_refund": N_("outbid: bid returned"),
    "auction_return": N_("unsold at auction"),
    "auction_won": N_("won at auction"),
    "auction_sale": N_("sold at auction"),
    "auction_fee": N_("auction fee"),
    "bank.deposit": N_("bank deposit"),
    "bank.interest": N_("interest from the bank"),
    "bank.interest_saved": N_("interest saved in the deposit"),
    "bank.matured": N_("deposit returned"),
    "bank.withdrawal": N_("deposit withdrawn"),
    "bank.penalty": N_("early withdrawal penalty"),
    "loan.payout": N_("loan from the bank"),
    "loan.installment": N_("loan installment"),
    "loan.repayment": N_("loan repayment"),
}


# The other side of a transfer in words, never a ledger account (web: pages/wallet/useTransferText).
PARTY_TEXTS = {
    ("USER", "IN"): N_("from {name}"),
    ("USER", "OUT"): N_("to {name}"),
    ("SHOP", "IN"): N_("from the shop"),
    ("SHOP", "OUT"): N_("to the shop"),
    ("ADMIN_GRANT", "IN"): N_("an admin's grant"),
    ("ADMIN_GRANT", "OUT"): N_("to an admin"),
    ("GAME_REWARD", "IN"): N_("{source} rewards"),
    ("GAME_REWARD", "OUT"): N_("to {source}"),
    ("FEES", "IN"): N_("from fees"),
    ("FEES", "OUT"): N_("fees"),
    ("ESCROW", "IN"): N_("from escrow"),
    ("ESCROW", "OUT"): N_("to escrow"),
    ("BANK", "IN"): N_("from the bank"),
    ("BANK", "OUT"): N_("to the bank"),
    ("SYSTEM", "IN"): N_("from the platform"),
    ("SYSTEM", "OUT"): N_("to the platform"),
}
SOURCE_NAMES = {"gdcards": "GD Cards", "gusya_cards": "Гуся Cards", "shmalala": "Shmalala"} | {
    "true_mafia": "True Mafia",
    "bunker_rp": "Bunker RP",
    "bankbot": "BankBot",
}


def party_text(_: Texts, transfer: MyTransfersMyTransfersEdgesNode) -> str:
    source = transfer["counterpartySource"]
    template = PARTY_TEXTS[(transfer["counterpartyKind"], transfer["direction"])]
    named = SOURCE_NAMES.get(source, source) if source else ""
    return _(template).format(name=transfer["counterparty"], source=named or _("a game"))


@domain.command("balance", N_("your balances"))
async def balance(update: Update, context: Context) -> None:
    _ = texts(update)
    me = await current_user(context, update)
    if not me["balances"]:
        await reply(update, _("Your wallet is empty."))
        return
    lines = [_("Your balances:")] + [f"• {_.money(b['amount'], b['currency'])}" for b in me["balances"]]
    await reply(update, "\n".join(lines))


def history_text(_: Texts, page: TransferPage) -> str:
    if not page["edges"]:
        return _("No transfers yet.")
    lines = [_("Your transfers, newest first:")]
    for edge in page["edges"]:
        t = edge["node"]
        sign = "+" if t["direction"] == "IN" else "−"
        kind = KIND_TEXTS.get(t["kind"])
        parts = [f"{sign}{_.money(t['amount'], t['assetName'])}", _(kind) if kind else None]
        line = " · ".join([p for p in parts if p] + [party_text(_, t), _.when(t["createdAt"])])
        if t["memo"]:
            line += f"\n    “{t['memo']}”"
        lines.append(line)
    return "\n".join(lines)


def older_button(_: Texts, page: TransferPage) -> InlineKeyboardMarkup | None:
    cursor = page["pageInfo"]["endCursor"]
    if not page["pageInfo"]["hasNextPage"] or not cursor or len(HISTORY_PREFIX + cursor) > 64:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(_("Older ▸"), callback_data=HISTORY_PREFIX + cursor)]])


@domain.command("history", N_("your latest transfers"))
async def history(update: Update, context: Context) -> None:
    _ = texts(update)
    data = await api(context).execute(MY_TRANSFERS({"first": HISTORY_PAGE}), actor_for(update))
    page = data["myTransfers"]
    await reply(update, history_text(_, page), markup=older_button(_, page))


async def history_older(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    cursor = query.data.removeprefix(HISTORY_PREFIX)
    data = await api(context).execute(
        MY_TRANSFERS({"first": HISTORY_PAGE, "after": cursor}), actor_for(update)
    )
    page = data["myTransfers"]
    await query.answer()
    await reply(update, history_text(_, page), markup=older_button(_, page))


@domain.command("pay", N_("pay a player: /pay @username amount [memo]"))
async def pay(update: Update, context: Context) -> None:
    _ = texts(update)
    # /pay @bob 50 the memo keeps its own spacing, so it is cut from the text, not from args.
    parts = command_text(update).split(maxsplit=3)
    name = USERNAME.fullmatch(parts[1]) if len(parts) > 1 else None
    if len(parts) < 3 or name is None or not DIGITS.fullmatch(parts[2]):
        await reply(update, _(PAY_USAGE))
        return
    username, amount = name.group(1), parts[2]
    memo = parts[3].strip() if len(parts) > 3 else None
    client, actor = api(context), actor_for(update)
    recipient, shown = await find_recipient(context, actor, username)
    if recipient is None:
        await reply(update, _("There is no player @{username}.", username=username))
        return
    transfer = WALLET_TRANSFER(
        {
            "input": {
                "toUserId": recipient["id"],
                "amount": amount,
                "currency": "COIN",
                "memo": memo or None,
                "idempotencyKey": idempotency_key(context, update),
            }
        }
    )
    result = (await client.execute(transfer, actor))["walletTransfer"]
    if result["errors"] or result["transfer"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    sent = result["transfer"]
    lines = [
        _(
            "Sent {amount} to @{username}.",
            amount=_.money(sent["amount"], sent["asset"]),
            username=shown,
        )
    ]
    for b in result["balances"] or []:
        if b["currency"] == sent["asset"]:
            lines.append(_("Your balance: {amount}", amount=_.money(b["amount"], b["currency"])))
    await reply(update, "\n".join(lines))


domain.handler(CallbackQueryHandler(history_older, pattern=f"^{HISTORY_PREFIX}"))
