"""Databases with data in them, written through the resolvers (as the API would)."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

from db.engine import Database
from resolvers import admin, audit, shop, wallet
from resolvers.accounts import auth, telegram
from resolvers.clock import SystemClock
from resolvers.errors import DomainError
from tests.conftest import PG_DSN, _pg_url, need


@dataclass
class Spec:
    """Users (by index), grants, payments, items and purchases to create."""

    users: int = 3
    grants: list[tuple[int, int]] = field(default_factory=list)  # (user, amount)
    payments: list[tuple[int, int, int]] = field(default_factory=list)  # (from, to, amount)
    items: list[tuple[str, int, int | None]] = field(default_factory=list)  # (name, price, stock)
    purchases: list[tuple[int, int]] = field(default_factory=list)  # (user, item index)
    telegram: bool = True


async def populate(db: Database, spec: Spec) -> dict[str, Any]:
    """Writes the spec; refused operations (no funds, no stock) are skipped as the API would refuse them."""
    clock = SystemClock()
    async with db.transaction() as session:
        boss = await auth.create_user(
            session, username=f"admin_{uuid.uuid4().hex[:6]}", password=None, role="admin", clock=clock
        )
    assert boss.id is not None
    ids: list[int] = []
    for n in range(spec.users):
        async with db.transaction() as session:
            if spec.telegram and n % 2 == 0:
                user = await telegram.user_for(
                    session,
                    telegram_id=7_000_000_000 + n,
                    telegram_username=None if n % 4 == 0 else f"player{n}",
                    language="ru",
                    chat_id=7_000_000_000 + n,
                    clock=clock,
                )
            else:
                user = await auth.create_user(
                    session, username=f"user{n}_{uuid.uuid4().hex[:4]}", password=None, clock=clock
                )
        assert user.id is not None
        ids.append(user.id)
    items: list[int] = []
    for name, price, stock in spec.items:
        async with db.transaction() as session:
            item = await shop.create_item(
                session, actor_id=boss.id, fields={"name": name, "price": price, "stock": stock}, clock=clock
            )
        assert item.id is not None
        items.append(item.id)
    steps: list[tuple[str, tuple[int, ...]]] = [("grant", g) for g in spec.grants]
    steps += [("pay", p) for p in spec.payments]
    steps += [("buy", b) for b in spec.purchases]
    for kind, args in steps:
        try:
            async with db.transaction() as session:
                if kind == "grant":
                    await admin.grant(
                        session, actor_id=boss.id, user_id=ids[args[0] % len(ids)], currency="COIN",
                        amount=args[1], reason="тест", idempotency_key=None, clock=clock,
                    )  # fmt: skip
                elif kind == "pay":
                    await wallet.transfer(
                        session, actor_id=ids[args[0] % len(ids)], to_user_id=ids[args[1] % len(ids)],
                        currency="COIN", amount=args[2], idempotency_key=uuid.uuid4().hex, memo="за карту",
                        clock=clock,
                    )  # fmt: skip
                elif items:
                    await shop.purchase(
                        session, actor_id=ids[args[0] % len(ids)], item_id=items[args[1] % len(items)],
                        quantity=1, idempotency_key=None, clock=clock,
                    )  # fmt: skip
        except DomainError:
            continue
    sealer = getattr(audit, "seal", None)
    if sealer is not None:
        await sealer(db)
    return {"admin": boss.id, "users": ids, "items": items}


def sqlite_copy(template: Path, folder: Path, name: str = "lucas.sqlite3") -> str:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(template, target)
    return f"sqlite+aiosqlite:///{target}"


async def pg_database(*, template: str | None = None) -> str:
    """A new PostgreSQL database (empty, or cloned from a migrated template)."""
    dsn = need(PG_DSN, "PostgreSQL")
    name = f"t_data_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(dsn)
    try:
        suffix = f' TEMPLATE "{template}"' if template else ""
        await conn.execute(f'CREATE DATABASE "{name}"{suffix}')
    finally:
        await conn.close()
    return _pg_url(dsn, name)


def pg_database_sync(*, template: str | None = None) -> str:
    return asyncio.run(pg_database(template=template))
