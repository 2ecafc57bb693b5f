from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from dataloaders.base import DatabaseLoader
from db.models import Item


class ItemByIdLoader(DatabaseLoader[int, Item | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, Item | None]:
        rows = (await session.execute(select(Item).where(Item.id.in_(keys)))).scalars().all()  # type: ignore[union-attr]
        return {int(i.id): i for i in rows}
