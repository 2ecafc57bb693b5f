"""The ``lucas`` command line, run as a subprocess the way an operator runs it."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
import pytest
from alembic.script import ScriptDirectory

from db.migrate import alembic_config
from tests.conftest import PG_DSN, free_port, make_settings, need
from tests.server.support import running, scalar

LUCAS = str(Path(sys.executable).parent / "lucas")
REPO = Path(__file__).resolve().parents[2]


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The caller's environment without any LUCAS_* setting, on a data folder of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUCAS_")}
    env.update(
        {
            "LUCAS_DATA_DIR": str(tmp_path / "data"),
            "LUCAS_FRONTEND_DIR": str(tmp_path / "no-frontend"),
            "LUCAS_LOG_LEVEL": "warning",
            **extra,
        }
    )
    return env


def lucas(tmp_path: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LUCAS, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=clean_env(tmp_path, **env),
        cwd=tmp_path,
        timeout=120,
    )


def embedded_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'data' / 'lucas.sqlite3'}"


async def _login(tmp_path: Path, username: str, password: str) -> dict:
    async with running(make_settings(tmp_path, embedded_url(tmp_path))) as (app, gql):
        body = await gql(
            "mutation($u: String!, $p: String!) { authLogin(input: {username: $u, password: $p})"
            " { accessToken user { username role } errors { code } } }",
            {"u": username, "p": password},
        )
        actions = await scalar(
            app.state.services.db, "SELECT count(*) FROM audit_log WHERE action = 'cli.user_create'"
        )
    return {"login": body["data"]["authLogin"], "cli_audit_entries": actions}


def test_user_create_admin_then_log_in(tmp_path: Path) -> None:
    # Given an empty data folder; when an operator creates an admin, the password on stdin
    result = lucas(tmp_path, "user", "create", "boss", "--admin", stdin="correct horse battery\n")
    # Then the command says so, and the new admin can sign in through the API
    assert result.returncode == 0, result.stderr
    assert result.stdout == "created admin boss (id 1)\n"
    seen = asyncio.run(_login(tmp_path, "boss", "correct horse battery"))
    assert seen["login"]["errors"] == []
    assert seen["login"]["user"] == {"username": "boss", "role": "ADMIN"}
    assert seen["login"]["accessToken"]
    assert seen["cli_audit_entries"] == 1


async def _users(tmp_path: Path) -> int:
    async with running(make_settings(tmp_path, embedded_url(tmp_path))) as (app, _):
        return int(await scalar(app.state.services.db, "SELECT count(*) FROM users"))


def test_a_short_password_is_refused_and_nobody_is_created(tmp_path: Path) -> None:
    result = lucas(tmp_path, "user", "create", "boss", "--admin", stdin="short\n")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == (
        "error: WEAK_PASSWORD: Password must be at least 8 characters."
    )
    assert asyncio.run(_users(tmp_path)) == 0


def test_a_taken_username_is_refused(tmp_path: Path) -> None:
    # Given a user (without --admin: role user)
    first = lucas(tmp_path, "user", "create", "boss", stdin="first password\n")
    assert (first.returncode, first.stdout) == (0, "created user boss (id 1)\n")
    again = lucas(tmp_path, "user", "create", "BOSS", "--admin", stdin="second password\n")
    assert again.returncode == 1
    assert again.stderr.strip().splitlines()[-1] == "error: USERNAME_TAKEN: This username is taken."
    seen = asyncio.run(_login(tmp_path, "boss", "first password"))
    assert seen["login"]["user"] == {"username": "boss", "role": "USER"}
    assert asyncio.run(_users(tmp_path)) == 1


@pytest.fixture
def fresh_pg_database() -> tuple[str, str]:
    dsn = need(PG_DSN, "PostgreSQL")
    name = f"cli_{uuid.uuid4().hex[:10]}"

    async def run(sql: str) -> None:
        conn = await asyncpg.connect(dsn)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    yield name, dsn.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1) + f"/{name}"
    asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def test_migrate_brings_a_fresh_postgresql_database_to_head(
    tmp_path: Path, fresh_pg_database: tuple[str, str]
) -> None:
    name, url = fresh_pg_database
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()

    async def state() -> tuple[list[str], list[str]]:
        conn = await asyncpg.connect(need(PG_DSN, "PostgreSQL").rsplit("/", 1)[0] + f"/{name}")
        try:
            versions = [r[0] for r in await conn.fetch("SELECT version_num FROM alembic_version")]
            tables = [
                r[0]
                for r in await conn.fetch(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
                )
            ]
        finally:
            await conn.close()
        return versions, tables

    # When migrate runs on the empty database, and once more
    first = lucas(tmp_path, "migrate", LUCAS_DATABASE_URL=url, LUCAS_SECRET_KEY="k" * 48)
    second = lucas(tmp_path, "migrate", LUCAS_DATABASE_URL=url, LUCAS_SECRET_KEY="k" * 48)
    # Then it is at the head revision, with our tables, and the second run changes nothing
    assert first.returncode == 0, first.stderr
    assert "database is at the latest migration" in first.stderr
    assert second.returncode == 0, second.stderr
    versions, tables = asyncio.run(state())
    assert versions == [head]
    for table in ("accounts", "audit_log", "events", "transfers", "users"):
        assert table in tables


def test_serve_starts_embedded_migrates_itself_and_stops(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [LUCAS, "serve", "--port", str(port)],
        env=clean_env(tmp_path, LUCAS_LOG_LEVEL="info"),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Poll /healthz until it answers 200 (deadline 30 s)
        deadline = time.monotonic() + 30
        health = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                if health.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        assert health is not None and health.status_code == 200, process.stderr and process.poll()
        assert health.json() == {"status": "ok", "checks": {"database": "ok", "redis": "not configured"}}
        registered = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={
                "query": 'mutation { authRegister(input: {username: "first", password: "password123"})'
                " { user { username } errors { code } } }"
            },
            timeout=10,
        )
        assert registered.json() == {"data": {"authRegister": {"user": {"username": "first"}, "errors": []}}}
        assert (tmp_path / "data" / "lucas.sqlite3").exists()
        assert (tmp_path / "data" / "secret.key").exists()
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            _, stderr = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
    # uvicorn shuts down gracefully, then re-raises the signal it caught
    assert process.returncode == -signal.SIGTERM, stderr
    assert "Application shutdown complete." in stderr


def test_worker_without_redis_explains_itself(tmp_path: Path) -> None:
    result = lucas(tmp_path, "worker")
    assert result.returncode == 2
    assert "lucas worker needs LUCAS_REDIS_URL" in result.stderr


def test_the_entry_point_is_installed() -> None:
    assert Path(LUCAS).exists(), f"{LUCAS} (pip install -e {REPO})"
