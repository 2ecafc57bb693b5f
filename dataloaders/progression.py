from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import col

from dataloaders.base import DatabaseLoader, by_keys
from db.models.progression import Progress

_ONE = select(Progress).where(col(Progress.user_id) == bindparam("key"))
_MANY = select(Progress).where(col(Progress.user_id).in_(bindparam("keys", expanding=True)))


class ProgressByUserIdLoader(DatabaseLoader[int, Progress | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, Progress | None]:
        rows = await by_keys(session, _ONE, _MANY, keys)
        return {int(r.user_id): r for r in rows}
