from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

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
                    .where(
                        col(Account.owner_kind) == "user", col(Account.owner_id).in_([str(k) for k in keys])
                    )
                    .order_by(col(Account.asset))
                )
            )
            .scalars()
            .all()
        )
        out: dict[int, list[Account]] = {}
        for account in rows:
            out.setdefault(int(account.owner_id), []).append(account)
        return out
