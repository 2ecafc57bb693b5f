"""Per-request batch loaders, named ``<Thing>By<Key>Loader``; a request gets fresh ones."""

from __future__ import annotations

from dataclasses import dataclass

from dataloaders.accounts import AccountByIdLoader, UserByIdLoader
from dataloaders.ledger import BalancesByUserIdLoader
from dataloaders.shop import ItemByIdLoader
from db.engine import Database


@dataclass(frozen=True)
class Loaders:
    user_by_id: UserByIdLoader
    account_by_id: AccountByIdLoader
    balances_by_user_id: BalancesByUserIdLoader
    item_by_id: ItemByIdLoader


def create_loaders(db: Database) -> Loaders:
    return Loaders(
        user_by_id=UserByIdLoader(db),
        account_by_id=AccountByIdLoader(db),
        balances_by_user_id=BalancesByUserIdLoader(db),
        item_by_id=ItemByIdLoader(db),
    )
