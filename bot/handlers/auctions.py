"""/auction: open auctions with a "Bid" button each (the smallest bid accepted) and "More";
/auction sell <start price> [buyout] <item name>: asks the duration with buttons, then lists one of
the item; /bid <auction number> <amount>."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, command_text, current_user, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.handlers.gifts import held_item
from bot.i18n import N_, Texts
from bot.operations.auction_bid import AUCTION_BID, AuctionBidAuctionBid
from bot.operations.auction_create import AUCTION_CREATE, AuctionCreateAuctionCreate
from bot.operations.auctions import AUCTIONS, AuctionsAuctions

domain = Domain("auctions", order=27)
domain.errors(
    "AuctionError",
    {
        "AUCTION_CLOSED": N_("This auction has ended."),
        "BID_TOO_LOW": N_("Your bid is too low: it must beat the best one by at least 5%."),
        "HAS_BIDS": N_("An auction with bids cannot be cancelled."),
        "INVALID_BUYOUT": N_("The buyout price must be at least the start price."),
        "INVALID_DURATION": N_("An auction lasts 1, 3, 7 or 14 days."),
        "NOT_SELLER": N_("Only the seller may do that."),
        "NOT_TRADEABLE": N_("This item cannot be sold."),
        "OWN_AUCTION": N_("You cannot bid on your own auction."),
        "UNKNOWN_AUCTION": N_("There is no auction with that number. See /auction."),
        "UNKNOWN_ITEM": N_("You do not hold that item."),
        "INSUFFICIENT_FUNDS": N_("You do not have enough for that."),
        "INVALID_AMOUNT": N_("The amount must be a whole number above zero."),
        "AMOUNT_TOO_LARGE": N_("That amount is too large."),
        "UNKNOWN_CURRENCY": N_("There is no such currency."),
        "UNKNOWN_USER": N_("There is no such player."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    },
)

AUCTION_USAGE = N_(
    "Usage: /auction lists open auctions; /auction sell <start price> [buyout price] <item name>\n"
    "Example: /auction sell 50 200 Golden Card"
)
BID_USAGE = N_("Usage: /bid <auction number> <amount>\nExample: /bid 12 105 (the numbers are in /auction)")
PAGE = 8
BID_PREFIX = "abid:"
MORE_PREFIX = "auctions:"
SELL_PREFIX = "asell:"
DURATIONS = (1, 3, 7, 14)
NUMBER = re.compile(r"#?([0-9]{1,18})")
AMOUNT = re.compile(r"[0-9]{1,13}")


def auctions_text(_: Texts, page: AuctionsAuctions) -> str:
    if not page["edges"]:
        return _("No auctions are open. Sell something with /auction sell <start price> <item name>.")
    lines = [_("Open auctions (bid with the buttons or /bid number amount):")]
    for edge in page["edges"]:
        a = edge["node"]
        name = a["item"]["name"] if a["item"] else "?"
        best = (
            _("best bid {amount}", amount=_.money(a["currentBid"], a["currency"]))
            if a["currentBid"] is not None
            else _("from {amount}", amount=_.money(a["startPrice"], a["currency"]))
        )
        line = f"#{a['id']} {name} × {_.number(a['quantity'])} — {best}"
        if a["buyoutPrice"] is not None:
            line += " · " + _("buyout {amount}", amount=_.money(a["buyoutPrice"], a["currency"]))
        line += " · " + _("ends {when}", when=_.when(a["endsAt"]))
        lines.append(line)
    return "\n".join(lines)


def auctions_keyboard(_: Texts, page: AuctionsAuctions) -> InlineKeyboardMarkup | None:
    rows = []
    for edge in page["edges"]:
        a = edge["node"]
        if a["minimumBid"] is None:
            continue
        name = a["item"]["name"] if a["item"] else "?"
        label = _("Bid {amount} · {name}", amount=_.money(a["minimumBid"], a["currency"]), name=name)
        rows.append([InlineKeyboardButton(label, callback_data=f"{BID_PREFIX}{a['id']}:{a['minimumBid']}")])
    cursor = page["pageInfo"]["endCursor"]
    if page["pageInfo"]["hasNextPage"] and cursor and len(MORE_PREFIX + cursor) <= 64:
        rows.append([InlineKeyboardButton(_("More ▸"), callback_data=MORE_PREFIX + cursor)])
    return InlineKeyboardMarkup(rows) if rows else None


async def show(update: Update, context: Context, after: str | None = None) -> None:
    _ = texts(update)
    request = AUCTIONS({"first": PAGE, "after": after})
    page = (await api(context).execute(request, actor_for(update)))["auctions"]
    await reply(update, auctions_text(_, page), markup=auctions_keyboard(_, page))


@domain.command("auction", N_("auctions: /auction to list, /auction sell <start> [buyout] <item name>"))
async def auction(update: Update, context: Context) -> None:
    _ = texts(update)
    words = command_text(update).split()
    if len(words) == 1:
        await show(update, context)
        return
    if words[1].lower() != "sell" or len(words) < 4 or not AMOUNT.fullmatch(words[2]):
        await reply(update, _(AUCTION_USAGE))
        return
    start, rest = words[2], words[3:]
    buyout = "0"
    if AMOUNT.fullmatch(rest[0]) and len(rest) > 1:
        buyout, rest = rest[0], rest[1:]
    me = await current_user(context, update)
    by_name = {entry["item"]["name"]: entry["item"]["id"] for entry in me["inventory"]}
    found = held_item(" ".join(rest), list(by_name))
    if found is None or found[1] != len(rest):
        await reply(update, _("You hold no item called “{name}”. See /inventory.", name=" ".join(rest)))
        return
    name = found[0]
    item_id = by_name[name]
    buttons = [
        InlineKeyboardButton(
            _("{days} d", days=_.number(days)),
            callback_data=f"{SELL_PREFIX}{item_id}:{start}:{buyout}:{days}",
        )
        for days in DURATIONS
    ]
    await reply(
        update,
        _("For how long should {name} be on auction?", name=name),
        markup=InlineKeyboardMarkup([buttons]),
    )


def created_text(_: Texts, result: AuctionCreateAuctionCreate) -> str:
    made = result["auction"]
    if result["errors"] or made is None:
        return payload_errors_text(_, result["errors"])
    name = made["item"]["name"] if made["item"] else "?"
    return _(
        "Auction #{id}: {name} × {quantity} from {start}, ends {when}. It is in escrow until then.",
        id=made["id"],
        name=name,
        quantity=_.number(made["quantity"]),
        start=_.money(made["startPrice"], made["currency"]),
        when=_.when(made["endsAt"]),
    )


async def sell_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    parts = query.data.removeprefix(SELL_PREFIX).split(":")
    if len(parts) != 4 or not all(p.isdigit() for p in parts) or int(parts[3]) not in DURATIONS:
        await query.answer()
        return
    item_id, start, buyout, days = parts
    request = AUCTION_CREATE(
        {
            "input": {
                "itemId": item_id,
                "startPrice": start,
                "buyoutPrice": buyout if buyout != "0" else None,
                "durationDays": int(days),
                "quantity": 1,
                "idempotencyKey": idempotency_key(context, update),
            }
        }
    )
    result = (await api(context).execute(request, actor_for(update)))["auctionCreate"]
    text = created_text(_, result)
    await query.answer(text[:200])
    await reply(update, text)


def bid_text(_: Texts, result: AuctionBidAuctionBid) -> str:
    a = result["auction"]
    if result["errors"] or a is None:
        return payload_errors_text(_, result["errors"])
    name = a["item"]["name"] if a["item"] else "?"
    if a["status"] == "SOLD":
        return _(
            "You bought {name} for {price}: it is in your inventory.",
            name=name,
            price=_.money(a["finalPrice"] or 0, a["currency"]),
        )
    return _(
        "Your bid of {amount} on #{id} {name} leads; the auction ends {when}.",
        amount=_.money(a["currentBid"] or 0, a["currency"]),
        id=a["id"],
        name=name,
        when=_.when(a["endsAt"]),
    )


async def place(context: Context, update: Update, auction_id: str, amount: str) -> AuctionBidAuctionBid:
    # The key comes from the update id: a redelivered /bid or button press bids once.
    request = AUCTION_BID(
        {
            "input": {
                "auctionId": auction_id,
                "amount": amount,
                "idempotencyKey": idempotency_key(context, update),
            }
        }
    )
    return (await api(context).execute(request, actor_for(update)))["auctionBid"]


@domain.command("bid", N_("bid on an auction: /bid <auction number> <amount>"))
async def bid(update: Update, context: Context) -> None:
    _ = texts(update)
    args = context.args or []
    number = NUMBER.fullmatch(args[0]) if args else None
    if number is None or len(args) != 2 or not AMOUNT.fullmatch(args[1]):
        await reply(update, _(BID_USAGE))
        return
    await reply(update, bid_text(_, await place(context, update, number.group(1), args[1])))


async def bid_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    parts = query.data.removeprefix(BID_PREFIX).split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        await query.answer()
        return
    text = bid_text(_, await place(context, update, parts[0], parts[1]))
    await query.answer(text[:200])
    await reply(update, text)


async def more(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await show(update, context, query.data.removeprefix(MORE_PREFIX))


domain.handler(CallbackQueryHandler(bid_button, pattern=f"^{BID_PREFIX}"))
domain.handler(CallbackQueryHandler(sell_button, pattern=f"^{SELL_PREFIX}"))
domain.handler(CallbackQueryHandler(more, pattern=f"^{MORE_PREFIX}"))
