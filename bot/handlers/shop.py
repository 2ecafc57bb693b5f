"""/shop (items with Buy buttons and a "More" button), /buy item_number [quantity], /inventory."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, current_user, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.shop_items import SHOP_ITEMS, ShopItemsShopItems
from bot.operations.shop_purchase import SHOP_PURCHASE, ShopPurchaseShopPurchase

domain = Domain("shop", order=20)
domain.errors(
    "ShopError",
    {
        "UNKNOWN_ITEM": N_("There is no item with that number. See /shop."),
        "INVALID_QUANTITY": N_("That quantity is not allowed."),
        "OUT_OF_STOCK": N_("Not enough of this item is left."),
        "INSUFFICIENT_FUNDS": N_("You do not have enough money for that."),
        "LIMIT_REACHED": N_("You have reached the limit for this item."),
        "ON_COOLDOWN": N_("You bought this item recently; try again later."),
        "ITEM_INACTIVE": N_("This item is not on sale."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    },
)

ShopPage = ShopItemsShopItems
BUY_USAGE = N_("Usage: /buy item_number [quantity]\nExample: /buy 3 2 (the numbers are in /shop)")

SHOP_PAGE = 8
# The price's move at the last daily repricing (resolvers/pricing.py).
TREND_ARROWS = {"RISING": "↗", "FALLING": "↘", "STABLE": "→"}
BUY_PREFIX = "buy:"
PAGE_PREFIX = "shop:"
ITEM_ID = re.compile(r"#?([0-9]{1,18})")
QUANTITY = re.compile(r"[0-9]{1,9}")


def shop_text(_: Texts, page: ShopPage) -> str:
    if not page["edges"]:
        return _("Nothing is on sale right now.")
    lines = [_("On sale (buy with the buttons or /buy item_number):")]
    for edge in page["edges"]:
        item = edge["node"]
        trend = TREND_ARROWS.get(item["priceTrend"], "")
        line = f"#{item['id']} {item['name']} — {_.money(item['price'], item['currency'])} {trend}"
        if item["stock"] is not None:
            line += " " + _("({count} left)", count=_.number(item["stock"]))
        if item["description"]:
            line += f"\n    {item['description']}"
        lines.append(line)
    return "\n".join(lines)


def shop_keyboard(_: Texts, page: ShopPage) -> InlineKeyboardMarkup | None:
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


@domain.command("shop", N_("items on sale"))
async def shop(update: Update, context: Context) -> None:
    _ = texts(update)
    page = (await api(context).execute(SHOP_ITEMS({"first": SHOP_PAGE}), actor_for(update)))["shopItems"]
    await reply(update, shop_text(_, page), markup=shop_keyboard(_, page))


async def shop_more(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    cursor = query.data.removeprefix(PAGE_PREFIX)
    data = await api(context).execute(SHOP_ITEMS({"first": SHOP_PAGE, "after": cursor}), actor_for(update))
    page = data["shopItems"]
    await query.answer()
    await reply(update, shop_text(_, page), markup=shop_keyboard(_, page))


def purchase_text(_: Texts, result: ShopPurchaseShopPurchase) -> str:
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


async def purchase(context: Context, update: Update, item_id: str, quantity: int) -> ShopPurchaseShopPurchase:
    # The key comes from the update id: a redelivered /buy or button press buys nothing more,
    # a second one is a second purchase.
    request = SHOP_PURCHASE(
        {
            "input": {
                "itemId": item_id,
                "quantity": quantity,
                "idempotencyKey": idempotency_key(context, update),
            }
        }
    )
    return (await api(context).execute(request, actor_for(update)))["shopPurchase"]


@domain.command("buy", N_("buy an item: /buy item_number [quantity]"))
async def buy(update: Update, context: Context) -> None:
    _ = texts(update)
    args = context.args or []
    item = ITEM_ID.fullmatch(args[0]) if args else None
    if item is None or len(args) > 2 or (len(args) == 2 and not QUANTITY.fullmatch(args[1])):
        await reply(update, _(BUY_USAGE))
        return
    quantity = int(args[1]) if len(args) == 2 else 1
    result = await purchase(context, update, item.group(1), quantity)
    await reply(update, purchase_text(_, result))


async def buy_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    item_id = query.data.removeprefix(BUY_PREFIX)
    if not ITEM_ID.fullmatch(item_id):
        await query.answer()
        return
    result = await purchase(context, update, item_id, 1)
    text = purchase_text(_, result)
    await query.answer(text[:200])
    await reply(update, text)


@domain.command("inventory", N_("the items you hold"))
async def inventory(update: Update, context: Context) -> None:
    _ = texts(update)
    me = await current_user(context, update)
    if not me["inventory"]:
        await reply(update, _("You hold no items yet. See /shop."))
        return
    lines = [_("Your items:")] + [
        f"• {e['item']['name']} × {_.number(e['quantity'])}" for e in me["inventory"]
    ]
    await reply(update, "\n".join(lines))


domain.handler(CallbackQueryHandler(buy_button, pattern=f"^{BUY_PREFIX}"))
domain.handler(CallbackQueryHandler(shop_more, pattern=f"^{PAGE_PREFIX}"))
