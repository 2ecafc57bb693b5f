from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from dataloaders.base import DatabaseLoader
from db.models import Item
from db.models.seasonal import SeasonalItem

ShopEntry = tuple[SeasonalItem, Item]


class SeasonalShopByEventLoader(DatabaseLoader[int, list[ShopEntry]]):
    """An event's shop: its items with their event prices, cheapest first."""

    def missing(self) -> list[ShopEntry]:
        return []

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[ShopEntry]]:
        rows = await session.execute(
            select(SeasonalItem, Item)
            .join(Item, col(Item.id) == col(SeasonalItem.item_id))
            .where(col(SeasonalItem.event_id).in_(list(keys)))
            .order_by(col(SeasonalItem.price), col(SeasonalItem.item_id))
        )
        out: dict[int, list[ShopEntry]] = {}
        for entry, item in rows.tuples().all():
            out.setdefault(entry.event_id, []).append((entry, item))
        return out
