"""Import the original BankBot (``lucas import bankbot``): its users, balances, history, nicknames.

- A BankBot user with a Telegram id becomes (or is recognised as) our user linked to that id, so
  they are themselves in our bot at once; users without a Telegram id cannot be recognised and
  are reported, not imported.
- A balance becomes one transfer from the ``source:bankbot`` system account (the supply view counts
  it as minted), recorded once per BankBot user: a re-run never pays twice.
- Transactions and purchases become read-only rows of ``imported_history``, unique by their
  BankBot id; game nicknames (``user_aliases`` with a game we know) become nickname links unless
  someone else holds the nickname already.

Everything happens in one transaction; ``dry_run`` runs the same import and rolls it back.
Exceptions: ``BankBotImportError`` (unreadable source, unknown schema, out-of-range balances).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.engine import Database
from db.models import IngestionNickname, TelegramLink
from db.models.imports import ImportedHistory
from resolvers import audit, ledger
from resolvers.accounts import telegram
from resolvers.clock import Clock
from resolvers.errors import ErrorCodes
from resolvers.imports.history import SYSTEM
from resolvers.ingestion.nicknames import MAX_NICKNAME, clean_nickname, nickname_key

ERRORS = ErrorCodes("imports.bankbot", uses=(ledger.ERRORS,))

SOURCE_ACCOUNT = f"{ledger.SOURCE_PREFIX}bankbot"
REQUIRED: dict[str, set[str]] = {
    "users": {"id", "telegram_id", "balance"},
    "transactions": {"id", "user_id", "amount"},
}
# Columns that older BankBot versions may lack: read as NULL when absent.
READ = {
    "users": "id telegram_id username first_name last_name balance".split(),
    "transactions": "id user_id amount transaction_type source_game description created_at".split(),
}
OPTIONAL: dict[str, set[str]] = {
    "shop_items": {"id", "name"},
    "user_purchases": {"id", "user_id", "item_id", "purchase_price", "purchased_at"},
    "user_aliases": {"id", "user_id", "alias_type", "alias_value", "game_source"},
}
# BankBot's spellings of a game (casefolded, letters and digits only) → our ingestion sources.
GAMES = {
    "gdcards": "gdcards",
    "gd": "gdcards",
    "gusyacards": "gusya_cards",
    "gusya": "gusya_cards",
    "гусяcards": "gusya_cards",
    "гуся": "gusya_cards",
    "shmalala": "shmalala",
    "шмалала": "shmalala",
    "truemafia": "true_mafia",
    "mafia": "true_mafia",
    "bunkerrp": "bunker_rp",
    "bunker": "bunker_rp",
}


class BankBotImportError(Exception):
    pass


class _DryRun(Exception):
    pass


@dataclass
class ImportReport:
    dry_run: bool
    users: int = 0
    users_created: int = 0
    users_known: int = 0
    without_telegram: list[str] = field(default_factory=list)
    balances: int = 0
    balance_total: int = 0
    balance_changed: list[str] = field(default_factory=list)
    transactions: int = 0
    purchases: int = 0
    nicknames: int = 0
    nickname_conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = "BankBot import (dry run: nothing was changed)" if self.dry_run else "BankBot import"
        out = [
            head,
            f"  users: {self.users} with a Telegram id ({self.users_created} new accounts, "
            f"{self.users_known} already known)",
            f"  balances: {self.balances} transfers from {SOURCE_ACCOUNT}, {self.balance_total} COIN in all",
            f"  history: {self.transactions} transactions, {self.purchases} purchases",
            f"  nicknames linked: {self.nicknames}",
        ]
        out += [f"  not imported (no Telegram id): {name}" for name in self.without_telegram]
        out += [f"  balance already imported, changed since: {line}" for line in self.balance_changed]
        out += [f"  nickname held by another player: {line}" for line in self.nickname_conflicts]
        out += [f"  skipped: {line}" for line in self.skipped]
        return out


@dataclass(frozen=True, kw_only=True)
class BankBotData:
    users: list[dict[str, Any]]
    transactions: list[dict[str, Any]]
    purchases: list[dict[str, Any]]
    aliases: list[dict[str, Any]]


def source_url(raw: str) -> str:
    """A SQLite file (opened read-only) or a PostgreSQL URL."""
    if raw.startswith("sqlite+aiosqlite:///"):
        raw = raw[len("sqlite+aiosqlite:///") :]
    elif raw.startswith(("postgresql+asyncpg://", "postgresql://", "postgres://")):
        return "postgresql+asyncpg://" + raw.split("://", 1)[1]
    path = Path(raw)
    if not path.is_file():
        raise BankBotImportError(f"No BankBot database at {raw} (give a SQLite file or a PostgreSQL URL).")
    return f"sqlite+aiosqlite:///file:{path.resolve()}?mode=ro&uri=true"


def _when(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return int(float(value))


def _name(user: dict[str, Any]) -> str:
    parts = [str(user.get("first_name") or ""), str(user.get("last_name") or "")]
    full = " ".join(p for p in parts if p).strip()
    handle = f"@{user['username']}" if user.get("username") else ""
    return " ".join(p for p in (full, handle) if p) or f"BankBot user {user['id']}"


async def _check_schema(conn: AsyncConnection) -> dict[str, set[str]]:
    def columns(sync: Any) -> dict[str, set[str]]:
        inspector = inspect(sync)
        return {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}

    found = await conn.run_sync(columns)
    missing = [
        f"{table}.{column}" if table in found else f"table {table}"
        for table, wanted in REQUIRED.items()
        for column in sorted(wanted - found.get(table, set())) or ([] if table in found else ["*"])
    ]
    if missing:
        shown = ", ".join(dict.fromkeys(m.replace(".*", "") for m in missing))
        raise BankBotImportError(f"Unknown schema: this is not a BankBot database (missing {shown}).")
    return found


async def read_source(raw: str) -> BankBotData:
    engine = create_async_engine(source_url(raw))
    try:
        async with engine.connect() as conn:
            found = await _check_schema(conn)
            present = {table for table, wanted in OPTIONAL.items() if wanted <= found.get(table, set())}

            async def rows(sql: str) -> list[dict[str, Any]]:
                return [dict(r._mapping) for r in await conn.execute(text(sql))]

            def listed(table: str) -> str:
                names = [c if c in found[table] else f"NULL AS {c}" for c in READ[table]]
                return f"SELECT {', '.join(names)} FROM {table} ORDER BY id"

            users = await rows(listed("users"))
            transactions = await rows(listed("transactions"))
            purchases: list[dict[str, Any]] = []
            if {"user_purchases", "shop_items"} <= present:
                purchases = await rows(
                    "SELECT p.id, p.user_id, p.item_id, p.purchase_price, p.purchased_at, "
                    "i.name AS item_name FROM user_purchases p "
                    "LEFT JOIN shop_items i ON i.id = p.item_id ORDER BY p.id"
                )
            aliases = (
                await rows(
                    "SELECT id, user_id, alias_type, alias_value, game_source FROM user_aliases ORDER BY id"
                )
                if "user_aliases" in present
                else []
            )
    except (OSError, DBAPIError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise BankBotImportError(f"Cannot read the BankBot database: {reason}") from exc
    finally:
        await engine.dispose()
    return BankBotData(users=users, transactions=transactions, purchases=purchases, aliases=aliases)


def _validate(data: BankBotData) -> None:
    bad = []
    for user in data.users:
        balance = _int(user.get("balance")) or 0
        if balance < 0 or balance > ledger.MAX_AMOUNT:
            bad.append(f"{_name(user)} (id {user['id']}): {balance}")
    if bad:
        raise BankBotImportError(
            f"Balances outside 0..{ledger.MAX_AMOUNT} cannot be imported; nothing was imported: "
            + "; ".join(bad[:20])
            + (f" and {len(bad) - 20} more" if len(bad) > 20 else "")
        )


async def import_bankbot(db: Database, raw_source: str, *, clock: Clock, dry_run: bool) -> ImportReport:
    data = await read_source(raw_source)
    _validate(data)
    report = ImportReport(dry_run=dry_run)
    try:
        async with db.transaction() as session:
            await _import(session, data, report, clock=clock)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except DBAPIError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        message = f"Our database refused the import ({reason}); nothing was imported."
        raise BankBotImportError(message) from exc
    return report


async def _known(session: AsyncSession, kind: str) -> set[str]:
    rows = await session.execute(
        select(col(ImportedHistory.external_id)).where(
            col(ImportedHistory.system) == SYSTEM, col(ImportedHistory.kind) == kind
        )
    )
    return {str(r) for (r,) in rows.all()}


async def _import(session: AsyncSession, data: BankBotData, report: ImportReport, *, clock: Clock) -> None:
    now = clock.now()
    ours: dict[int, int] = {}
    balances_done = await _known(session, "balance")
    for user in data.users:
        telegram_id = _int(user.get("telegram_id"))
        if telegram_id is None:
            report.without_telegram.append(f"{_name(user)} (id {user['id']}, balance {user.get('balance')})")
            continue
        report.users += 1
        known = await session.get(TelegramLink, telegram_id) is not None
        username = str(user["username"]).lstrip("@") if user.get("username") else None
        ours_user = await telegram.user_for(
            session,
            telegram_id=telegram_id,
            telegram_username=username,
            language=None,
            chat_id=None,
            clock=clock,
        )
        assert ours_user.id is not None
        ours[int(user["id"])] = ours_user.id
        report.users_known += known
        report.users_created += not known
        await _balance(session, user, ours_user.id, balances_done, report, now=now, clock=clock)
    report.transactions = await _history(
        session,
        "transaction",
        [
            {
                "external_id": str(row["id"]),
                "user_id": ours.get(_int(row["user_id"]) or 0),
                "amount": _int(row.get("amount")),
                "description": str(row.get("description") or ""),
                "data": {
                    "type": row.get("transaction_type"),
                    "source_game": row.get("source_game"),
                    "bankbot_user_id": _int(row["user_id"]),
                },
                "occurred_at": _when(row.get("created_at")),
            }
            for row in data.transactions
        ],
        now=now,
    )
    report.purchases = await _history(
        session,
        "purchase",
        [
            {
                "external_id": str(row["id"]),
                "user_id": ours.get(_int(row["user_id"]) or 0),
                "amount": _int(row.get("purchase_price")),
                "description": str(row.get("item_name") or f"item {row.get('item_id')}"),
                "data": {"item_id": _int(row.get("item_id")), "bankbot_user_id": _int(row["user_id"])},
                "occurred_at": _when(row.get("purchased_at")),
            }
            for row in data.purchases
        ],
        now=now,
    )
    for alias in data.aliases:
        await _nickname(session, alias, ours, report, clock=clock)
    if report.users_created or report.balances or report.transactions or report.purchases or report.nicknames:
        await audit.append(
            session,
            action="import.bankbot",
            clock=clock,
            actor_id=None,
            subject=SOURCE_ACCOUNT,
            data={
                "users": report.users,
                "created": report.users_created,
                "balances": report.balances,
                "total": report.balance_total,
                "transactions": report.transactions,
                "purchases": report.purchases,
                "nicknames": report.nicknames,
            },
        )


async def _balance(
    session: AsyncSession,
    user: dict[str, Any],
    user_id: int,
    done: set[str],
    report: ImportReport,
    *,
    now: datetime,
    clock: Clock,
) -> None:
    external = str(user["id"])
    balance = _int(user.get("balance")) or 0
    if external in done:
        previous = (
            await session.execute(
                select(col(ImportedHistory.amount)).where(
                    col(ImportedHistory.system) == SYSTEM,
                    col(ImportedHistory.kind) == "balance",
                    col(ImportedHistory.external_id) == external,
                )
            )
        ).scalar_one()
        if previous != balance:
            report.balance_changed.append(f"{_name(user)}: imported {previous}, now {balance}")
        return
    transfer_id = None
    if balance > 0:
        (row,) = await ledger.post(
            session,
            [
                ledger.Leg(
                    debit=("system", SOURCE_ACCOUNT),
                    credit=("user", user_id),
                    asset=ledger.DEFAULT_CURRENCY,
                    amount=balance,
                    kind="import",
                    ref=f"bankbot:user:{external}",
                    memo="Balance carried over from BankBot",
                )
            ],
            clock=clock,
            actor_id=None,
        )
        transfer_id = row.id
        report.balances += 1
        report.balance_total += balance
    session.add(
        ImportedHistory(
            system=SYSTEM,
            kind="balance",
            external_id=external,
            user_id=user_id,
            amount=balance,
            description="Balance carried over from BankBot",
            data={"transfer_id": transfer_id, "name": _name(user)},
            occurred_at=now,
            imported_at=now,
        )
    )
    await session.flush()


async def _history(session: AsyncSession, kind: str, rows: list[dict[str, Any]], *, now: datetime) -> int:
    known = await _known(session, kind)
    fresh = [r for r in rows if r["external_id"] not in known]
    for start in range(0, len(fresh), 500):
        chunk = fresh[start : start + 500]
        await session.execute(
            insert_for(session, ImportedHistory.__table__),  # type: ignore[attr-defined]
            [{**r, "system": SYSTEM, "kind": kind, "imported_at": now} for r in chunk],
        )
    return len(fresh)


async def _nickname(
    session: AsyncSession, alias: dict[str, Any], ours: dict[int, int], report: ImportReport, *, clock: Clock
) -> None:
    game = re.sub(r"[\W_]", "", str(alias.get("game_source") or "").casefold())
    source = GAMES.get(game)
    user_id = ours.get(_int(alias.get("user_id")) or 0)
    name = clean_nickname(str(alias.get("alias_value") or ""))
    key = nickname_key(name)
    if source is None or user_id is None or not key or len(name) > MAX_NICKNAME:
        if alias.get("game_source") and source is None:
            report.skipped.append(f"nickname {name!r}: unknown game {alias.get('game_source')!r}")
        return
    held = await session.get(IngestionNickname, (source, key))
    if held is not None:
        if held.user_id != user_id:
            report.nickname_conflicts.append(f"{source} {name!r} (held by user {held.user_id})")
        return
    session.add(
        IngestionNickname(
            source=source, nickname_key=key, nickname=name, user_id=user_id, created_at=clock.now()
        )
    )
    await session.flush()
    report.nicknames += 1
    await audit.append(
        session,
        action="ingestion.nickname_link",
        clock=clock,
        actor_id=None,
        subject=f"nickname:{source}:{key}",
        data={"nickname": name, "user_id": user_id, "via": "import.bankbot"},
    )


async def count_imported(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(
        select(col(ImportedHistory.kind), func.count())
        .where(col(ImportedHistory.system) == SYSTEM)
        .group_by(col(ImportedHistory.kind))
    )
    return {kind: int(n) for kind, n in rows.all()}
