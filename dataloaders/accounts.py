from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import col

from dataloaders.base import DatabaseLoader, by_keys
from db.models import Account, User

_USER = select(User).where(col(User.id) == bindparam("key"))
_USERS = select(User).where(col(User.id).in_(bindparam("keys", expanding=True)))
_ACCOUNT = select(Account).where(col(Account.id) == bindparam("key"))
_ACCOUNTS = select(Account).where(col(Account.id).in_(bindparam("keys", expanding=True)))


class UserByIdLoader(DatabaseLoader[int, User | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, User | None]:
        rows = await by_keys(session, _USER, _USERS, keys)
        return {int(u.id): u for u in rows}


class AccountByIdLoader(DatabaseLoader[int, Account | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, Account | None]:
        rows = await by_keys(session, _ACCOUNT, _ACCOUNTS, keys)
        return {int(a.id): a for a in rows}
