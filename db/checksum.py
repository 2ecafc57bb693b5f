"""What must survive a backup, a restore or a copy, computed the same way on both databases.

``ledger_checksum`` is the per-asset sum of every balance (system ones derived from transfers, as
the conservation check does) and every account's balance; ``table_digests`` hashes every row of
every table in primary-key order with values normalised (aware datetimes, canonical JSON), so a
SQLite database and its PostgreSQL copy digest alike. The audit chain is covered by the digest of
``audit_log`` (every entry's hash) plus whatever the caller's chain verifier reports.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

import db.models  # noqa: F401  (every table in the metadata)

SKIP = frozenset({"alembic_version"})


def tables() -> list[Table]:
    """Every table of ours, parents before children."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in SKIP]


def _norm(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


@dataclass(frozen=True, kw_only=True)
class TableDigest:
    rows: int
    sha256: str


@dataclass(frozen=True, kw_only=True)
class LedgerChecksum:
    assets: dict[str, int] = field(default_factory=dict)
    accounts: dict[str, int] = field(default_factory=dict)
    transfers: int = 0
    audit_entries: int = 0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LedgerChecksum:
        return cls(
            assets={str(k): int(v) for k, v in data["assets"].items()},
            accounts={str(k): int(v) for k, v in data["accounts"].items()},
            transfers=int(data["transfers"]),
            audit_entries=int(data["audit_entries"]),
        )


async def table_digest(conn: AsyncConnection, table: Table, *, batch: int = 2000) -> TableDigest:
    digest = hashlib.sha256()
    names = [c.name for c in table.columns]
    order = list(table.primary_key.columns) or list(table.columns)
    rows = 0
    result = await conn.stream(select(table).order_by(*order).execution_options(yield_per=batch))
    async for row in result:
        values = {name: _norm(value) for name, value in zip(names, row, strict=True)}
        digest.update(json.dumps(values, sort_keys=True, separators=(",", ":"), default=str).encode())
        digest.update(b"\n")
        rows += 1
    return TableDigest(rows=rows, sha256=digest.hexdigest())


async def table_digests(conn: AsyncConnection) -> dict[str, TableDigest]:
    return {table.name: await table_digest(conn, table) for table in tables()}


async def row_counts(conn: AsyncConnection) -> dict[str, int]:
    counts = {}
    for table in tables():
        counts[table.name] = int((await conn.execute(select(func.count()).select_from(table))).scalar_one())
    return counts


async def ledger_checksum(conn: AsyncConnection) -> LedgerChecksum:
    accounts_t = SQLModel.metadata.tables["accounts"]
    transfers_t = SQLModel.metadata.tables["transfers"]
    accounts: dict[int, tuple[str, str, int]] = {}
    for acc_id, kind, asset, balance in await conn.execute(
        select(accounts_t.c.id, accounts_t.c.owner_kind, accounts_t.c.asset, accounts_t.c.balance)
    ):
        accounts[int(acc_id)] = (str(kind), str(asset), int(balance))
    derived: dict[int, int] = {}
    for column, sign in ((transfers_t.c.credit_account, 1), (transfers_t.c.debit_account, -1)):
        query = select(column, func.sum(transfers_t.c.amount)).group_by(column)
        for acc_id, total in await conn.execute(query):
            derived[int(acc_id)] = derived.get(int(acc_id), 0) + sign * int(total)
    balances: dict[str, int] = {}
    assets: dict[str, int] = {}
    for acc_id, (kind, asset, stored) in sorted(accounts.items()):
        balance = derived.get(acc_id, 0) if kind == "system" else stored
        balances[str(acc_id)] = balance
        assets[asset] = assets.get(asset, 0) + balance
    transfers = int((await conn.execute(select(func.count()).select_from(transfers_t))).scalar_one())
    audit_t = SQLModel.metadata.tables["audit_log"]
    entries = int((await conn.execute(select(func.count()).select_from(audit_t))).scalar_one())
    return LedgerChecksum(
        assets=dict(sorted(assets.items())), accounts=balances, transfers=transfers, audit_entries=entries
    )


def differences(expected: LedgerChecksum, actual: LedgerChecksum, *, limit: int = 10) -> list[str]:
    """Readable lines naming what differs (empty when the two agree)."""
    out: list[str] = []
    for asset in sorted(set(expected.assets) | set(actual.assets)):
        a, b = expected.assets.get(asset), actual.assets.get(asset)
        if a != b:
            out.append(f"asset {asset}: sum {a} != {b}")
    wrong = [
        k
        for k in sorted(set(expected.accounts) | set(actual.accounts), key=int)
        if expected.accounts.get(k) != actual.accounts.get(k)
    ]
    out += [
        f"account {k}: balance {expected.accounts.get(k)} != {actual.accounts.get(k)}" for k in wrong[:limit]
    ]
    if len(wrong) > limit:
        out.append(f"... and {len(wrong) - limit} more accounts")
    if expected.transfers != actual.transfers:
        out.append(f"transfers: {expected.transfers} != {actual.transfers}")
    if expected.audit_entries != actual.audit_entries:
        out.append(f"audit entries: {expected.audit_entries} != {actual.audit_entries}")
    return out
