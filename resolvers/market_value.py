"""Market value: what goods are worth, for the trading scam check.

A currency amount is worth its face value. An item is worth the unit price of its latest sale in
any market that reports one (``SOURCES``: the shop's purchases and the auction house's sales; another
market appends its own source), and its current shop price when nobody bought it
yet. Values are whole units of the items' shop currency.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Item, Purchase
from resolvers.auctions import queries as auction_queries

ITEM_PREFIX = "item:"

Sale = tuple[datetime, int]
"""When an item last sold, and for how much a unit."""
Source = Callable[[AsyncSession, list[int]], Awaitable[dict[int, Sale]]]


async def last_shop_sales(session: AsyncSession, item_ids: list[int]) -> dict[int, Sale]:
    latest = (
        select(func.max(col(Purchase.id)))
        .where(col(Purchase.item_id).in_(item_ids), col(Purchase.quantity) > 0)
        .group_by(col(Purchase.item_id))
    )
    rows = await session.execute(
        select(
            col(Purchase.item_id), col(Purchase.created_at), col(Purchase.total_price), col(Purchase.quantity)
        ).where(col(Purchase.id).in_(latest))
    )
    return {int(item): (at, int(total) // int(quantity)) for item, at, total, quantity in rows.all()}


SOURCES: list[Source] = [last_shop_sales, auction_queries.last_sales]


async def item_prices(session: AsyncSession, item_ids: Iterable[int]) -> dict[int, int]:
    """Per item, the unit price of its latest sale in any market, else its shop price (else 0)."""
    wanted = sorted(set(item_ids))
    if not wanted:
        return {}
    latest: dict[int, Sale] = {}
    for source in SOURCES:
        for item, sale in (await source(session, wanted)).items():
            if item not in latest or sale[0] > latest[item][0]:
                latest[item] = sale
    prices = {item: sale[1] for item, sale in latest.items()}
    missing = [item for item in wanted if item not in prices]
    if missing:
        rows = await session.execute(select(col(Item.id), col(Item.price)).where(col(Item.id).in_(missing)))
        prices |= {int(item): int(price) for item, price in rows.all()}
    return {item: prices.get(item, 0) for item in wanted}


async def value_of(session: AsyncSession, goods: Iterable[tuple[str, int]]) -> int:
    """The market value of ``(asset, amount)`` goods: currencies at face value, items at their price."""
    listed = list(goods)
    items = [int(asset[len(ITEM_PREFIX) :]) for asset, _ in listed if asset.startswith(ITEM_PREFIX)]
    prices = await item_prices(session, items)
    total = 0
    for asset, amount in listed:
        unit = prices.get(int(asset[len(ITEM_PREFIX) :]), 0) if asset.startswith(ITEM_PREFIX) else 1
        total += unit * amount
    return total


def lopsided(a: int, b: int, *, ratio_percent: int = 10) -> bool:
    """True when the smaller value is under ``ratio_percent`` % of the larger one."""
    low, high = sorted((a, b))
    return high > 0 and low * 100 < high * ratio_percent
