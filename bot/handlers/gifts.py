"""/gift @username amount [COIN|item name] [message]: currency or an item from the inventory."""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import Update

from bot.context import Context, actor_for, api, command_text, current_user, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.gift_send import GIFT_SEND, GiftSendGiftSendGift, GiftSendInput
from bot.operations.gifts_left_today import GIFTS_LEFT_TODAY
from bot.operations.me import MeMe
from bot.recipients import recipient as find_recipient

domain = Domain("gifts", order=15)
domain.errors(
    "GiftError",
    {
        "BLOCKED": N_("This player does not accept gifts from you."),
        "GIFT_LIMIT_REACHED": N_("You have sent all your gifts for today; try again tomorrow."),
        "INVALID_GIFT": N_("A gift is either coins or an item."),
        "INVALID_MESSAGE": N_("The message is too long."),
        "NOT_TRADEABLE": N_("This item cannot be given away."),
        "SELF_GIFT": N_("You cannot send a gift to yourself."),
        "UNKNOWN_ITEM": N_("You do not hold that item."),
        "UNKNOWN_USER": N_("There is no such player."),
        "INSUFFICIENT_FUNDS": N_("You do not have enough for that gift."),
        "INVALID_AMOUNT": N_("The amount must be a whole number above zero."),
        "AMOUNT_TOO_LARGE": N_("That amount is too large."),
        "UNKNOWN_CURRENCY": N_("There is no such currency."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    },
)

GIFT_USAGE = N_(
    "Usage: /gift @username amount [COIN|item name] [message]\n"
    "Examples: /gift @bob 50 COIN happy birthday · /gift @bob 1 Golden Card enjoy"
)
USERNAME = re.compile(r"@?([A-Za-z0-9_]{1,32})")
DIGITS = re.compile(r"[0-9]{1,30}")
COIN = "COIN"


@dataclass(frozen=True)
class What:
    """What a gift gives: a currency code or an inventory item, and the message after it."""

    currency: str | None
    item_id: str | None
    message: str | None


def after_words(text: str, n: int) -> str:
    """``text`` after its first ``n`` words, keeping the spacing of the rest."""
    parts = re.split(r"\s+", text.strip(), maxsplit=n)
    return parts[n].strip() if len(parts) > n else ""


def held_item(text: str, inventory: list[str]) -> tuple[str, int] | None:
    """The longest inventory item name (any case) ``text`` starts with, and its number of words."""
    words = text.split()
    names = {name.casefold(): name for name in inventory}
    for n in range(len(words), 0, -1):
        name = names.get(" ".join(words[:n]).casefold())
        if name is not None:
            return name, n
    return None


async def what_to_give(context: Context, update: Update, rest: str) -> What | str:
    """The gift named by the text after the amount, or the reply when it names nothing held."""
    _ = texts(update)
    words = rest.split()
    if not words:
        return What(COIN, None, None)
    if words[0].upper() == COIN:
        return What(COIN, None, after_words(rest, 1) or None)
    me: MeMe = await current_user(context, update)
    by_name = {entry["item"]["name"]: entry["item"]["id"] for entry in me["inventory"]}
    found = held_item(rest, list(by_name))
    if found is None:
        return _(
            "You hold no item called “{name}”. To send coins with a message, name the currency: "
            "/gift @username 5 COIN {name}",
            name=rest.strip(),
        )
    name, n = found
    return What(None, by_name[name], after_words(rest, n) or None)


def sent_text(_: Texts, gift: GiftSendGiftSendGift, shown: str, left: int) -> str:
    item = gift["item"]
    what = (
        _.money(gift["amount"], gift["currency"] or COIN)
        if item is None
        else f"{item['name']} × {_.number(gift['amount'])}"
    )
    lines = [_("Gift sent to @{username}: {what}.", username=shown, what=what)]
    if gift["message"]:
        lines.append(f"“{gift['message']}”")
    lines.append(_("Gifts left today: {count}", count=_.number(left)))
    return "\n".join(lines)


@domain.command("gift", N_("send a gift: /gift @username amount [COIN|item name] [message]"))
async def gift(update: Update, context: Context) -> None:
    _ = texts(update)
    # /gift @bob 2 Golden Card the message keeps its spacing, so it is cut from the text.
    parts = command_text(update).split(maxsplit=3)
    name = USERNAME.fullmatch(parts[1]) if len(parts) > 1 else None
    if len(parts) < 3 or name is None or not DIGITS.fullmatch(parts[2]):
        await reply(update, _(GIFT_USAGE))
        return
    username, amount = name.group(1), parts[2]
    what = await what_to_give(context, update, parts[3] if len(parts) > 3 else "")
    if isinstance(what, str):
        await reply(update, what)
        return
    client, actor = api(context), actor_for(update)
    recipient, shown = await find_recipient(context, actor, username)
    if recipient is None:
        await reply(update, _("There is no player @{username}.", username=username))
        return
    send: GiftSendInput = {
        "toUserId": recipient["id"],
        "amount": amount,
        "message": what.message,
        "idempotencyKey": idempotency_key(context, update),
    }
    if what.item_id is not None:
        send["itemId"] = what.item_id
    else:
        send["currency"] = what.currency
    result = (await client.execute(GIFT_SEND({"input": send}), actor))["giftSend"]
    if result["errors"] or result["gift"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    left = (await client.execute(GIFTS_LEFT_TODAY({}), actor))["giftsLeftToday"]
    await reply(update, sent_text(_, result["gift"], shown, left))
