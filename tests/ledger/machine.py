"""The ledger's state machine: every domain's value-moving operations, interleaved at random.

``LedgerMachine`` starts each example on a fresh database with an admin and ``PLAYERS`` players
holding nothing, and checks after every step that

- every asset sums to zero (``resolvers.ledger.conservation``);
- every stored balance matches its transfers (``resolvers.ledger.reconcile``);
- no player balance is negative;

and, around each step, that a refused operation (a ``DomainError``) changed no row of any table and
that repeating an operation that succeeded with an idempotency key changes nothing either, so a key
moves value once.

A domain adds its operations in ``tests/<domain>/ledger_rules.py``: a subclass of ``LedgerMachine``
with Hypothesis ``@rule`` methods (named after the domain: ``shop_buy``), optionally
``@initialize`` rules for its own setup and ``@invariant`` checks, decorated with
``@domain_rules``. Each rule calls ``self.attempt(...)`` with the use case to run.
``compose()`` finds those files and builds one machine from all of them, so the base machine is
never edited.
"""

from __future__ import annotations

import asyncio
import importlib
import shutil
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models import Account
from resolvers import ledger
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from tests import factories
from tests.snapshot import Snapshot, changed, snapshot

TESTS = Path(__file__).resolve().parent.parent
PLAYERS = 4

player = st.integers(0, PLAYERS - 1)
"""A player, by index into ``machine.players``."""
key = st.sampled_from(["k1", "k2", None])
"""An idempotency key from a small pool, so keys repeat, with the same input and with other input."""

UseCase = Callable[[AsyncSession], Awaitable[object]]
M = TypeVar("M", bound="LedgerMachine")


class Databases:
    """Fresh databases of one kind, copied from the migrated template of the test session."""

    def __init__(self, backend: str, request: Any, tmp_path: Path) -> None:
        self.backend = backend
        self.tmp_path = tmp_path
        self.template = request.getfixturevalue("sqlite_template" if backend == "sqlite" else "pg_template")

    async def create(self) -> str:
        if self.backend == "sqlite":
            target = self.tmp_path / f"{uuid.uuid4().hex}.sqlite3"
            shutil.copy(self.template, target)
            return f"sqlite+aiosqlite:///{target}"
        from tests.conftest import _pg_clone

        return await _pg_clone(str(self.template))

    async def drop(self, url: str) -> None:
        if self.backend == "sqlite":
            path = Path(url.removeprefix("sqlite+aiosqlite:///"))
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
            return
        from tests.conftest import PG_DSN

        conn = await asyncpg.connect(PG_DSN)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
        finally:
            await conn.close()


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self, databases: Databases) -> None:
        super().__init__()
        self.runner = asyncio.Runner()
        self.databases = databases
        self.url = self.run(databases.create())
        self.db = Database(self.url, pool_size=2)
        self.clock = ManualClock()
        self.admin = self.run(factories.admin(self.db, "rootadmin", clock=self.clock)).id
        made = self.run(factories.players(self.db, *(f"user{i}" for i in range(PLAYERS)), clock=self.clock))
        self.players = [p.id for p in made]
        self.replayable: dict[tuple[str, int, str], UseCase] = {}
        self._state: Snapshot | None = None

    def run(self, work: Awaitable[Any]) -> Any:
        async def wrapped() -> Any:
            return await work

        return self.runner.run(wrapped())

    def attempt(self, operation: str, *, actor: int, key: str | None, use_case: UseCase) -> bool:
        """Runs a use case in one transaction: True when it succeeded. A refusal must change no row;
        a success with an idempotency key may be repeated by ``repeat_keyed``."""
        before = self.state()
        try:
            self.run(self._in_transaction(use_case))
        except DomainError as refusal:
            after = self.run(snapshot(self.db))
            assert after == before, (refusal.code, changed(before, after))
            succeeded = False
        else:
            self._state = None
            if key is not None:
                self.replayable.setdefault((operation, actor, key), use_case)
            succeeded = True
        self.clock.advance(seconds=1)
        return succeeded

    def state(self) -> Snapshot:
        if self._state is None:
            self._state = self.run(snapshot(self.db))
        return self._state

    async def _in_transaction(self, use_case: UseCase) -> None:
        async with self.db.transaction() as session:
            await use_case(session)

    @precondition(lambda self: bool(self.replayable))
    @rule(data=st.data())
    def repeat_keyed(self, data: st.DataObject) -> None:
        """The same request with the same key again: it returns the first result and moves nothing
        (or is refused, when what it needs changed since, say an item no longer on sale)."""
        chosen = data.draw(st.sampled_from(sorted(self.replayable)), label="repeat")
        before = self.state()
        try:
            self.run(self._in_transaction(self.replayable[chosen]))
        except DomainError:
            pass
        after = self.run(snapshot(self.db))
        assert after == before, (chosen, changed(before, after))

    @invariant()
    def ledger_is_sound(self) -> None:
        """Every asset sums to zero, stored balances match the transfers, no player is negative."""

        async def check(session: AsyncSession) -> tuple[dict[str, int], list[int], list[Any]]:
            negative = select(Account).where(col(Account.owner_kind) != "system", col(Account.balance) < 0)
            return (
                await ledger.conservation(session),
                await ledger.reconcile(session),
                list((await session.execute(negative)).scalars().all()),
            )

        totals, mismatched, negative = self.run(self._read(check))
        assert all(total == 0 for total in totals.values()), ("conservation", totals)
        assert mismatched == [], ("reconciliation", mismatched)
        assert negative == [], ("negative balances", negative)

    async def _read(self, query: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
        async with self.db.reader() as session:
            return await query(session)

    def teardown(self) -> None:
        try:
            self.run(self.db.dispose())
            self.run(self.databases.drop(self.url))
        finally:
            self.runner.close()


_registered: list[type[LedgerMachine]] = []


def domain_rules(cls: type[M]) -> type[M]:
    """Adds a domain's rules (a ``LedgerMachine`` subclass) to the composed machine."""
    if cls not in _registered:
        _registered.append(cls)
    return cls


def discover() -> list[type[LedgerMachine]]:
    """Imports every ``tests/<domain>/ledger_rules.py``; the domain rule classes they register."""
    for path in sorted(TESTS.glob("*/ledger_rules.py")):
        importlib.import_module(f"tests.{path.parent.name}.ledger_rules")
    return list(_registered)


def compose() -> type[LedgerMachine]:
    """One machine with the rules, initializers and invariants of every domain."""
    domains = discover()
    base = set(vars(LedgerMachine))
    owners: dict[str, str] = {}
    for cls in domains:
        for name in vars(cls):
            if name.startswith("__") or name in base:
                continue
            if name in owners:
                raise TypeError(f"{cls.__qualname__}.{name} shadows {owners[name]}.{name}: rename one")
            owners[name] = cls.__qualname__
    if not domains:
        return LedgerMachine
    return type("ComposedLedgerMachine", tuple(domains), {})
