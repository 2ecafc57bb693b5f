"""/link CODE: the code from the web app links this Telegram account to the web account. When both
accounts have a history, the player chooses which to keep (buttons, or /link keep web|telegram)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, command_text, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.link_code_redeem import LINK_CODE_REDEEM
from bot.operations.link_pending import LINK_PENDING
from bot.operations.link_resolve import LINK_RESOLVE

domain = Domain("linking", order=48)
domain.errors(
    "LinkError",
    {
        "ALREADY_LINKED": N_(
            "This Telegram account is already linked to that web account, or it has another one."
        ),
        "LINK_ALREADY_RESOLVED": N_("This choice was already made."),
        "LINK_CODE_EXPIRED": N_("This code has expired: create a new one in the web app."),
        "LINK_CODE_INVALID": N_("This code is not valid: check it in the web app."),
        "LINK_CODE_USED": N_("This code was already used: create a new one in the web app."),
        "LINK_NOT_FOUND": N_("There is no such link waiting for you."),
        "NOT_TELEGRAM": N_("Send the code to the bot."),
        "WEB_ONLY": N_("This is done in the web app."),
        "INSUFFICIENT_FUNDS": N_("The balances changed meanwhile; please try again."),
    },
)

USAGE = N_(
    "To link this Telegram account with your web account, open Settings → Link Telegram in the web "
    "app, create a code and send it here: /link CODE"
)
KEEP = "link:keep:"
KEEP_WORDS = {"web": "WEB", "telegram": "TELEGRAM", "tg": "TELEGRAM"}


def holdings_text(_: Texts, holdings: Sequence[Mapping[str, Any]]) -> str:
    money = [_.money(h["amount"], h["currency"]) for h in holdings if not h["currency"].startswith("item:")]
    items = sum(int(h["amount"]) for h in holdings if h["currency"].startswith("item:"))
    if items:
        money.append(_("items: {count}", count=_.number(items)))
    return ", ".join(money) or _("nothing")


def choice_text(_: Texts, link: Mapping[str, Any]) -> str:
    web = (link["webUser"] or {}).get("username", "?")
    own = (link["telegramUser"] or {}).get("username", "?")
    return "\n".join(
        [
            _("This Telegram account already has an account with a history. Choose which account to keep:"),
            _("🌐 Web account {name}: {holdings}", name=web, holdings=holdings_text(_, link["webHoldings"])),
            _(
                "✈️ Telegram account {name}: {holdings}",
                name=own,
                holdings=holdings_text(_, link["telegramHoldings"]),
            ),
            _("The other account's coins and items move to the one you keep; the other account is closed."),
        ]
    )


def choice_buttons(_: Texts, link: Mapping[str, Any]) -> InlineKeyboardMarkup:
    web = (link["webUser"] or {}).get("username", "?")
    own = (link["telegramUser"] or {}).get("username", "?")
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(_("Keep {name} (web)", name=web), callback_data=f"{KEEP}web:{link['id']}")],
            [
                InlineKeyboardButton(
                    _("Keep {name} (Telegram)", name=own), callback_data=f"{KEEP}telegram:{link['id']}"
                )
            ],
        ]
    )


def linked_text(_: Texts, link: Mapping[str, Any]) -> str:
    kept = (link["keptUser"] or {}).get("username", "?")
    return _("Linked: this Telegram account now uses the account {name}.", name=kept)


async def _show(update: Update, link: Mapping[str, Any]) -> None:
    _ = texts(update)
    if link["status"] == "PENDING":
        await reply(update, choice_text(_, link), markup=choice_buttons(_, link))
    else:
        await reply(update, linked_text(_, link))


async def _resolve(update: Update, context: Context, link_id: str, keep: str) -> str:
    _ = texts(update)
    answer = {"input": {"linkId": link_id, "keep": keep}}
    result = (await api(context).execute(LINK_RESOLVE(answer), actor_for(update)))["linkResolve"]  # type: ignore[arg-type]
    if result["errors"] or result["link"] is None:
        return payload_errors_text(_, result["errors"])
    return linked_text(_, result["link"])


@domain.command("link", N_("link this Telegram account with your web account: /link CODE"))
async def link(update: Update, context: Context) -> None:
    _ = texts(update)
    words = command_text(update).split()[1:]
    client, actor = api(context), actor_for(update)
    if len(words) == 2 and words[0].lower() == "keep" and words[1].lower() in KEEP_WORDS:
        pending = (await client.execute(LINK_PENDING({}), actor))["linkPending"]
        if not pending:
            await reply(update, _("Nothing is waiting for your choice."))
            return
        await reply(update, await _resolve(update, context, pending[0]["id"], KEEP_WORDS[words[1].lower()]))
        return
    if len(words) != 1:
        pending = (await client.execute(LINK_PENDING({}), actor))["linkPending"]
        if pending:
            await _show(update, pending[0])
        else:
            await reply(update, _(USAGE))
        return
    result = (await client.execute(LINK_CODE_REDEEM({"input": {"code": words[0]}}), actor))["linkCodeRedeem"]
    if result["errors"] or result["link"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    await _show(update, result["link"])


async def keep(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    side, link_id = query.data.removeprefix(KEEP).split(":")
    text = await _resolve(update, context, link_id, KEEP_WORDS[side])
    await query.answer(text[:200])
    await reply(update, text)


domain.handler(CallbackQueryHandler(keep, pattern=f"^{KEEP}(web|telegram):[0-9]+$"))
