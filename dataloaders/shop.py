from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from dataloaders.base import DatabaseLoader
from db.models import Item


class ItemByIdLoader(DatabaseLoader[int, Item | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, Item | None]:
        rows = (await session.execute(select(Item).where(col(Item.id).in_(keys)))).scalars().all()
        return {int(i.id): i for i in rows}
