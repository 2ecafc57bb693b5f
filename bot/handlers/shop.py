"""/shop (items with Buy buttons and a "More" button), /buy item_number [quantity], /inventory."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import Context, actor_for, api, idempotency_key, reply, texts
from bot.i18n import Texts
from bot.messages import BUY_USAGE, payload_errors_text
from bot.results import ShopItemConnection, ShopPurchasePayload

SHOP_PAGE = 8
BUY_PREFIX = "buy:"
PAGE_PREFIX = "shop:"
ITEM_ID = re.compile(r"#?([0-9]{1,18})")
QUANTITY = re.compile(r"[0-9]{1,9}")


def shop_text(_: Texts, page: ShopItemConnection) -> str:
    if not page["edges"]:
        return _("Nothing is on sale right now.")
    lines = [_("On sale (buy with the buttons or /buy item_number):")]
    for edge in page["edges"]:
        item = edge["node"]
        line = f"#{item['id']} {item['name']} — {_.money(item['price'], item['currency'])}"
        if item["stock"] is not None:
            line += " " + _("({count} left)", count=_.number(item["stock"]))
        if item["description"]:
            line += f"\n    {item['description']}"
        lines.append(line)
    return "\n".join(lines)


def shop_keyboard(_: Texts, page: ShopItemConnection) -> InlineKeyboardMarkup | None:
    rows = [
        [
            InlineKeyboardButton(
                _(
                    "Buy {name} · {price}",
                    name=e["node"]["name"],
                    price=_.money(e["node"]["price"], e["node"]["currency"]),
                ),
                callback_data=BUY_PREFIX + e["node"]["id"],
            )
        ]
        for e in page["edges"]
    ]
    cursor = page["pageInfo"]["endCursor"]
    if page["pageInfo"]["hasNextPage"] and cursor and len(PAGE_PREFIX + cursor) <= 64:
        rows.append([InlineKeyboardButton(_("More ▸"), callback_data=PAGE_PREFIX + cursor)])
    return InlineKeyboardMarkup(rows) if rows else None


async def shop(update: Update, context: Context) -> None:
    _ = texts(update)
    page = await api(context).shop_items(actor_for(update), first=SHOP_PAGE)
    await reply(update, shop_text(_, page), markup=shop_keyboard(_, page))


async def shop_more(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    cursor = query.data.removeprefix(PAGE_PREFIX)
    page = await api(context).shop_items(actor_for(update), first=SHOP_PAGE, after=cursor)
    await query.answer()
    await reply(update, shop_text(_, page), markup=shop_keyboard(_, page))


def purchase_text(_: Texts, result: ShopPurchasePayload) -> str:
    item = result["item"]
    if result["errors"] or item is None:
        return payload_errors_text(_, result["errors"])
    quantity = result["quantity"] or 1
    return _(
        "You bought {name} × {quantity} for {total}. See /inventory.",
        name=item["name"],
        quantity=_.number(quantity),
        total=_.money(item["price"] * quantity, item["currency"]),
    )


async def buy(update: Update, context: Context) -> None:
    _ = texts(update)
    args = context.args or []
    item = ITEM_ID.fullmatch(args[0]) if args else None
    if item is None or len(args) > 2 or (len(args) == 2 and not QUANTITY.fullmatch(args[1])):
        await reply(update, _(BUY_USAGE))
        return
    quantity = int(args[1]) if len(args) == 2 else 1
    result = await api(context).shop_purchase(
        actor_for(update),
        item_id=item.group(1),
        quantity=quantity,
        idempotency_key=idempotency_key(context, update),
    )
    await reply(update, purchase_text(_, result))


async def buy_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    item_id = query.data.removeprefix(BUY_PREFIX)
    if not ITEM_ID.fullmatch(item_id):
        await query.answer()
        return
    # The key comes from this button press's update id: a redelivered press buys nothing more,
    # a second press is a second purchase (as a second /buy would be).
    result = await api(context).shop_purchase(
        actor_for(update), item_id=item_id, quantity=1, idempotency_key=idempotency_key(context, update)
    )
    text = purchase_text(_, result)
    await query.answer(text[:200])
    await reply(update, text)


async def inventory(update: Update, context: Context) -> None:
    _ = texts(update)
    me = await api(context).me(actor_for(update))
    if not me["inventory"]:
        await reply(update, _("You hold no items yet. See /shop."))
        return
    lines = [_("Your items:")] + [
        f"• {e['item']['name']} × {_.number(e['quantity'])}" for e in me["inventory"]
    ]
    await reply(update, "\n".join(lines))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [
        CommandHandler("shop", shop),
        CommandHandler("buy", buy),
        CommandHandler("inventory", inventory),
        CallbackQueryHandler(buy_button, pattern=f"^{BUY_PREFIX}"),
        CallbackQueryHandler(shop_more, pattern=f"^{PAGE_PREFIX}"),
    ]
