"""``lucas backup create|restore|verify``, ``lucas db copy`` and ``lucas import bankbot``."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from server.settings import load_settings


def _err(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


async def audit_verifier(conn: AsyncConnection) -> dict[str, Any]:
    """``resolvers.audit.verify`` as a summary with a ``valid`` flag (whatever it returns)."""
    from resolvers import audit

    status: Any = await audit.verify(AsyncSession(bind=conn))
    if dataclasses.is_dataclass(status) and not isinstance(status, type):
        return dataclasses.asdict(status)
    return {"valid": bool(status)}


async def seal_audit(url: str) -> None:
    """Chain the audit entries still waiting for the sealer, so the copy carries a sealed log."""
    from db.engine import Database
    from resolvers import audit

    sealer = getattr(audit, "seal", None)
    if sealer is None:
        return
    db = Database(url)
    try:
        await sealer(db)
    except SQLAlchemyError:
        pass  # an unmigrated source: the copy itself says so
    finally:
        await db.dispose()


def _backup_create(args: argparse.Namespace) -> int:
    from db import backup

    settings = load_settings()
    now = datetime.now(UTC)
    if args.path:
        path = Path(args.path).resolve()
    else:
        folder = settings.backup_dir or settings.data_dir / "backups"
        path = folder / backup.default_name(settings.database_url, now)
    started = time.perf_counter()
    try:
        manifest = asyncio.run(backup.create(settings.database_url, path, pg_bin=settings.pg_bin, now=now))
    except backup.BackupError as exc:
        return _err(str(exc))
    took = time.perf_counter() - started
    print(
        f"backup written to {path} ({path.stat().st_size} bytes, {took:.2f} s): "
        f"{manifest.ledger.transfers} transfers, {manifest.ledger.audit_entries} audit entries"
    )
    return 0


def _backup_restore(args: argparse.Namespace) -> int:
    from db import backup

    settings = load_settings()
    started = time.perf_counter()
    try:
        asyncio.run(backup.restore(Path(args.path).resolve(), settings.database_url, pg_bin=settings.pg_bin))
    except backup.BackupError as exc:
        return _err(str(exc))
    print(f"restored {args.path} into the configured database in {time.perf_counter() - started:.2f} s")
    return 0


def _backup_verify(args: argparse.Namespace) -> int:
    from db import backup

    settings = load_settings()
    started = time.perf_counter()
    try:
        report = asyncio.run(
            backup.verify(
                Path(args.path).resolve(), settings.database_url, audit=audit_verifier, pg_bin=settings.pg_bin
            )
        )
    except backup.BackupError as exc:
        return _err(str(exc))
    took = time.perf_counter() - started
    ledger = report.backup.ledger
    print(
        f"restored into a scratch database and compared in {took:.2f} s: {ledger.transfers} transfers, "
        f"{len(ledger.accounts)} accounts, {ledger.audit_entries} audit entries, "
        f"audit chain {'verifies' if (report.backup.audit or {}).get('valid') else 'does NOT verify'}"
    )
    for asset, total in ledger.assets.items():
        print(f"  {asset}: sum of balances {total}")
    for note in report.notes:
        print(f"  {note}")
    for problem in report.problems:
        print(f"  PROBLEM: {problem}")
    print("backup verified" if report.ok else "backup does NOT verify")
    return 0 if report.ok else 1


def _db_copy(args: argparse.Namespace) -> int:
    from db import copy

    settings = load_settings()
    target = copy.async_url(args.to)
    if settings.embedded and not Path(settings.database_url.split("///", 1)[1]).exists():
        return _err(f"There is no database at {settings.database_url} to copy.")
    print(f"copying {settings.database_url.split('://')[0]} -> {target.split('@')[-1]}", file=sys.stderr)
    started = time.perf_counter()

    async def run() -> tuple[copy.CopyResult, dict[str, Any], dict[str, Any]]:
        await seal_audit(settings.database_url)
        result = await copy.copy_database(
            settings.database_url, target, progress=copy.stderr_progress(), batch=args.batch
        )
        checks = []
        for url in (settings.database_url, target):
            engine = copy.engine_for(url)
            try:
                async with engine.connect() as conn:
                    checks.append(await audit_verifier(conn))
            finally:
                await engine.dispose()
        return result, checks[0], checks[1]

    try:
        result, audit_source, audit_target = asyncio.run(run())
    except copy.CopyError as exc:
        return _err(str(exc))
    total = sum(result.rows.values())
    print(f"copied {total} rows of {len(result.rows)} tables in {time.perf_counter() - started:.2f} s")
    print(
        f"ledger checksum {'identical' if result.ledger_source == result.ledger_target else 'DIFFERS'}; "
        f"every table {'identical' if result.source == result.target else 'NOT identical'}; "
        f"audit chain on the source {audit_source}, on the target {audit_target}"
    )
    ok = result.identical and audit_source == audit_target and bool(audit_target.get("valid"))
    return 0 if ok else 1


def _import_bankbot(args: argparse.Namespace) -> int:
    from db.copy import async_url
    from db.engine import Database
    from db.migrate import upgrade
    from resolvers.clock import SystemClock
    from resolvers.imports import bankbot

    settings = load_settings()
    if settings.embedded:
        upgrade(settings.database_url)

    async def run() -> bankbot.ImportReport:
        db = Database(settings.database_url)
        try:
            return await bankbot.import_bankbot(
                db, async_url(args.source), clock=SystemClock(), dry_run=args.dry_run
            )
        finally:
            await db.dispose()

    try:
        report = asyncio.run(run())
    except bankbot.BankBotImportError as exc:
        return _err(str(exc))
    for line in report.lines():
        print(line)
    return 0


def add_commands(sub: Any) -> None:
    backup = sub.add_parser("backup", help="back up, restore and verify the database")
    actions = backup.add_subparsers(dest="backup_command", required=True)
    create = actions.add_parser("create", help="write a backup (default: the backup folder)")
    create.add_argument("path", nargs="?")
    create.set_defaults(fn=_backup_create)
    restore = actions.add_parser("restore", help="restore a backup into the configured, empty database")
    restore.add_argument("path")
    restore.set_defaults(fn=_backup_restore)
    verify = actions.add_parser("verify", help="restore into a scratch database and compare with the source")
    verify.add_argument("path")
    verify.set_defaults(fn=_backup_verify)
    database = sub.add_parser("db", help="database tools").add_subparsers(dest="db_command", required=True)
    copy_cmd = database.add_parser("copy", help="copy every row into another, empty database")
    copy_cmd.add_argument("--to", required=True, help="target URL, e.g. postgresql://user@host/db")
    copy_cmd.add_argument("--batch", type=int, default=1000, help="rows per insert")
    copy_cmd.set_defaults(fn=_db_copy)
    imports = sub.add_parser("import", help="import another system's data").add_subparsers(
        dest="import_command", required=True
    )
    bank = imports.add_parser("bankbot", help="import the original BankBot (SQLite file or PostgreSQL URL)")
    bank.add_argument("source")
    bank.add_argument("--dry-run", action="store_true", help="print what would be imported, change nothing")
    bank.set_defaults(fn=_import_bankbot)
