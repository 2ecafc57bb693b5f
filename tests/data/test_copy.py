"""``lucas db copy``: an embedded database with data, copied into an empty PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel.ext.asyncio.session import AsyncSession

from db import checksum
from db.copy import CopyError, copy_database, engine_for
from db.engine import Database
from resolvers import admin, audit
from resolvers.accounts import auth
from resolvers.clock import SystemClock
from server.app import create_app
from tests.conftest import GraphQLClient, make_admin, make_settings
from tests.data.support import Spec, pg_database, populate, sqlite_copy

LUCAS = str(Path(sys.executable).parent / "lucas")


async def digests(url: str) -> tuple[dict[str, checksum.TableDigest], checksum.LedgerChecksum, Any]:
    engine = engine_for(url)
    try:
        async with engine.connect() as conn:
            chain = await audit.verify(AsyncSession(bind=conn))
            return await checksum.table_digests(conn), await checksum.ledger_checksum(conn), chain
    finally:
        await engine.dispose()


specs = st.builds(
    Spec,
    users=st.integers(1, 5),
    grants=st.lists(st.tuples(st.integers(0, 4), st.integers(1, 10**12)), max_size=6),
    payments=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(1, 500)), max_size=6),
    items=st.lists(
        st.tuples(
            st.text("абвгдxyz ", min_size=1, max_size=12).filter(str.strip),
            st.integers(0, 300),
            st.none() | st.integers(0, 3),
        ),
        max_size=3,
    ),
    purchases=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 2)), max_size=5),
    telegram=st.booleans(),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=specs, migrated_target=st.booleans())
def test_data_migration_completeness(
    sqlite_template: Path, pg_template: str, spec: Spec, migrated_target: bool
) -> None:
    """Given any mix of users, payments, items and purchases on SQLite, when copied into an empty
    PostgreSQL database (migrated or bare), then every table, the ledger checksum and the audit
    chain are identical, and new rows on the copy do not collide with copied ids."""

    async def scenario(folder: Path) -> None:
        source = sqlite_copy(sqlite_template, folder)
        db = Database(source)
        made = await populate(db, spec)
        await db.dispose()
        target = await pg_database(template=pg_template if migrated_target else None)
        result = await copy_database(source, target)
        assert result.identical, [k for k in result.source if result.source[k] != result.target.get(k)]
        before, after = await digests(source), await digests(target)
        assert before == after
        assert all(total == 0 for total in after[1].assets.values())
        copy = Database(target)
        try:
            async with copy.transaction() as session:
                fresh = await auth.create_user(
                    session, username="newcomer", password=None, clock=SystemClock()
                )
                grant = await admin.grant(
                    session, actor_id=made["admin"], user_id=fresh.id, currency="COIN", amount=1,
                    reason="after the copy", idempotency_key=None, clock=SystemClock(),
                )  # fmt: skip
            assert fresh.id is not None and fresh.id > max([made["admin"], *made["users"]])
            assert grant.transfer.id is not None and grant.transfer.id > before[1].transfers
        finally:
            await copy.dispose()

    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(scenario(Path(tmp)))


async def test_refuses_a_target_with_data(sqlite_template: Path, pg_template: str, tmp_path: Path) -> None:
    source = sqlite_copy(sqlite_template, tmp_path)
    db = Database(source)
    await populate(db, Spec(users=2, grants=[(0, 50)]))
    await db.dispose()
    target = await pg_database(template=pg_template)
    await copy_database(source, target)
    before = await digests(target)
    with pytest.raises(CopyError, match=r"not empty: .*users"):
        await copy_database(source, target)
    assert await digests(target) == before


async def test_refuses_a_target_at_another_migration(sqlite_template: Path, tmp_path: Path) -> None:
    source = sqlite_copy(sqlite_template, tmp_path / "a")
    target_file = tmp_path / "b" / "old.sqlite3"
    from db.migrate import upgrade

    await asyncio.to_thread(upgrade, f"sqlite+aiosqlite:///{target_file}", "0001")
    with pytest.raises(CopyError, match="target is at migration 0001"):
        await copy_database(source, f"sqlite+aiosqlite:///{target_file}")


QUERIES = {
    "me": "{ me { id username role } }",
    "transfers": "{ myTransfers(first: 50) { edges { node { id amount asset kind memo direction counterparty createdAt } } } }",
    "items": "{ shopItems(first: 50) { edges { node { id name price stock } } } }",
}
SUPPLY = "{ adminEconomySupply { asset minted burned held fees escrow other balanced } }"


async def answers(settings_: Any, tokens: dict[str, str]) -> dict[str, Any]:
    application = create_app(settings_, migrate=False, start_workers=False)
    out: dict[str, Any] = {}
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            gql = GraphQLClient(http)
            for who, token in tokens.items():
                for name, query in QUERIES.items():
                    out[f"{who}:{name}"] = (await gql(query, token=token))["data"]
            out["supply"] = (await gql(SUPPLY, token=tokens["admin"]))["data"]
    return out


async def test_serve_on_the_copy_answers_as_before(
    sqlite_template: Path, pg_template: str, tmp_path: Path
) -> None:
    source = sqlite_copy(sqlite_template, tmp_path / "src")
    settings_sqlite = make_settings(tmp_path, source)
    application = create_app(settings_sqlite, migrate=False, start_workers=False)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            gql = GraphQLClient(http)
            admin_token, _ = await make_admin(application, gql)
            alice, alice_id = await gql.register("alice")
            bob, bob_id = await gql.register("bob")
            await gql(
                'mutation($u:ID!){adminGrant(input:{userId:$u,amount:"1000",reason:"старт"}){errors{code}}}',
                {"u": alice_id},
                token=admin_token,
            )
            await gql(
                'mutation($u:ID!){walletTransfer(input:{toUserId:$u,amount:"250",memo:"спасибо"}){errors{code}}}',
                {"u": bob_id},
                token=alice,
            )
            item = await gql(
                'mutation{adminItemCreate(input:{name:"Меч",price:"100",stock:5}){item{id} errors{code}}}',
                token=admin_token,
            )
            item_id = item["data"]["adminItemCreate"]["item"]["id"]
            await gql(
                "mutation($i:ID!){shopPurchase(input:{itemId:$i}){errors{code}}}", {"i": item_id}, token=bob
            )
    sealer = getattr(audit, "seal", None)
    if sealer is not None:
        db = Database(source)
        await sealer(db)
        await db.dispose()
    tokens = {"admin": admin_token, "alice": alice, "bob": bob}
    before = await answers(settings_sqlite, tokens)
    target = await pg_database()
    result = await copy_database(source, target)
    assert result.identical
    settings_pg = make_settings(tmp_path, target)
    after = await answers(settings_pg, tokens)
    assert after == before
    assert before["bob:items"]["shopItems"]["edges"][0]["node"]["stock"] == 4
    assert before["supply"]["adminEconomySupply"][0]["balanced"] is True
    application = create_app(settings_pg, migrate=False, start_workers=False)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            gql = GraphQLClient(http)
            _, carol_id = await gql.register("carol")
            assert carol_id > max(int(before[f"{w}:me"]["me"]["id"]) for w in tokens)
            paid = await gql(
                'mutation($u:ID!){walletTransfer(input:{toUserId:$u,amount:"5"}){transfer{id} errors{code}}}',
                {"u": carol_id},
                token=alice,
            )
            assert paid["data"]["walletTransfer"]["errors"] == []


def test_cli_copies_with_progress_and_refuses_a_second_time(
    sqlite_template: Path, pg_template: str, tmp_path: Path
) -> None:
    source = sqlite_copy(sqlite_template, tmp_path / "data")
    db = Database(source)
    asyncio.run(populate(db, Spec(users=3, grants=[(0, 70)], payments=[(0, 1, 20)])))
    asyncio.run(db.dispose())
    target = asyncio.run(pg_database(template=pg_template)).replace("postgresql+asyncpg://", "postgresql://")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUCAS_")}
    env |= {
        "LUCAS_DATA_DIR": str(tmp_path / "data"),
        "LUCAS_DATABASE_URL": source,
        "LUCAS_LOG_LEVEL": "warning",
    }
    first = subprocess.run(
        [LUCAS, "db", "copy", "--to", target], capture_output=True, text=True, env=env, timeout=120
    )
    assert first.returncode == 0, first.stderr
    assert "  users: 4/4" in first.stderr and "  transfers: 2/2" in first.stderr
    assert "ledger checksum identical; every table identical" in first.stdout
    second = subprocess.run(
        [LUCAS, "db", "copy", "--to", target], capture_output=True, text=True, env=env, timeout=120
    )
    assert second.returncode == 1
    assert "error: The target database is not empty: " in second.stderr


async def test_rows_postgresql_refuses_stop_the_copy_with_nothing_written(
    sqlite_template: Path, pg_template: str, tmp_path: Path
) -> None:
    """SQLite keeps a NUL character in text, PostgreSQL refuses it: the copy names the table and
    leaves the target empty."""
    source = sqlite_copy(sqlite_template, tmp_path)
    db = Database(source)
    await populate(db, Spec(users=2, grants=[(0, 50)]))
    await db.dispose()
    with sqlite3.connect(source.split("///", 1)[1]) as conn:
        conn.execute("UPDATE notifications SET body = 'до' || char(0) || 'после'")
    target = await pg_database(template=pg_template)
    before = await digests(target)
    with pytest.raises(CopyError, match=r"refused rows 1-\d+ of notifications .*nothing was copied"):
        await copy_database(source, target)
    assert await digests(target) == before
