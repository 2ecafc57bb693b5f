"""/event: the open seasonal event (time left, what you earned, spent and hold, its shop) or the
next one; /eventbuy item_number [quantity]: buy a limited edition with the event currency."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import Context, actor_for, api, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.current_seasonal_event import CURRENT_SEASONAL_EVENT, CurrentSeasonalEventData
from bot.operations.seasonal_shop_buy import SEASONAL_SHOP_BUY, SeasonalShopBuySeasonalShopBuy

domain = Domain("seasonal", order=23)
domain.errors(
    "SeasonalError",
    {
        "UNKNOWN_ITEM": N_("There is no event item with that number. See /event."),
        "INVALID_QUANTITY": N_("That quantity is not allowed."),
        "OUT_OF_STOCK": N_("Not enough of this item is left."),
        "INSUFFICIENT_FUNDS": N_("You do not have enough event currency for that."),
        "LIMIT_REACHED": N_("You have reached the limit for this item."),
        "EVENT_NOT_ACTIVE": N_("This event's shop is closed."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    },
)

BUY_USAGE = N_("Usage: /eventbuy item_number [quantity]\nExample: /eventbuy 3 (the numbers are in /event)")
ITEM_ID = re.compile(r"#?([0-9]{1,18})")
QUANTITY = re.compile(r"[0-9]{1,3}")


def time_left(_: Texts, seconds: int) -> str:
    days, rest = divmod(max(0, seconds), 86400)
    hours, rest = divmod(rest, 3600)
    if days:
        return _("{days} d {hours} h", days=_.number(days), hours=_.number(hours))
    return _("{hours} h {minutes} min", hours=_.number(hours), minutes=_.number(rest // 60))


def event_text(_: Texts, data: CurrentSeasonalEventData) -> str:
    event = data["currentSeasonalEvent"]
    if event is None:
        upcoming = sorted(data["seasonalEvents"], key=lambda e: e["startsAt"])
        if not upcoming:
            return _("No seasonal event is on right now.")
        following = upcoming[0]
        return _(
            "No seasonal event is on right now. Next: {name}, from {when}.",
            name=following["name"],
            when=_.when(following["startsAt"]),
        )
    lines = [
        _("🎉 {name} — {left} left", name=event["name"], left=time_left(_, event["timeLeftSeconds"] or 0)),
    ]
    progress = event["myProgress"]
    if progress is not None:
        lines.append(
            _(
                "Earned {earned}, spent {spent}, you hold {balance}.",
                earned=_.money(progress["earned"], event["currency"]),
                spent=_.money(progress["spent"], event["currency"]),
                balance=_.money(progress["balance"], event["currency"]),
            )
        )
    lines.append(
        _(
            "Earn {currency} by playing. At the end what is left becomes COIN at {percent}%.",
            currency=event["currencyName"],
            percent=_.number(event["conversionPercent"]),
        )
    )
    if event["shop"]:
        lines.append(_("Limited editions (/eventbuy item_number):"))
        for entry in event["shop"]:
            price = _.money(entry["price"], event["currency"])
            line = f"#{entry['item']['id']} {entry['item']['name']} — {price}"
            if entry["item"]["stock"] is not None:
                line += " " + _("({count} left)", count=_.number(entry["item"]["stock"]))
            lines.append(line)
    return "\n".join(lines)


@domain.command("event", N_("the seasonal event: time left, your event currency, its shop"))
async def event(update: Update, context: Context) -> None:
    _ = texts(update)
    data = await api(context).execute(CURRENT_SEASONAL_EVENT({}), actor_for(update))
    await reply(update, event_text(_, data))


def bought_text(_: Texts, result: SeasonalShopBuySeasonalShopBuy) -> str:
    item, spent = result["item"], result["event"]
    if result["errors"] or item is None or spent is None:
        return payload_errors_text(_, result["errors"])
    return _(
        "You bought {name} × {quantity} for {total}. A limited edition: it stays yours after the event.",
        name=item["name"],
        quantity=_.number(result["quantity"] or 1),
        total=_.money(result["total"] or 0, spent["currency"]),
    )


@domain.command("eventbuy", N_("buy a limited edition: /eventbuy item_number [quantity]"))
async def event_buy(update: Update, context: Context) -> None:
    _ = texts(update)
    args = context.args or []
    item = ITEM_ID.fullmatch(args[0]) if args else None
    if item is None or len(args) > 2 or (len(args) == 2 and not QUANTITY.fullmatch(args[1])):
        await reply(update, _(BUY_USAGE))
        return
    request = SEASONAL_SHOP_BUY(
        {
            "input": {
                "itemId": item.group(1),
                "quantity": int(args[1]) if len(args) == 2 else 1,
                "idempotencyKey": idempotency_key(context, update),
            }
        }
    )
    result = (await api(context).execute(request, actor_for(update)))["seasonalShopBuy"]
    await reply(update, bought_text(_, result))
