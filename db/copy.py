"""Copy every row of one database into another, empty and migrated one (``lucas db copy``).

The source is read in one transaction (a consistent snapshot, also on a live SQLite file); the
target is written in one transaction, table by table in dependency order, rows as they are (ids,
hashes, timestamps), so the audit chain and the ledger come out identical. Append-only tables
refuse only UPDATE and DELETE, which a copy never needs. On PostgreSQL the id sequences are then
moved past the copied ids, so new rows never collide.

Exceptions: ``CopyError`` (a refused target: not empty, other migration, unreachable), with a
message meant for the operator.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Integer, Table, func, insert, inspect, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from db import checksum
from db.engine import Database
from db.migrate import upgrade_async

Progress = Callable[[str, int, int], None]


class CopyError(Exception):
    pass


@dataclass(frozen=True, kw_only=True)
class CopyResult:
    rows: dict[str, int]
    source: dict[str, checksum.TableDigest]
    target: dict[str, checksum.TableDigest]
    ledger_source: checksum.LedgerChecksum
    ledger_target: checksum.LedgerChecksum

    @property
    def identical(self) -> bool:
        return self.source == self.target and self.ledger_source == self.ledger_target


def stderr_progress(stream: TextIO = sys.stderr) -> Progress:
    def report(table: str, done: int, total: int) -> None:
        print(f"  {table}: {done}/{total}", file=stream, flush=True)

    return report


def async_url(raw: str) -> str:
    """``postgresql://``, ``postgres://``, ``sqlite:///`` or a file path, as the async driver's URL."""
    for prefix in ("postgresql://", "postgres://"):
        if raw.startswith(prefix):
            return "postgresql+asyncpg://" + raw[len(prefix) :]
    if raw.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + raw[len("sqlite:///") :]
    if "://" not in raw:
        return f"sqlite+aiosqlite:///{Path(raw).resolve()}"
    return raw


def engine_for(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        return Database(url).read_engine
    return create_async_engine(url, pool_size=2, max_overflow=0)


async def migration_of(conn: AsyncConnection) -> str | None:
    names = await conn.run_sync(lambda sync: inspect(sync).get_table_names())
    if "alembic_version" not in names:
        return None
    return (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar_one_or_none()


async def existing_tables(conn: AsyncConnection) -> set[str]:
    return set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))


_seeded: frozenset[str] | None = None


async def seeded_tables() -> frozenset[str]:
    """Tables that the migrations themselves fill (currencies, configuration, the audit head)."""
    global _seeded
    if _seeded is None:
        quiet = logging.getLogger("alembic")
        level = quiet.level
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'fresh.sqlite3'}"
            quiet.setLevel(logging.WARNING)
            try:
                await upgrade_async(url)
            finally:
                quiet.setLevel(level)
            engine = create_async_engine(url)
            try:
                async with engine.connect() as conn:
                    counts = await checksum.row_counts(conn)
            finally:
                await engine.dispose()
        _seeded = frozenset(name for name, count in counts.items() if count)
    return _seeded


# Bookkeeping that a server writes at its first start (relay positions, caches): not data.
BOOKKEEPING = frozenset({"consumer_offsets", "ingestion_parse_cache"})


async def data_rows(conn: AsyncConnection) -> dict[str, int]:
    """Row counts of the tables that hold data (not the ones migrations seed); empty when none."""
    seeded = await seeded_tables() | BOOKKEEPING
    present = await existing_tables(conn)
    counts = {}
    for table in checksum.tables():
        if table.name in seeded or table.name not in present:
            continue
        count = int((await conn.execute(select(func.count()).select_from(table))).scalar_one())
        if count:
            counts[table.name] = count
    return counts


def _serial_columns(table: Table) -> list[str]:
    pk = list(table.primary_key.columns)
    if len(pk) == 1 and isinstance(pk[0].type, Integer) and pk[0].autoincrement in (True, "auto"):
        return [pk[0].name]
    return []


