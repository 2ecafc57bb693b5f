"""/balance, /history (with an "Older" button) and /pay @username amount [memo]."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import Context, actor_for, api, command_text, idempotency_key, reply, texts
from bot.i18n import N_, Texts
from bot.messages import PAY_USAGE, payload_errors_text
from bot.results import TransferConnection

HISTORY_PAGE = 10
HISTORY_PREFIX = "hist:"
USERNAME = re.compile(r"@?([A-Za-z0-9_]{1,32})")
DIGITS = re.compile(r"[0-9]{1,30}")

KIND_TEXTS = {
    "payment": N_("payment"),
    "grant": N_("grant"),
    "purchase": N_("purchase"),
}


async def balance(update: Update, context: Context) -> None:
    _ = texts(update)
    me = await api(context).me(actor_for(update))
    if not me["balances"]:
        await reply(update, _("Your wallet is empty."))
        return
    lines = [_("Your balances:")] + [f"• {_.money(b['amount'], b['currency'])}" for b in me["balances"]]
    await reply(update, "\n".join(lines))


def history_text(_: Texts, page: TransferConnection) -> str:
    if not page["edges"]:
        return _("No transfers yet.")
    lines = [_("Your transfers, newest first:")]
    for edge in page["edges"]:
        t = edge["node"]
        sign = "+" if t["direction"] == "IN" else "−"
        kind = KIND_TEXTS.get(t["kind"])
        line = (
            f"{sign}{_.money(t['amount'], t['asset'])} · {_(kind) if kind else t['kind']}"
            f" · {t['counterparty']} · {_.when(t['createdAt'])}"
        )
        if t["memo"]:
            line += f"\n    “{t['memo']}”"
        lines.append(line)
    return "\n".join(lines)


def older_button(_: Texts, page: TransferConnection) -> InlineKeyboardMarkup | None:
    cursor = page["pageInfo"]["endCursor"]
    if not page["pageInfo"]["hasNextPage"] or not cursor or len(HISTORY_PREFIX + cursor) > 64:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(_("Older ▸"), callback_data=HISTORY_PREFIX + cursor)]])


async def history(update: Update, context: Context) -> None:
    _ = texts(update)
    page = await api(context).my_transfers(actor_for(update), first=HISTORY_PAGE)
    await reply(update, history_text(_, page), markup=older_button(_, page))


async def history_older(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    cursor = query.data.removeprefix(HISTORY_PREFIX)
    page = await api(context).my_transfers(actor_for(update), first=HISTORY_PAGE, after=cursor)
    await query.answer()
    await reply(update, history_text(_, page), markup=older_button(_, page))


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
    recipient = await client.user_by_username(actor, username)
    if recipient is None:
        await reply(update, _("There is no player @{username}.", username=username))
        return
    result = await client.wallet_transfer(
        actor,
        to_user_id=recipient["id"],
        amount=amount,
        memo=memo or None,
        idempotency_key=idempotency_key(context, update),
    )
    if result["errors"] or result["transfer"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    sent = result["transfer"]
    lines = [
        _(
            "Sent {amount} to @{username}.",
            amount=_.money(sent["amount"], sent["asset"]),
            username=recipient["username"],
        )
    ]
    for b in result["balances"] or []:
        if b["currency"] == sent["asset"]:
            lines.append(_("Your balance: {amount}", amount=_.money(b["amount"], b["currency"])))
    await reply(update, "\n".join(lines))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [
        CommandHandler("balance", balance),
        CommandHandler("history", history),
        CommandHandler("pay", pay),
        CallbackQueryHandler(history_older, pattern=f"^{HISTORY_PREFIX}"),
    ]
