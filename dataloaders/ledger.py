from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import col

from dataloaders.base import DatabaseLoader, by_keys
from db.models import Account

_OWNED = select(Account).where(col(Account.owner_kind) == "user").order_by(col(Account.asset))
_ONE = _OWNED.where(col(Account.owner_id) == bindparam("key"))
_MANY = _OWNED.where(col(Account.owner_id).in_(bindparam("keys", expanding=True)))


class BalancesByUserIdLoader(DatabaseLoader[int, list[Account]]):
    """All of a user's accounts (currencies and items), in asset order."""

    def missing(self) -> list[Account]:
        return []

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[Account]]:
        rows = await by_keys(session, _ONE, _MANY, [str(k) for k in keys])
        out: dict[int, list[Account]] = {}
        for account in rows:
            out.setdefault(int(account.owner_id), []).append(account)
        return out
