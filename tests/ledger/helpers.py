"""Ledger checks shared by the wallet, shop and ingestion tests.

- ``snapshot(db)``: every row of every table (from ``tests/snapshot.py``): equal means nothing changed;
- ``ledger_view(db)``: non-zero balances, row counts of the ledger's tables and item stock, for tests
  that compare parts of the state (the balances stayed, one message was added);
- ``assert_sound(db)``: every asset sums to zero, stored balances match the transfers, no player
  balance is negative.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from db.engine import Database
from db.models import Account, Event, IdempotencyRecord, Item, Notification, Transfer
from resolvers import ledger
from tests.snapshot import snapshot as snapshot  # re-exported


async def ledger_view(db: Database) -> dict[str, Any]:
    async with db.reader() as session:
        balances = {
            (a.owner_kind, a.owner_id, a.asset): a.balance
            for a in (await session.execute(select(Account))).scalars().all()
        }
        counts = {
            model.__name__: int((await session.execute(select(func.count()).select_from(model))).scalar_one())
            for model in (Transfer, Event, Notification, IdempotencyRecord)
        }
        stock = {i.id: i.stock for i in (await session.execute(select(Item))).scalars().all()}
    nonzero = {k: v for k, v in balances.items() if v != 0}
    return {"balances": nonzero, "counts": counts, "stock": stock}


async def assert_sound(db: Database) -> None:
    async with db.reader() as session:
        totals = await ledger.conservation(session)
        assert all(v == 0 for v in totals.values()), totals
        assert await ledger.reconcile(session) == []
        negative = (
            await session.execute(select(Account).where(Account.owner_kind != "system", Account.balance < 0))
        ).all()
        assert negative == []
