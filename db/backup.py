"""Backups: create, restore into an empty database, verify by restoring into a scratch one.

The embedded SQLite file is copied with SQLite's online backup API (pages copied while the
server runs; the result is one consistent snapshot). PostgreSQL is dumped with ``pg_dump`` in its
custom format from a snapshot exported by a repeatable-read transaction, and the same transaction
computes the manifest: the ledger checksum and every table's digest as of that snapshot. The
manifest sits beside the backup (``<backup>.manifest.json``) so ``verify`` can tell a damaged
backup from a source that has simply moved on since.

Exceptions: ``BackupError`` (a refused or failed operation), with a message meant for the operator.
"""

from __future__ import annotations

import asyncio
import glob
import json
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from db import checksum
from db.copy import data_rows, engine_for, existing_tables

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
SQLITE_SUFFIX, PG_SUFFIX = ".sqlite3", ".dump"

# The audit chain verifier (resolvers.audit.verify, adapted): a summary with a "valid" flag.
AuditVerifier = Callable[[AsyncConnection], Awaitable[dict[str, Any]]]


class BackupError(Exception):
    pass


@dataclass(frozen=True, kw_only=True)
class Manifest:
    created_at: str
    database: str
    ledger: checksum.LedgerChecksum
    tables: dict[str, checksum.TableDigest]

    def to_json(self) -> str:
        return json.dumps(
            {
                "created_at": self.created_at,
                "database": self.database,
                "ledger": self.ledger.as_json(),
                "tables": {k: {"rows": v.rows, "sha256": v.sha256} for k, v in self.tables.items()},
            },
            indent=1,
            sort_keys=True,
        )

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        sidecar = manifest_path(path)
        if not sidecar.exists():
            return None
        data = json.loads(sidecar.read_text())
        return cls(
            created_at=data["created_at"],
            database=data["database"],
            ledger=checksum.LedgerChecksum.from_json(data["ledger"]),
            tables={k: checksum.TableDigest(**v) for k, v in data["tables"].items()},
        )


@dataclass(frozen=True, kw_only=True)
class Snapshot:
    """What one database holds, as far as verification cares."""

    ledger: checksum.LedgerChecksum
    tables: dict[str, checksum.TableDigest]
    audit: dict[str, Any] | None = None


@dataclass(kw_only=True)
class VerifyReport:
    backup: Snapshot
    source: Snapshot
    manifest: Manifest | None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".manifest.json")


def sqlite_file(url: str) -> Path:
    return Path(url.split("///", 1)[1])


