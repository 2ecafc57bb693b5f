from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import col

from dataloaders.base import DatabaseLoader, by_keys
from db.models import Item

_ONE = select(Item).where(col(Item.id) == bindparam("key"))
_MANY = select(Item).where(col(Item.id).in_(bindparam("keys", expanding=True)))


class ItemByIdLoader(DatabaseLoader[int, Item | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, Item | None]:
        rows = await by_keys(session, _ONE, _MANY, keys)
        return {int(i.id): i for i in rows}
