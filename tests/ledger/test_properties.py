"""Properties of the ledger: for any sequence of operations every asset sums to zero, no player
balance is negative, and a repeated idempotency key never moves value twice."""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.engine import Database
from resolvers import admin, shop, wallet
from resolvers.accounts import auth
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from tests.ledger.helpers import assert_sound, snapshot

USERS = 4

op = st.one_of(
    st.tuples(
        st.just("grant"), st.integers(0, USERS - 1), st.integers(-5, 500), st.sampled_from(["k1", "k2", None])
    ),
    st.tuples(
        st.just("pay"),
        st.integers(0, USERS - 1),
        st.integers(0, USERS - 1),
        st.one_of(st.integers(-5, 300), st.sampled_from(["1.5", "0", "10", "9999999999999"])),
        st.sampled_from(["p1", "p2", "p3", None]),
    ),
    st.tuples(
        st.just("buy"),
        st.integers(0, USERS - 1),
        st.integers(0, 1),
        st.integers(-1, 4),
        st.sampled_from(["b1", None]),
    ),
)


class World:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.clock = ManualClock()
        self.users: list[int] = []
        self.items: list[int] = []

    async def setup(self) -> None:
        async with self.db.transaction() as s:
            admin_user = await auth.create_user(
                s, username="rootadmin", password=None, role="admin", clock=self.clock
            )
            self.admin = int(admin_user.id or 0)
            for i in range(USERS):
                user = await auth.create_user(s, username=f"user{i}", password=None, clock=self.clock)
                self.users.append(int(user.id or 0))
            for price, stock in ((25, 3), (0, None)):
                item = await shop.create_item(
                    s,
                    actor_id=self.admin,
                    fields={"name": f"i{price}", "price": price, "stock": stock, "per_user_limit": 5},
                    clock=self.clock,
                )
                self.items.append(int(item.id or 0))

    async def apply(self, step: tuple[Any, ...]) -> None:
        kind = step[0]
        try:
            async with self.db.transaction() as s:
                if kind == "grant":
                    _, who, amount, key = step
                    await admin.grant(
                        s,
                        actor_id=self.admin,
                        user_id=self.users[who],
                        currency="COIN",
                        amount=amount,
                        reason="prop",
                        idempotency_key=key,
                        clock=self.clock,
                    )
                elif kind == "pay":
                    _, a, b, amount, key = step
                    await wallet.transfer(
                        s,
                        actor_id=self.users[a],
                        to_user_id=self.users[b],
                        currency="COIN",
                        amount=amount,
                        idempotency_key=key,
                        memo=None,
                        clock=self.clock,
                    )
                else:
                    _, who, item, quantity, key = step
                    await shop.purchase(
                        s,
                        actor_id=self.users[who],
                        item_id=self.items[item],
                        quantity=quantity,
                        idempotency_key=key,
                        clock=self.clock,
                    )
        except DomainError:
            pass
        self.clock.advance(seconds=1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(op, min_size=1, max_size=25))
def test_any_sequence_conserves_and_never_goes_negative(
    database_url: str, steps: list[tuple[Any, ...]]
) -> None:
    async def run() -> None:
        db = Database(database_url)
        try:
            world = World(db)
            await _reset(db)
            await world.setup()
            for step in steps:
                await world.apply(step)
            await assert_sound(db)
        finally:
            await db.dispose()

    asyncio.run(run())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount=st.integers(1, 1000), repeats=st.integers(2, 4), kind=st.sampled_from(["grant", "pay", "buy"]))
def test_repeated_idempotency_key_moves_value_once(
    database_url: str, amount: int, repeats: int, kind: str
) -> None:
    async def run() -> None:
        db = Database(database_url)
        try:
            await _reset(db)
            world = World(db)
            await world.setup()
            await world.apply(("grant", 0, 5000, None))
            step: tuple[Any, ...] = {
                "grant": ("grant", 1, amount, "same"),
                "pay": ("pay", 0, 1, amount, "same"),
                "buy": ("buy", 0, 1, 1 + amount % 3, "same"),
            }[kind]
            await world.apply(step)
            once = await snapshot(db)
            for _ in range(repeats):
                await world.apply(step)
            assert await snapshot(db) == once
            await assert_sound(db)
        finally:
            await db.dispose()

    asyncio.run(run())


async def _reset(db: Database) -> None:
    """Each example starts from the migrated, empty database (ledger tables are append-only,
    so the reset drops the rows by recreating the schema's data through TRUNCATE / DELETE)."""
    from sqlalchemy import text

    tables = [
        "purchases",
        "items",
        "notifications",
        "events",
        "idempotency_keys",
        "accounts",
        "refresh_tokens",
        "api_keys",
        "telegram_links",
        "users",
        "deliveries",
        "consumer_offsets",
    ]
    async with db.transaction() as s:
        if db.is_sqlite:
            for trig in ("transfers_no_delete", "audit_log_no_delete"):
                await s.execute(text(f"DROP TRIGGER IF EXISTS {trig}"))
            for table in ["transfers", "audit_log", *tables]:
                await s.execute(text(f"DELETE FROM {table}"))
            await s.execute(text("DELETE FROM assets WHERE kind = 'item'"))
            await s.execute(
                text(
                    "CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers "
                    "BEGIN SELECT RAISE(ABORT, 'transfers is append-only'); END"
                )
            )
            await s.execute(
                text(
                    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                )
            )
        else:
            await s.execute(text("TRUNCATE transfers, audit_log, " + ", ".join(tables) + " RESTART IDENTITY"))
            await s.execute(text("DELETE FROM assets WHERE kind = 'item'"))
        await s.execute(text("UPDATE audit_head SET seq = 0, hash = :h WHERE id = 1"), {"h": "0" * 64})