def detect_format(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BackupError(f"Cannot read the backup {path}: {exc.strerror}.") from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither a SQLite backup nor a pg_dump custom-format file.")


def find_tool(name: str, *, explicit: str | None = None) -> str:
    """``pg_dump``/``pg_restore``: the configured folder, then the newest installed, then PATH."""
    candidates = [str(Path(explicit) / name)] if explicit else []
    installed = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    candidates += sorted(installed, key=lambda p: int(Path(p).parent.parent.name or 0), reverse=True)
    found = shutil.which(name)
    if found:
        candidates.append(found)
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    raise BackupError(f"{name} was not found (install the PostgreSQL client or set LUCAS_PG_BIN).")


def _libpq(url: str) -> tuple[list[str], dict[str, str]]:
    parsed: URL = make_url(url)
    args = [f"--dbname={parsed.database}"]
    if parsed.host:
        args.append(f"--host={parsed.host}")
    if parsed.port:
        args.append(f"--port={parsed.port}")
    if parsed.username:
        args.append(f"--username={parsed.username}")
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return args, env


async def _run(argv: list[str], env: dict[str, str]) -> None:
    proc = await asyncio.create_subprocess_exec(
        *argv, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    _, err = await proc.communicate()
    if proc.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {err.decode(errors='replace').strip()[-2000:]}")


async def _snapshot(conn: AsyncConnection, audit: AuditVerifier | None) -> Snapshot:
    return Snapshot(
        ledger=await checksum.ledger_checksum(conn),
        tables=await checksum.table_digests(conn),
        audit=await audit(conn) if audit is not None else None,
    )


async def snapshot_of(url: str, audit: AuditVerifier | None = None) -> Snapshot:
    engine = engine_for(url)
    try:
        async with engine.connect() as conn, conn.begin():
            return await _snapshot(conn, audit)
    finally:
        await engine.dispose()


def default_name(url: str, now: datetime) -> str:
    suffix = SQLITE_SUFFIX if url.startswith("sqlite") else PG_SUFFIX
    return f"lucas-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}{suffix}"


async def create(url: str, path: Path, *, pg_bin: str | None = None, now: datetime | None = None) -> Manifest:
    """Write a backup of ``url`` to ``path`` (atomically: a partial file never has the final name)."""
    now = now or datetime.now(UTC)
    partial = await asyncio.to_thread(_prepare, path)
    try:
        if url.startswith("sqlite"):
            await asyncio.to_thread(_sqlite_backup, sqlite_file(url), partial)
            snap = await snapshot_of(f"sqlite+aiosqlite:///{partial}")
        else:
            snap = await _pg_dump(url, partial, pg_bin=pg_bin)
        manifest = Manifest(
            created_at=now.isoformat(), database=make_url(url).get_backend_name(), ledger=snap.ledger,
            tables=snap.tables,
        )  # fmt: skip
        await asyncio.to_thread(_finish, partial, path, manifest)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _prepare(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise BackupError(f"{path} already exists; choose another name.")
    return path.with_name(path.name + ".partial")


def _finish(partial: Path, path: Path, manifest: Manifest) -> None:
    """Backups hold password and token hashes: readable by their owner only."""
    sidecar = manifest_path(path)
    sidecar.write_text(manifest.to_json())
    for file in (partial, sidecar):
        file.chmod(0o600)
    partial.rename(path)


def _sqlite_backup(source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError(f"The database file {source} does not exist.")
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        # one step: a WAL reader keeps its snapshot while writers go on, and nothing restarts
        src.backup(dst)
    finally:
        dst.close()
        src.close()


async def _pg_dump(url: str, target: Path, *, pg_bin: str | None) -> Snapshot:
    engine = create_async_engine(url, pool_size=1, max_overflow=0)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="REPEATABLE READ")
            async with conn.begin():
                snapshot_id = (await conn.execute(text("SELECT pg_export_snapshot()"))).scalar_one()
                args, env = _libpq(url)
                argv = [find_tool("pg_dump", explicit=pg_bin), "--format=custom", f"--snapshot={snapshot_id}"]
                await _run([*argv, f"--file={target}", *args], env)
                return await _snapshot(conn, None)
    finally:
        await engine.dispose()


async def ensure_empty(url: str) -> None:
    """Refuse a target that holds data (a migrated database with no data is empty)."""
    if url.startswith("sqlite") and not sqlite_file(url).exists():
        return
    engine = engine_for(url)
    try:
        async with engine.connect() as conn:
            held = await data_rows(conn) if await existing_tables(conn) else {}
    except OSError as exc:
        raise BackupError(f"Cannot reach the target database: {exc}") from exc
    finally:
        await engine.dispose()
    if held:
        listed = ", ".join(f"{name} ({count})" for name, count in sorted(held.items()))
        raise BackupError(f"The target database is not empty: {listed}. Restore only into an empty database.")


async def restore(path: Path, url: str, *, pg_bin: str | None = None) -> None:
    kind = detect_format(path)
    target = "sqlite" if url.startswith("sqlite") else "postgresql"
    if kind != target:
        raise BackupError(
            f"{path} is a {kind} backup and the target is {target}: restore it into a {kind} "
            f"database, then move it with lucas db copy."
        )
    await ensure_empty(url)
    if kind == "sqlite":
        file = sqlite_file(url)
        file.parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(_sqlite_restore, path, file)
        return
    args, env = _libpq(url)
    argv = [find_tool("pg_restore", explicit=pg_bin), "--clean", "--if-exists", "--no-owner"]
    await _run([*argv, "--exit-on-error", "--single-transaction", *args, str(path)], env)


def _sqlite_restore(backup: Path, target: Path) -> None:
    if not target.exists():
        # a journal left behind by a deleted database must never meet the restored one
        for suffix in ("-wal", "-shm", "-journal"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=WAL")
    finally:
        dst.close()
        src.close()


async def _scratch_pg(url: str) -> tuple[str, Callable[[], Awaitable[None]]]:
    """A new, empty database on the server of ``url``, and how to drop it."""
    parsed = make_url(url)
    name = f"lucas_verify_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await admin.dispose()

    async def drop() -> None:
        engine = create_async_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            await engine.dispose()

    return parsed.set(database=name).render_as_string(hide_password=False), drop


async def verify(
    path: Path, source_url: str, *, audit: AuditVerifier | None = None, pg_bin: str | None = None
) -> VerifyReport:
    """Restore into a scratch database and compare it with the manifest and with the source."""
    kind = detect_format(path)
    with tempfile.TemporaryDirectory(prefix="lucas-verify-") as tmp:
        if kind == "sqlite":
            scratch = f"sqlite+aiosqlite:///{Path(tmp) / 'scratch.sqlite3'}"
            await restore(path, scratch)
            restored = await snapshot_of(scratch, audit)
        else:
            if not source_url.startswith("postgresql"):
                raise BackupError("Verifying a pg_dump backup needs a PostgreSQL server: configure one.")
            scratch, drop = await _scratch_pg(source_url)
            try:
                await restore(path, scratch, pg_bin=pg_bin)
                restored = await snapshot_of(scratch, audit)
            finally:
                await drop()
    source = await snapshot_of(source_url, audit)
    report = VerifyReport(backup=restored, source=source, manifest=Manifest.read(path))
    _compare(report)
    return report


def _compare(report: VerifyReport) -> None:
    restored, source, manifest = report.backup, report.source, report.manifest
    if restored.audit is not None and not restored.audit.get("valid"):
        report.problems.append(f"the restored audit chain does not verify: {restored.audit}")
    if manifest is not None:
        lines = checksum.differences(manifest.ledger, restored.ledger)
        lines += [
            f"table {name} differs from the manifest"
            for name, digest in manifest.tables.items()
            if restored.tables.get(name) != digest
        ]
        report.problems += [f"backup vs its manifest: {line}" for line in lines]
    same_ledger = restored.ledger == source.ledger
    audit_table = "audit_log"
    same_audit = restored.tables.get(audit_table) == source.tables.get(audit_table)
    if same_ledger and same_audit:
        report.notes.append("the backup's ledger checksum and audit chain equal the source's")
        return
    changed = checksum.differences(restored.ledger, source.ledger)
    if manifest is None:
        report.problems += [f"backup vs source: {line}" for line in changed]
        if not same_audit:
            report.problems.append("backup vs source: the audit chains differ")
        return
    grown = source.ledger.audit_entries - restored.ledger.audit_entries
    report.notes.append(
        f"the source has changed since the backup ({grown} new audit entries, "
        f"{source.ledger.transfers - restored.ledger.transfers} new transfers); "
        "the backup equals the source as it was when the backup was made"
    )


def prune(folder: Path, *, keep: int, keep_days: int, now: datetime | None = None) -> list[Path]:
    """Delete old backups: keep the ``keep`` newest, and of those drop any older than ``keep_days``
    (0: no age limit) except the newest one. Returns what was deleted."""
    now = now or datetime.now(UTC)
    found = sorted(backups_in(folder), key=taken_at, reverse=True)
    doomed = found[max(keep, 1) :]
    if keep_days > 0:
        limit = now - timedelta(days=keep_days)
        doomed += [p for p in found[1 : max(keep, 1)] if taken_at(p) < limit]
    for backup in doomed:
        backup.unlink(missing_ok=True)
        manifest_path(backup).unlink(missing_ok=True)
    return doomed


def backups_in(folder: Path) -> list[Path]:
    """The backups this module named (``lucas-<UTC time>.sqlite3|.dump``) in ``folder``."""
    if not folder.is_dir():
        return []
    return [
        p
        for p in folder.iterdir()
        if p.is_file() and p.name.startswith("lucas-") and p.suffix in (SQLITE_SUFFIX, PG_SUFFIX)
    ]


def taken_at(path: Path) -> datetime:
    """When a backup was made: the time in its name, else the file's modification time."""
    try:
        return datetime.strptime(path.stem.removeprefix("lucas-"), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def newest(folder: Path) -> datetime | None:
    found = backups_in(folder)
    return max(map(taken_at, found)) if found else None


def describe(manifest: Manifest) -> dict[str, Any]:
    return {
        "transfers": manifest.ledger.transfers,
        "audit_entries": manifest.ledger.audit_entries,
        "assets": manifest.ledger.assets,
    }
