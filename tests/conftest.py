"""Shared fixtures: real databases (a migrated SQLite file, a PostgreSQL database from a migrated
template), the app in process, a live server on a free port, and a GraphQL helper.

PostgreSQL and Redis come from ``LUCAS_TEST_PG_DSN`` / ``LUCAS_TEST_REDIS_URL`` (``./dev test``
starts throwaway servers and sets them). Without them, tests that need them fail loudly, unless
``LUCAS_TEST_ALLOW_MISSING=1`` turns that into skips for a quick local run.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import uvicorn

from db.migrate import upgrade
from resolvers.accounts import passwords
from server.app import create_app
from server.settings import Settings, load_settings

passwords.configure(time_cost=1, memory_cost=1024)

PG_DSN = os.environ.get("LUCAS_TEST_PG_DSN")
REDIS_URL = os.environ.get("LUCAS_TEST_REDIS_URL")
ALLOW_MISSING = os.environ.get("LUCAS_TEST_ALLOW_MISSING") == "1"


def need(value: str | None, what: str) -> str:
    if value:
        return value
    if ALLOW_MISSING:
        pytest.skip(f"{what} is not configured (LUCAS_TEST_ALLOW_MISSING=1)")
    pytest.fail(f"{what} is not configured: run the tests with ./dev test")


def _worker_id() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "template.sqlite3"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_template() -> str:
    dsn = need(PG_DSN, "PostgreSQL")
    name = f"lucas_tpl_{_worker_id()}_{uuid.uuid4().hex[:6]}"

    async def create() -> None:
        conn = await asyncpg.connect(dsn)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    asyncio.run(create())
    upgrade(_pg_url(dsn, name))
    return name


def _pg_url(dsn: str, database: str) -> str:
    base = dsn.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    return f"{base}/{database}"


async def _pg_clone(template: str) -> str:
    dsn = need(PG_DSN, "PostgreSQL")
    name = f"t_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        await conn.close()
    return _pg_url(dsn, name)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        target = tmp_path / "lucas.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        return f"sqlite+aiosqlite:///{target}"
    return asyncio.run(_pg_clone(request.getfixturevalue("pg_template")))


def make_settings(tmp_path: Path, database_url: str, **overrides: Any) -> Settings:
    env = {
        "LUCAS_DATA_DIR": str(tmp_path / "data"),
        "LUCAS_DATABASE_URL": database_url,
        "LUCAS_SECRET_KEY": "test-secret-key-" + "x" * 32,
        "LUCAS_RATE_LIMITS": "off",
        "LUCAS_IN_PROCESS_WORKERS": "0",
        "LUCAS_FRONTEND_DIR": str(tmp_path / "no-frontend"),
    }
    return replace(load_settings(env), **overrides)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url)


class GraphQLClient:
    """Posts operations; ``token`` is sent as a bearer token."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        expect_errors: bool = False,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        sent = dict(headers or {})
        if token:
            sent["authorization"] = f"Bearer {token}"
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=sent
        )
        body: dict[str, Any] = response.json()
        body["_status"] = response.status_code
        if not expect_errors and body.get("errors"):
            raise AssertionError(f"unexpected GraphQL errors: {body['errors']}")
        return body

    async def register(self, username: str, password: str = "password123") -> tuple[str, int]:
        body = await self(
            "mutation($u:String!,$p:String!){authRegister(input:{username:$u,password:$p})"
            "{accessToken user{id} errors{code}}}",
            {"u": username, "p": password},
        )
        payload = body["data"]["authRegister"]
        assert payload["errors"] == [], payload
        return payload["accessToken"], int(payload["user"]["id"])


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[Any]:
    application = create_app(settings, migrate=False, start_workers=False)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def gql(app: Any) -> AsyncIterator[GraphQLClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield GraphQLClient(http)


async def make_admin(app: Any, gql: GraphQLClient, username: str = "admin") -> tuple[str, int]:
    from sqlalchemy import update

    from db.models import User

    token, user_id = await gql.register(username)
    async with app.state.services.db.transaction() as session:
        await session.execute(update(User).where(User.id == user_id).values(role="admin"))
    return token, user_id


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """``lucas serve``'s app under uvicorn in a thread, on a free port."""

    def __init__(self, app: Any, port: int, *, deflate: bool = False) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(
            uvicorn.Config(
                app,
                host="127.0.0.1",
                port=port,
                log_level="warning",
                ws="websockets-sansio",
                ws_per_message_deflate=deflate,  # as ``lucas serve`` unless a test asks
                lifespan="on",
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("live server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def live_server_factory(tmp_path: Path) -> Iterator[Any]:
    servers: list[LiveServer] = []

    def start(settings: Settings, *, deflate: bool = False, **app_options: Any) -> LiveServer:
        port = free_port()
        settings = replace(settings, port=port, host="127.0.0.1")
        app = create_app(settings, **{"migrate": False, **app_options})
        server = LiveServer(app, port, deflate=deflate).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