async def advance_sequences(conn: AsyncConnection) -> None:
    if conn.dialect.name != "postgresql":
        return  # SQLite's INTEGER PRIMARY KEY continues after the largest id by itself
    for table in checksum.tables():
        for column in _serial_columns(table):
            sequence = (
                await conn.execute(
                    text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column}
                )
            ).scalar_one_or_none()
            if sequence is None:
                continue
            await conn.execute(
                text(
                    f'SELECT setval(:s, COALESCE((SELECT MAX("{column}") FROM "{table.name}"), 0) + 1, false)'
                ),
                {"s": sequence},
            )


async def copy_database(
    source_url: str,
    target_url: str,
    *,
    progress: Progress | None = None,
    batch: int = 1000,
    migrate_empty_target: bool = True,
) -> CopyResult:
    """Copy ``source_url`` into ``target_url``; refuses a target that holds data."""
    if source_url == target_url:
        raise CopyError("The source and the target are the same database.")
    source, target = engine_for(source_url), engine_for(target_url)
    try:
        async with source.connect() as src:
            revision = await migration_of(src)
            if revision is None:
                raise CopyError("The source database is not migrated (run lucas migrate on it first).")
        try:
            async with target.connect() as dst:
                target_revision = await migration_of(dst)
                bare = not await existing_tables(dst)
        except OSError as exc:
            raise CopyError(f"Cannot reach the target database: {exc}") from exc
        if target_revision is None and bare and migrate_empty_target:
            await upgrade_async(target_url, revision)
            target_revision = revision
        if target_revision != revision:
            raise CopyError(
                f"The target is at migration {target_revision or 'none'}, the source at {revision}: "
                "migrate both to the same revision (lucas migrate) first."
            )
        async with target.connect() as dst:
            held = await data_rows(dst)
        if held:
            listed = ", ".join(f"{name} ({count})" for name, count in sorted(held.items()))
            raise CopyError(f"The target database is not empty: {listed}. Copy only into an empty database.")
        rows, source_digests, ledger_source = await _copy(source, target, progress=progress, batch=batch)
        async with target.connect() as dst:
            target_digests = await checksum.table_digests(dst)
            ledger_target = await checksum.ledger_checksum(dst)
        return CopyResult(
            rows=rows,
            source=source_digests,
            target=target_digests,
            ledger_source=ledger_source,
            ledger_target=ledger_target,
        )
    finally:
        await source.dispose()
        await target.dispose()


async def _copy(
    source: AsyncEngine, target: AsyncEngine, *, progress: Progress | None, batch: int
) -> tuple[dict[str, int], dict[str, checksum.TableDigest], checksum.LedgerChecksum]:
    """Rows copied per table, and the source's digests read in the same snapshot."""
    copied: dict[str, int] = {}
    async with source.connect() as src, src.begin(), target.connect() as dst, dst.begin():
        for table in checksum.tables():
            total = int((await src.execute(select(func.count()).select_from(table))).scalar_one())
            # the target's seeded rows (currencies, configuration, audit head) give way to the source's
            await dst.execute(table.delete())
            done = 0
            order = list(table.primary_key.columns) or list(table.columns)
            result = await src.stream(select(table).order_by(*order).execution_options(yield_per=batch))
            async for chunk in result.partitions(batch):
                values: list[dict[str, Any]] = [dict(row._mapping) for row in chunk]
                try:
                    await dst.execute(insert(table), values)
                except DBAPIError as exc:
                    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
                    first, last = done + 1, done + len(values)
                    raise CopyError(
                        f"The target refused rows {first}-{last} of {table.name} ({reason}); "
                        "nothing was copied. Fix those rows in the source and copy again."
                    ) from exc
                done += len(values)
                if progress is not None:
                    progress(table.name, done, total)
            if progress is not None and total == 0:
                progress(table.name, 0, 0)
            copied[table.name] = done
        await advance_sequences(dst)
        digests = await checksum.table_digests(src)
        ledger = await checksum.ledger_checksum(src)
    return copied, digests, ledger
