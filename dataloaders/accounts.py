from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from dataloaders.base import DatabaseLoader
from db.models import Account, User


class UserByIdLoader(DatabaseLoader[int, User | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, User | None]:
        rows = (await session.execute(select(User).where(col(User.id).in_(keys)))).scalars().all()
        return {int(u.id): u for u in rows}


class AccountByIdLoader(DatabaseLoader[int, Account | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, Account | None]:
        rows = (await session.execute(select(Account).where(col(Account.id).in_(keys)))).scalars().all()
        return {int(a.id): a for a in rows}
