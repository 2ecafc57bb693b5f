"""Backups on both databases: create, verify, restore into an empty database, retention, the job."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from db import backup, checksum
from db.copy import engine_for
from db.engine import Database
from resolvers import audit
from resolvers.clock import ManualClock
from tests.conftest import make_settings
from tests.data.support import Spec, pg_database, populate
from workers import runtime
from workers.backup import scheduled_backup

LUCAS = str(Path(sys.executable).parent / "lucas")
SPEC = Spec(
    users=6,
    grants=[(0, 900), (1, 10**12), (2, 5)],
    payments=[(0, 1, 40), (1, 3, 7), (3, 0, 2)],
    items=[("Зелье", 30, 10)],
    purchases=[(0, 0), (1, 0)],
)


async def verifier(conn: AsyncConnection) -> dict[str, Any]:
    status: Any = await audit.verify(AsyncSession(bind=conn))
    return dataclasses.asdict(status) if dataclasses.is_dataclass(status) else {"valid": bool(status)}


async def state(url: str) -> tuple[dict[str, checksum.TableDigest], checksum.LedgerChecksum]:
    engine = engine_for(url)
    try:
        async with engine.connect() as conn:
            return await checksum.table_digests(conn), await checksum.ledger_checksum(conn)
    finally:
        await engine.dispose()


async def empty_target(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'restored' / 'lucas.sqlite3'}"
    return await pg_database()


async def filled(database_url: str) -> None:
    db = Database(database_url)
    try:
        await populate(db, SPEC)
    finally:
        await db.dispose()


async def test_backup_verifies_and_restores_into_an_empty_database(
    backend: str, database_url: str, tmp_path: Path
) -> None:
    """Given a database with payments, purchases and a 10^12 grant, when it is backed up, then the
    backup verifies against the source and restores into an empty database with every table equal;
    a second restore into the now filled database is refused and changes nothing."""
    await filled(database_url)
    path = tmp_path / "backups" / ("b" + (backup.SQLITE_SUFFIX if backend == "sqlite" else backup.PG_SUFFIX))
    manifest = await backup.create(database_url, path)
    assert backup.detect_format(path) == {"sqlite": "sqlite", "postgres": "postgresql"}[backend]
    assert manifest.ledger.transfers >= 5 and manifest.ledger.assets["COIN"] == 0

    report = await backup.verify(path, database_url, audit=verifier)
    assert report.ok, report.problems
    assert report.backup.audit is not None and report.backup.audit["valid"] is True
    assert report.backup.ledger == report.source.ledger

    target = await empty_target(backend, tmp_path)
    await backup.restore(path, target)
    assert await state(target) == await state(database_url)

    before = await state(target)
    with pytest.raises(backup.BackupError, match=r"not empty: accounts \(\d+\)"):
        await backup.restore(path, target)
    assert await state(target) == before


async def test_verify_reports_a_source_that_moved_on(sqlite_url: str, tmp_path: Path) -> None:
    await filled(sqlite_url)
    path = tmp_path / "b.sqlite3"
    await backup.create(sqlite_url, path)
    await filled(sqlite_url)
    report = await backup.verify(path, sqlite_url, audit=verifier)
    assert report.ok, report.problems
    assert any("the source has changed since the backup" in note for note in report.notes)


async def test_verify_finds_a_damaged_backup(sqlite_url: str, tmp_path: Path) -> None:
    """A balance changed inside the backup file differs from its manifest and from the source."""
    await filled(sqlite_url)
    path = tmp_path / "b.sqlite3"
    await backup.create(sqlite_url, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE accounts SET balance = balance + 1 WHERE owner_kind = 'user' AND balance > 0")
    report = await backup.verify(path, sqlite_url, audit=verifier)
    assert not report.ok
    assert any("backup vs its manifest: account" in p for p in report.problems)


async def test_bad_input_is_refused_clearly(sqlite_url: str, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    with pytest.raises(backup.BackupError, match="neither a SQLite backup nor a pg_dump"):
        await backup.restore(junk, f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    assert not (tmp_path / "x.sqlite3").exists()
    with pytest.raises(backup.BackupError, match="Cannot read the backup"):
        await backup.verify(tmp_path / "missing.sqlite3", sqlite_url)
    path = tmp_path / "b.sqlite3"
    await backup.create(sqlite_url, path)
    with pytest.raises(backup.BackupError, match="already exists"):
        await backup.create(sqlite_url, path)
    with pytest.raises(backup.BackupError, match="is a sqlite backup and the target is postgresql"):
        await backup.restore(path, "postgresql+asyncpg://nobody@127.0.0.1:1/none")


def _touch(folder: Path, when: datetime) -> Path:
    path = folder / backup.default_name("sqlite+aiosqlite:///x", when)
    path.write_bytes(backup.SQLITE_MAGIC)
    backup.manifest_path(path).write_text("{}")
    return path


def test_retention_keeps_the_newest_and_drops_the_old(tmp_path: Path) -> None:
    now = datetime(2026, 6, 1, tzinfo=UTC)
    made = [_touch(tmp_path, now - timedelta(days=d)) for d in (0, 1, 2, 3, 40, 41)]
    other = tmp_path / "keep-me.sqlite3"
    other.write_bytes(b"x")
    deleted = backup.prune(tmp_path, keep=5, keep_days=30, now=now)
    assert sorted(deleted) == sorted(made[4:])
    assert [p.exists() for p in made] == [True, True, True, True, False, False]
    assert not backup.manifest_path(made[5]).exists() and other.exists()
    assert backup.prune(tmp_path, keep=2, keep_days=0, now=now) == made[2:4]
    old = [_touch(tmp_path, now - timedelta(days=d)) for d in (100, 200)]
    backup.prune(tmp_path, keep=10, keep_days=30, now=now)
    assert not old[0].exists() and not old[1].exists() and made[0].exists()


async def test_scheduled_job_backs_up_when_due_and_applies_retention(sqlite_url: str, tmp_path: Path) -> None:
    await filled(sqlite_url)
    settings = make_settings(tmp_path, sqlite_url, backup_dir=tmp_path / "auto", backup_keep=2)
    clock = ManualClock(datetime(2026, 6, 1, 3, 0, tzinfo=UTC))
    rt = runtime.Runtime(settings=settings, db=Database(sqlite_url), clock=clock)
    try:
        with runtime.using(rt):
            first = await scheduled_backup()
            again = await scheduled_backup()
            clock.advance(hours=25)
            second = await scheduled_backup()
            clock.advance(hours=25)
            third = await scheduled_backup()
    finally:
        await rt.db.dispose()
    assert first["made"] and again["made"] is None and second["made"] and third["made"]
    assert third["pruned"] == 1
    names = sorted(p.name for p in backup.backups_in(tmp_path / "auto"))
    assert names == ["lucas-20260602T040000Z.sqlite3", "lucas-20260603T050000Z.sqlite3"]
    report = await backup.verify(tmp_path / "auto" / names[-1], sqlite_url, audit=verifier)
    assert report.ok, report.problems


def test_cli_create_verify_restore(tmp_path: Path) -> None:
    """The commands as an operator runs them, on the embedded default."""
    data = tmp_path / "data"
    source = f"sqlite+aiosqlite:///{data / 'lucas.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUCAS_")}
    env |= {"LUCAS_DATA_DIR": str(data), "LUCAS_LOG_LEVEL": "warning"}

    def lucas(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([LUCAS, *args], capture_output=True, text=True, env=env | extra, timeout=120)

    assert lucas("migrate").returncode == 0
    asyncio.run(filled(source))
    created = lucas("backup", "create")
    assert created.returncode == 0, created.stderr
    (path,) = backup.backups_in(data / "backups")
    verified = lucas("backup", "verify", str(path))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "backup verified" in verified.stdout and "audit chain verifies" in verified.stdout
    restored_url = f"sqlite+aiosqlite:///{tmp_path / 'new' / 'lucas.sqlite3'}"
    restored = lucas("backup", "restore", str(path), LUCAS_DATABASE_URL=restored_url)
    assert restored.returncode == 0, restored.stderr
    assert asyncio.run(state(restored_url)) == asyncio.run(state(source))
    refused = lucas("backup", "restore", str(path))
    assert refused.returncode == 1
    assert "error: The target database is not empty" in refused.stderr
    shutil.rmtree(data / "backups")


async def test_restore_accepts_a_database_a_server_only_started_on(
    sqlite_template: Path, sqlite_url: str, tmp_path: Path
) -> None:
    """A migrated database whose only rows are seeds and relay bookkeeping counts as empty."""
    await filled(sqlite_url)
    path = tmp_path / "b.sqlite3"
    await backup.create(sqlite_url, path)
    started = tmp_path / "started.sqlite3"
    shutil.copy(sqlite_template, started)
    with sqlite3.connect(started) as conn:
        conn.execute(
            "INSERT INTO consumer_offsets (consumer, last_event_id, last_tx, updated_at) "
            "VALUES ('telegram', 0, 0, '2026-01-01 00:00:00')"
        )
    url = f"sqlite+aiosqlite:///{started}"
    await backup.restore(path, url)
    assert await state(url) == await state(sqlite_url)


async def test_backups_are_readable_by_their_owner_only(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    await backup.create(sqlite_url, path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert backup.manifest_path(path).stat().st_mode & 0o777 == 0o600
    assert not path.with_name(path.name + ".partial").exists()


async def test_a_backup_taken_under_writes_is_one_consistent_snapshot(
    database_url: str, tmp_path: Path
) -> None:
    """Payments keep committing while the backup runs; the backup still verifies against its
    manifest, its ledger sums to zero and every stored balance matches its transfers."""
    from resolvers import ledger, wallet
    from resolvers.clock import SystemClock
    from resolvers.errors import DomainError

    db = Database(database_url)
    made = await populate(db, Spec(users=4, grants=[(0, 10_000), (1, 10_000)]))
    stop, running = asyncio.Event(), asyncio.Event()
    paid = 0

    async def pay() -> None:
        nonlocal paid
        users = made["users"]
        while not stop.is_set():
            try:
                async with db.transaction() as session:
                    await wallet.transfer(
                        session, actor_id=users[paid % 2], to_user_id=users[2 + paid % 2], currency="COIN",
                        amount=1, idempotency_key=None, memo=None, clock=SystemClock(),
                    )  # fmt: skip
            except DomainError:
                pass
            paid += 1
            if paid == 5:
                running.set()

    writer = asyncio.create_task(pay())
    try:
        await running.wait()
        suffix = backup.SQLITE_SUFFIX if database_url.startswith("sqlite") else backup.PG_SUFFIX
        path = tmp_path / f"b{suffix}"
        await backup.create(database_url, path)
    finally:
        stop.set()
        await writer
        await db.dispose()
    report = await backup.verify(path, database_url, audit=verifier)
    assert not [p for p in report.problems if "manifest" in p], report.problems
    assert all(total == 0 for total in report.backup.ledger.assets.values())
    restored = await empty_target("sqlite" if suffix == backup.SQLITE_SUFFIX else "postgres", tmp_path)
    await backup.restore(path, restored)
    copy = Database(restored)
    try:
        async with copy.reader() as session:
            assert await ledger.reconcile(session) == []
    finally:
        await copy.dispose()


async def test_restore_over_a_deleted_database_ignores_its_leftover_journal(
    sqlite_url: str, tmp_path: Path
) -> None:
    await filled(sqlite_url)
    path = tmp_path / "b.sqlite3"
    await backup.create(sqlite_url, path)
    target = tmp_path / "lost.sqlite3"
    # the database that was lost, with uncheckpointed pages in its journal when it was deleted
    shutil.copy(sqlite_url.split("///", 1)[1], target)
    lost = sqlite3.connect(target)
    lost.execute("PRAGMA journal_mode=WAL")
    lost.execute("PRAGMA wal_autocheckpoint=0")
    lost.execute("CREATE TABLE stray (x)")
    lost.execute("INSERT INTO stray VALUES (1)")
    lost.commit()
    shutil.copy(target.with_name("lost.sqlite3-wal"), tmp_path / "saved-wal")
    lost.close()
    target.unlink()
    shutil.copy(tmp_path / "saved-wal", target.with_name("lost.sqlite3-wal"))
    url = f"sqlite+aiosqlite:///{target}"
    await backup.restore(path, url)
    assert await state(url) == await state(sqlite_url)
