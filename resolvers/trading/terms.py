"""Checking an offer's terms: each side's goods (merged per asset, in asset order) and the message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Item
from resolvers import ledger
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.trading.common import MAX_GOODS, MAX_MESSAGE, Good

ERRORS = ErrorCodes(
    "trade_terms",
    "EMPTY_OFFER",
    "INVALID_GOOD",
    "INVALID_MESSAGE",
    "NOT_TRADEABLE",
    "TOO_MANY_GOODS",
    "UNKNOWN_ITEM",
    uses=(ledger.ERRORS,),
)


async def goods(session: AsyncSession, raw: Sequence[Mapping[str, Any]], side: str) -> list[Good]:
    """One side's goods, checked and merged per asset, in asset order."""
    if len(raw) > MAX_GOODS:
        raise DomainError("TOO_MANY_GOODS", f"At most {MAX_GOODS} goods on each side.", side)
    totals: dict[str, int] = {}
    for good in raw:
        currency, item_id = good.get("currency"), good.get("item_id")
        if (currency is None) == (item_id is None):
            raise DomainError("INVALID_GOOD", "Each good is either a currency or an item, not both.", side)
        amount = ledger.parse_amount(good.get("amount"), field=side)
        if currency is not None:
            asset = await ledger.require_currency(session, str(currency), field=side)
        else:
            ident = to_id(item_id)
            item = await session.get(Item, ident) if ident is not None else None
            if item is None:
                raise DomainError("UNKNOWN_ITEM", "No such item.", side)
            if not item.tradeable:
                raise DomainError("NOT_TRADEABLE", f"{item.name} cannot be traded.", side)
            asset = ledger.item_asset(int(ident or 0))
        totals[asset] = totals.get(asset, 0) + amount
        if totals[asset] > ledger.MAX_AMOUNT:
            raise DomainError("AMOUNT_TOO_LARGE", f"Amount must be at most {ledger.MAX_AMOUNT}.", side)
    return [{"asset": asset, "amount": totals[asset]} for asset in sorted(totals)]


def check_terms(give: list[Good], want: list[Good]) -> None:
    if not give and not want:
        raise DomainError("EMPTY_OFFER", "Offer or ask for at least one thing.", "give")
    both = {g["asset"] for g in give} & {g["asset"] for g in want}
    if both:
        raise DomainError("INVALID_GOOD", "The same currency or item cannot be on both sides.", "want")


def message(message: str | None) -> str | None:
    text = (message or "").strip() or None
    if text is not None and len(text) > MAX_MESSAGE:
        raise DomainError("INVALID_MESSAGE", f"A message is at most {MAX_MESSAGE} characters.", "message")
    return text
