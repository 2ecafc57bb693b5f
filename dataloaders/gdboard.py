from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from dataloaders.base import DatabaseLoader
from db.models.gdboard import GdLevel


class GdLevelByIdLoader(DatabaseLoader[int, GdLevel | None]):
    """Board levels by id (removed ones too: an old submission still names its level)."""

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, GdLevel | None]:
        query = select(GdLevel).where(col(GdLevel.id).in_(list(keys)))
        return {int(row.id or 0): row for row in (await session.execute(query)).scalars().all()}
