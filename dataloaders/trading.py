from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import col

from dataloaders.base import DatabaseLoader, by_keys
from db.models.trading import TradeOffer

_ONE = select(TradeOffer).where(col(TradeOffer.id) == bindparam("key"))
_MANY = select(TradeOffer).where(col(TradeOffer.id).in_(bindparam("keys", expanding=True)))


class TradeOfferByIdLoader(DatabaseLoader[int, TradeOffer | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, TradeOffer | None]:
        rows = await by_keys(session, _ONE, _MANY, keys)
        return {int(o.id): o for o in rows}
