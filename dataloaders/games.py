from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from dataloaders.base import DatabaseLoader
from db.models.games import GamePlayer


class GamePlayersBySessionLoader(DatabaseLoader[int, list[GamePlayer]]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[GamePlayer]]:
        query = select(GamePlayer).where(col(GamePlayer.session_id).in_(list(keys)))
        out: dict[int, list[GamePlayer]] = {key: [] for key in keys}
        for row in (await session.execute(query.order_by(col(GamePlayer.seat)))).scalars().all():
            out[row.session_id].append(row)
        return out

    def missing(self) -> list[GamePlayer]:
        return []
