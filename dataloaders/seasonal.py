from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from dataloaders.base import DatabaseLoader
from db.models import Item
from db.models.seasonal import SeasonalItem
from resolvers.seasonal import progress
from resolvers.seasonal.progress import Progress

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


ProgressKey = tuple[int, int]  # (seasonal event, player)


class SeasonalProgressLoader(DatabaseLoader[ProgressKey, Progress]):
    """A player's progress in several events: three grouped statements and one of balances."""

    def missing(self) -> Progress:
        return Progress(earned=0, spent=0, balance=0, converted=0, coins=0)

    async def fetch(self, session: Any, keys: Sequence[ProgressKey]) -> dict[ProgressKey, Progress]:
        return await progress.progress_many(session, list(keys))
