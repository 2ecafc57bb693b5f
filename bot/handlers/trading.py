"""/trade: your open offers, incoming ones with Accept and Decline buttons, yours with Cancel;
/trade @username 50 COIN for 1 Golden Card: offer goods for goods (``+`` joins several goods,
``nothing`` leaves a side empty)."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, command_text, current_user, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.shop_items import SHOP_ITEMS
from bot.operations.trade_offer_accept import TRADE_OFFER_ACCEPT, TradeOfferInput
from bot.operations.trade_offer_cancel import TRADE_OFFER_CANCEL
from bot.operations.trade_offer_create import TRADE_OFFER_CREATE, TradeGoodInput
from bot.operations.trade_offer_decline import TRADE_OFFER_DECLINE
from bot.operations.trade_offers import TRADE_OFFERS, TradeOffersData, TradeOffersTradeOffersEdgesNode
from bot.recipients import recipient as find_recipient

domain = Domain("trading", order=17)
domain.errors(
    "TradeError",
    {
        "EMPTY_OFFER": N_("Offer or ask for at least one thing."),
        "INVALID_GOOD": N_("Each good is coins or an item, and not on both sides."),
        "INVALID_MESSAGE": N_("The message is too long."),
        "NOT_RECIPIENT": N_("Only the player the offer was made to can answer it."),
        "NOT_SENDER": N_("Only the player who made the offer can cancel it."),
        "NOT_TRADEABLE": N_("This item cannot be traded."),
        "OFFER_CLOSED": N_("This offer is no longer open."),
        "OFFER_EXPIRED": N_("This offer has expired."),
        "BLOCKED": N_("This player does not accept trade offers from you."),
        "SELF_TRADE": N_("You cannot trade with yourself."),
        "TOO_MANY_GOODS": N_("At most 10 goods on each side."),
        "UNKNOWN_ITEM": N_("There is no such item."),
        "UNKNOWN_OFFER": N_("There is no such offer."),
        "UNKNOWN_USER": N_("There is no such player."),
        "INSUFFICIENT_FUNDS": N_("Not enough for this trade."),
        "INVALID_AMOUNT": N_("The amount must be a whole number above zero."),
        "AMOUNT_TOO_LARGE": N_("That amount is too large."),
        "UNKNOWN_CURRENCY": N_("There is no such currency."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    },
)

TRADE_USAGE = N_(
    "Usage: /trade @username <what you give> for <what you want>\n"
    "Example: /trade @bob 50 COIN + 1 Golden Card for 2 Silver Card\n"
    "“nothing” leaves a side empty. /trade alone lists your open offers."
)
USERNAME = re.compile(r"@?([A-Za-z0-9_]{1,32})")
GOOD = re.compile(r"([0-9]{1,30})\s+(.+)")
CURRENCY = re.compile(r"[A-Za-z]{2,10}")
SEPARATOR = re.compile(r"\s+(?:for|за)\s+", re.IGNORECASE)
NOTHING = {"nothing", "ничего", "-"}
ACCEPT, DECLINE, CANCEL = "trade:accept:", "trade:decline:", "trade:cancel:"


def side_goods(text: str, items: dict[str, str]) -> list[TradeGoodInput] | str:
    """The goods of one side (``items``: lower-case name → id), or the part that names nothing."""
    if text.strip().casefold() in NOTHING:
        return []
    goods: list[TradeGoodInput] = []
    for part in text.split("+"):
        found = GOOD.fullmatch(part.strip())
        if found is None:
            return part.strip()
        amount, name = found.group(1), found.group(2).strip()
        if name.casefold() in items:
            goods.append({"itemId": items[name.casefold()], "amount": amount})
        elif CURRENCY.fullmatch(name):
            goods.append({"currency": name.upper(), "amount": amount})
        else:
            return part.strip()
    return goods


def goods_text(_: Texts, goods: list[dict[str, object]]) -> str:
    if not goods:
        return _("nothing")
    shown = []
    for good in goods:
        item = good.get("item")
        amount = int(str(good["amount"]))
        if isinstance(item, dict):
            shown.append(f"{item['name']} × {_.number(amount)}")
        else:
            shown.append(_.money(amount, str(good["currency"])))
    return ", ".join(shown)


def offer_text(_: Texts, offer: TradeOffersTradeOffersEdgesNode) -> str:
    sender = (offer["sender"] or {"username": "?"})["username"]
    recipient = (offer["recipient"] or {"username": "?"})["username"]
    give = goods_text(_, list(offer["give"]))  # type: ignore[arg-type]
    want = goods_text(_, list(offer["want"]))  # type: ignore[arg-type]
    if offer["incoming"]:
        line = _(
            "#{id} from {name}: you get {give}, you give {want}",
            id=offer["id"],
            name=sender,
            give=give,
            want=want,
        )
    else:
        line = _(
            "#{id} to {name}: you give {give}, you get {want}",
            id=offer["id"],
            name=recipient,
            give=give,
            want=want,
        )
    if offer["incoming"] and offer["lopsided"]:
        line += "\n" + _(
            "⚠️ Lopsided: what you get is worth {give}, what you give {want}. Check before accepting.",
            give=_.number(offer["giveValue"]),
            want=_.number(offer["wantValue"]),
        )
    if offer["message"]:
        line += f"\n“{offer['message']}”"
    return line


def offers_text(_: Texts, data: TradeOffersData) -> str:
    offers = [edge["node"] for edge in data["tradeOffers"]["edges"]]
    if not offers:
        return _("No open trade offers. Make one with /trade @username 10 COIN for 1 item name")
    return "\n\n".join([_("Open trade offers:"), *(offer_text(_, o) for o in offers)])


def offer_buttons(_: Texts, data: TradeOffersData) -> InlineKeyboardMarkup | None:
    rows = []
    for edge in data["tradeOffers"]["edges"]:
        offer = edge["node"]
        if offer["incoming"]:
            rows.append(
                [
                    InlineKeyboardButton(
                        _("✅ Accept #{id}", id=offer["id"]), callback_data=ACCEPT + offer["id"]
                    ),
                    InlineKeyboardButton(
                        _("✖ Decline #{id}", id=offer["id"]), callback_data=DECLINE + offer["id"]
                    ),
                ]
            )
        else:
            rows.append(
                [
                    InlineKeyboardButton(
                        _("↩ Cancel #{id}", id=offer["id"]), callback_data=CANCEL + offer["id"]
                    )
                ]
            )
    return InlineKeyboardMarkup(rows) if rows else None


@domain.command("trade", N_("trade offers: /trade @username 10 COIN for 1 item name; /trade lists yours"))
async def trade(update: Update, context: Context) -> None:
    _ = texts(update)
    client, actor = api(context), actor_for(update)
    parts = command_text(update).split(maxsplit=2)
    if len(parts) == 1:
        data = await client.execute(TRADE_OFFERS({"status": "OPEN"}), actor)
        await reply(update, offers_text(_, data), markup=offer_buttons(_, data))
        return
    name = USERNAME.fullmatch(parts[1])
    sides = SEPARATOR.split(parts[2], maxsplit=1) if len(parts) == 3 else []
    if name is None or len(sides) != 2:
        await reply(update, _(TRADE_USAGE))
        return
    me = await current_user(context, update)
    held = {entry["item"]["name"].casefold(): entry["item"]["id"] for entry in me["inventory"]}
    shop = await client.execute(SHOP_ITEMS({"first": 100}), actor)
    known = {edge["node"]["name"].casefold(): edge["node"]["id"] for edge in shop["shopItems"]["edges"]}
    give, want = side_goods(sides[0], held), side_goods(sides[1], known | held)
    for goods in (give, want):
        if isinstance(goods, str):
            await reply(
                update,
                _("“{part}” names no currency or item you can trade.", part=goods) + "\n" + _(TRADE_USAGE),
            )
            return
    assert not isinstance(give, str) and not isinstance(want, str)
    found, shown = await find_recipient(context, actor, name.group(1))
    if found is None:
        await reply(update, _("There is no player @{username}.", username=shown))
        return
    made = TRADE_OFFER_CREATE(
        {
            "input": {
                "toUserId": found["id"],
                "give": give,
                "want": want,
                "idempotencyKey": idempotency_key(context, update),
            }
        }
    )
    result = (await client.execute(made, actor))["tradeOfferCreate"]
    if result["errors"] or result["offer"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    text = _(
        "Offer #{id} sent to @{username}; what you give waits in escrow.",
        id=result["offer"]["id"],
        username=shown,
    )
    if result["offer"]["lopsided"]:
        text += "\n" + _("⚠️ One side is worth under a tenth of the other: moderators may review it.")
    await reply(update, text)


async def answer(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    client, actor = api(context), actor_for(update)
    verb, ident = query.data.split(":")[1], query.data.rsplit(":", 1)[1]
    offer: TradeOfferInput = {"offerId": ident}
    if verb == "accept":
        accepted = (await client.execute(TRADE_OFFER_ACCEPT({"input": offer}), actor))["tradeOfferAccept"]
        errors, ok = accepted["errors"], _("Trade #{id} done: both sides swapped.", id=ident)
    elif verb == "decline":
        declined = (await client.execute(TRADE_OFFER_DECLINE({"input": offer}), actor))["tradeOfferDecline"]
        errors, ok = declined["errors"], _("Offer #{id} declined.", id=ident)
    else:
        cancelled = (await client.execute(TRADE_OFFER_CANCEL({"input": offer}), actor))["tradeOfferCancel"]
        errors, ok = cancelled["errors"], _("Offer #{id} cancelled; your goods are back.", id=ident)
    text = payload_errors_text(_, errors) if errors else ok
    await query.answer(text[:200])
    await reply(update, text)


domain.handler(CallbackQueryHandler(answer, pattern=f"^({ACCEPT}|{DECLINE}|{CANCEL})[0-9]+$"))
