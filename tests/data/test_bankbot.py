"""``lucas import bankbot``: the original bot's users, balances, history and nicknames."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlmodel import col

from db import checksum
from db.copy import engine_for
from db.engine import Database
from db.models import Account, ImportedHistory, IngestionNickname, TelegramLink, Transfer, User
from resolvers import admin, ledger
from resolvers.accounts import telegram
from resolvers.accounts.tokens import issue_access_token
from resolvers.clock import SystemClock
from resolvers.imports import bankbot, history
from server.app import create_app
from tests.conftest import GraphQLClient, make_admin, make_settings
from tests.data import bankbot_db
from tests.data.support import pg_database

LUCAS = str(Path(sys.executable).parent / "lucas")
TOTAL = sum(u[5] for u in bankbot_db.USERS if u[1] is not None)


async def digests(url: str) -> dict[str, checksum.TableDigest]:
    engine = engine_for(url)
    try:
        async with engine.connect() as conn:
            return await checksum.table_digests(conn)
    finally:
        await engine.dispose()


async def run(url: str, source: str, *, dry_run: bool = False) -> bankbot.ImportReport:
    db = Database(url)
    try:
        return await bankbot.import_bankbot(db, source, clock=SystemClock(), dry_run=dry_run)
    finally:
        await db.dispose()


async def by_telegram(db: Database, telegram_id: int) -> tuple[User, dict[str, int]]:
    async with db.reader() as session:
        link = await session.get(TelegramLink, telegram_id)
        assert link is not None
        user = await session.get(User, link.user_id)
        assert user is not None
        return user, await ledger.balances_of(session, "user", link.user_id)


@pytest.fixture
def bankbot_file(tmp_path: Path) -> Path:
    return bankbot_db.build_sqlite(tmp_path / "bankbot.db")


async def test_import_brings_users_balances_history_and_nicknames(
    database_url: str, bankbot_file: Path
) -> None:
    """On both databases: users by Telegram id, balances from source:bankbot, history, nicknames."""
    sqlite_url = database_url
    report = await run(sqlite_url, str(bankbot_file))
    assert (report.users, report.users_created, report.users_known) == (5, 5, 0)
    assert report.balances == 4 and report.balance_total == TOTAL  # the zero balance needs no transfer
    assert (report.transactions, report.purchases, report.nicknames) == (5, 2, 3)
    assert report.without_telegram == ["Призрак @ghost (id 4, balance 70)"]
    assert report.skipped == ["nickname 'Ёжик': unknown game 'minecraft'"]
    db = Database(sqlite_url)
    try:
        lucas, coins = await by_telegram(db, 385_000_001)
        assert lucas.username == "lucas_admin" and coins == {"COIN": 15_230}
        anastasia, coins = await by_telegram(db, 5_912_345_678)
        assert anastasia.username == "tg5912345678" and coins.get("COIN", 0) == 0
        goose, coins = await by_telegram(db, 1_002_003_004)
        assert coins == {"COIN": bankbot_db.BIG}
        async with db.reader() as session:
            # they are themselves in our bot at once: the bot's lookup finds the same account
            known = await telegram.known_user(
                session, telegram_id=1_002_003_004, telegram_username="gusenok", chat_id=None
            )
            assert known is not None and known.id == goose.id
            supply = {s.asset: s for s in await admin.supply(session)}
            assert supply["COIN"].minted == TOTAL and supply["COIN"].held == TOTAL and supply["COIN"].balanced
            assert all(v == 0 for v in (await ledger.conservation(session)).values())
            source = (
                await session.execute(select(Account).where(col(Account.owner_id) == bankbot.SOURCE_ACCOUNT))
            ).scalar_one()
            kinds = {t.kind for t in (await session.execute(select(Transfer))).scalars()}
            assert source.owner_kind == "system" and kinds == {"import"}
            nicks = {
                (n.source, n.nickname): n.user_id
                for n in (await session.execute(select(IngestionNickname))).scalars()
            }
            assert nicks == {
                ("gdcards", "LucasTeam"): lucas.id,
                ("gusya_cards", "Гусёнок"): goose.id,
                ("shmalala", "Пётр Рыбак"): nicks[("shmalala", "Пётр Рыбак")],
            }
            mine = await history.of_user(session, user_id=lucas.id)
            kinds_of_mine = sorted((h.kind, h.external_id) for h in mine)
            assert kinds_of_mine == [
                ("balance", "1"), ("purchase", "2"), ("transaction", "1"), ("transaction", "2"),
            ]  # fmt: skip
            reward = next(h for h in mine if h.kind == "transaction" and h.external_id == "2")
            assert reward.description == "Начисление за GD Cards: 5 орбов" and reward.amount == 500
            assert reward.data["source_game"] == "gdcards"
            assert reward.occurred_at is not None and reward.occurred_at.microsecond == 123456
            orphan = [h for h in await history.of_user(session, user_id=None) if h.user_id is None]
            assert [(h.kind, h.external_id) for h in orphan] == [("transaction", "5")]  # the ghost's
    finally:
        await db.dispose()


async def test_dry_run_changes_nothing_and_reports_the_same(sqlite_url: str, bankbot_file: Path) -> None:
    before = await digests(sqlite_url)
    dry = await run(sqlite_url, str(bankbot_file), dry_run=True)
    assert await digests(sqlite_url) == before
    assert dry.lines()[0] == "BankBot import (dry run: nothing was changed)"
    real = await run(sqlite_url, str(bankbot_file))
    assert (dry.users_created, dry.balance_total, dry.transactions, dry.nicknames) == (
        real.users_created, real.balance_total, real.transactions, real.nicknames,
    )  # fmt: skip


async def test_a_rerun_imports_nothing_twice(sqlite_url: str, bankbot_file: Path) -> None:
    await run(sqlite_url, str(bankbot_file))
    before = await digests(sqlite_url)
    with sqlite3.connect(bankbot_file) as conn:
        conn.execute("UPDATE users SET balance = 99 WHERE id = 6")
        conn.execute(
            "INSERT INTO transactions (id, user_id, amount, transaction_type, description, created_at) "
            "VALUES (6, 6, 49, 'game_reward', 'Новая рыба', '2024-06-01 10:00:00')"
        )
    again = await run(sqlite_url, str(bankbot_file))
    assert (again.users_created, again.users_known, again.balances, again.nicknames) == (0, 5, 0, 0)
    assert again.transactions == 1 and again.purchases == 0
    assert again.balance_changed == ["Пётр @shmal_fan: imported 250, now 99"]
    after = await digests(sqlite_url)
    changed = {name for name in before if before[name] != after[name]}
    assert "imported_history" in changed and changed <= {"imported_history", "audit_log", "audit_head"}
    third = await run(sqlite_url, str(bankbot_file))
    assert third.transactions == 0 and await digests(sqlite_url) == after


async def test_a_known_telegram_user_keeps_their_account(sqlite_url: str, bankbot_file: Path) -> None:
    db = Database(sqlite_url)
    try:
        async with db.transaction() as session:
            existing = await telegram.user_for(
                session, telegram_id=77_000_006, telegram_username="shmal_fan", language="ru",
                chat_id=None, clock=SystemClock(),
            )  # fmt: skip
        report = await run(sqlite_url, str(bankbot_file))
        assert (report.users_created, report.users_known) == (4, 1)
        user, coins = await by_telegram(db, 77_000_006)
        assert user.id == existing.id and coins == {"COIN": 250}
    finally:
        await db.dispose()


async def test_unknown_schema_and_bad_sources_are_refused(sqlite_url: str, tmp_path: Path) -> None:
    before = await digests(sqlite_url)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    with pytest.raises(
        bankbot.BankBotImportError, match=r"Unknown schema: .*users\.balance.*table transactions"
    ):
        await run(sqlite_url, str(other))
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(
        bankbot.BankBotImportError, match="Cannot read the BankBot database: file is not a database"
    ):
        await run(sqlite_url, str(garbage))
    with pytest.raises(bankbot.BankBotImportError, match="No BankBot database at"):
        await run(sqlite_url, str(tmp_path / "missing.db"))
    assert not (tmp_path / "missing.db").exists()
    huge = bankbot_db.build_sqlite(tmp_path / "huge.db", balances={2: 10**13, 5: -3})
    with pytest.raises(
        bankbot.BankBotImportError, match=r"outside 0\.\.1000000000000.*Анастасия \(id 2\): 10000000000000"
    ):
        await run(sqlite_url, str(huge))
    assert await digests(sqlite_url) == before


async def test_import_from_postgresql(sqlite_url: str) -> None:
    source = await pg_database()
    await bankbot_db.build_postgres(source.replace("postgresql+asyncpg://", "postgresql://"))
    report = await run(sqlite_url, source.replace("postgresql+asyncpg://", "postgresql://"))
    assert (report.users, report.balance_total, report.transactions, report.purchases) == (5, TOTAL, 5, 2)
    db = Database(sqlite_url)
    try:
        async with db.reader() as session:
            rows = (
                (
                    await session.execute(
                        select(ImportedHistory).where(col(ImportedHistory.kind) == "transaction")
                    )
                )
                .scalars()
                .all()
            )
            assert {r.occurred_at.year for r in rows if r.occurred_at} == {2024}
    finally:
        await db.dispose()


def test_cli_dry_run_then_import(sqlite_url: str, bankbot_file: Path, tmp_path: Path) -> None:
    env: dict[str, Any] = {k: v for k, v in os.environ.items() if not k.startswith("LUCAS_")}
    env |= {
        "LUCAS_DATA_DIR": str(tmp_path / "data"),
        "LUCAS_DATABASE_URL": sqlite_url,
        "LUCAS_LOG_LEVEL": "warning",
    }

    def lucas(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [LUCAS, "import", "bankbot", *args], capture_output=True, text=True, env=env, timeout=120
        )

    dry = lucas(str(bankbot_file), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "dry run: nothing was changed" in dry.stdout
    assert f"balances: 4 transfers from source:bankbot, {TOTAL} COIN in all" in dry.stdout
    done = lucas(str(bankbot_file))
    assert (
        done.returncode == 0
        and "users: 5 with a Telegram id (5 new accounts, 0 already known)" in done.stdout
    )
    refused = lucas(str(tmp_path / "nothing.db"))
    assert refused.returncode == 1 and "error: No BankBot database at" in refused.stderr


HISTORY = (
    "query($u: ID){ adminImportedHistory(userId: $u, first: 10)"
    " { edges { node { kind externalId amount description occurredAt data } } pageInfo { hasNextPage } } }"
)
MINE = "{ myImportedHistory(first: 2) { edges { node { kind externalId amount } cursor } pageInfo { hasNextPage } } }"


async def test_imported_history_is_readable_by_its_owner_and_admins(
    sqlite_url: str, bankbot_file: Path, tmp_path: Path
) -> None:
    await run(sqlite_url, str(bankbot_file))
    application = create_app(make_settings(tmp_path, sqlite_url), migrate=False, start_workers=False)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            gql = GraphQLClient(http)
            admin_token, _ = await make_admin(application, gql)
            player, _ = await gql.register("web_player")
            lucas, _ = await by_telegram(application.state.services.db, 385_000_001)
            assert lucas.id is not None
            body = await gql(HISTORY, {"u": str(lucas.id)}, token=admin_token)
            nodes = [e["node"] for e in body["data"]["adminImportedHistory"]["edges"]]
            assert [(n["kind"], n["externalId"], n["amount"]) for n in nodes] == [
                ("purchase", "2", 1000), ("transaction", "2", 500), ("transaction", "1", 100),
                ("balance", "1", 15_230),
            ]  # fmt: skip
            assert nodes[0]["description"] == "VIP статус"
            everyone = await gql(HISTORY, {"u": None}, token=admin_token)
            assert len(everyone["data"]["adminImportedHistory"]["edges"]) == 10
            refused = await gql(HISTORY, {"u": None}, token=player, expect_errors=True)
            assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
            assert (await gql(MINE, token=player))["data"]["myImportedHistory"]["edges"] == []
            token = issue_access_token(
                secret=application.state.services.token_policy.secret,
                user_id=lucas.id,
                now=datetime.now(UTC),
                minutes=5,
            )
            page = (await gql(MINE, token=token))["data"]["myImportedHistory"]
            assert [e["node"]["externalId"] for e in page["edges"]] == ["2", "2"]
            assert page["pageInfo"]["hasNextPage"] is True
            rest = await gql(
                "query($a: String){ myImportedHistory(first: 10, after: $a) { edges { node { kind } } } }",
                {"a": page["edges"][-1]["cursor"]},
                token=token,
            )
            assert [e["node"]["kind"] for e in rest["data"]["myImportedHistory"]["edges"]] == [
                "transaction", "balance",
            ]  # fmt: skip


async def test_an_older_bankbot_without_names_or_shop_imports(sqlite_url: str, tmp_path: Path) -> None:
    """Early BankBot versions had fewer columns and no shop or alias tables: what exists is read."""
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, telegram_id BIGINT, balance INTEGER)")
        conn.execute("CREATE TABLE transactions (id INTEGER PRIMARY KEY, user_id INTEGER, amount INTEGER)")
        conn.execute("INSERT INTO users VALUES (1, 123456789, 42), (2, NULL, 5)")
        conn.execute("INSERT INTO transactions VALUES (1, 1, 42)")
    report = await run(sqlite_url, str(old))
    assert (report.users, report.balance_total, report.transactions, report.purchases) == (1, 42, 1, 0)
    assert report.without_telegram == ["BankBot user 2 (id 2, balance 5)"]


async def test_text_postgresql_refuses_imports_nothing(pg_template: str, bankbot_file: Path) -> None:
    target = await pg_database(template=pg_template)
    with sqlite3.connect(bankbot_file) as conn:
        conn.execute("UPDATE transactions SET description = 'до' || char(0) || 'после' WHERE id = 5")
    before = await digests(target)
    with pytest.raises(
        bankbot.BankBotImportError, match=r"Our database refused the import .*nothing was imported"
    ):
        await run(target, str(bankbot_file))
    assert await digests(target) == before
