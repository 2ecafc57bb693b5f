from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from dataloaders.base import DatabaseLoader
from db.models import Account


class BalancesByUserIdLoader(DatabaseLoader[int, list[Account]]):
    """All of a user's accounts (currencies and items), in asset order."""

    def missing(self) -> list[Account]:
        return []

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[Account]]:
        rows = (
            (
                await session.execute(
                    select(Account)
                    .where(Account.owner_kind == "user", Account.owner_id.in_([str(k) for k in keys]))  # type: ignore[attr-defined]
                    .order_by(Account.asset)
                )
            )
            .scalars()
            .all()
        )
        out: dict[int, list[Account]] = {}
        for account in rows:
            out.setdefault(int(account.owner_id), []).append(account)
        return out
