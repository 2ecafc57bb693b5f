"""Helpers shared by tests/server, tests/events and tests/workers (not fixtures of the whole suite).

- ``running(settings)``: the app in process (lifespan run) with a GraphQL client;
- ``snapshot(db)``: every row of every table (re-exported from ``tests/snapshot.py``);
- ``count_statements(db)``: the SQL statements a block sends, on the writer and the reader engine;
- ``postgres_url`` / ``sqlite_url``: a fresh database of one kind only, cloned from the template;
- ``restore_dramatiq``: puts the global Dramatiq broker and our actor table back after a test;
- ``wait_until``: polls a condition until a deadline (the only kind of waiting these tests do).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import event, text, update

from db.engine import Database
from db.models import User
from server.app import create_app
from server.settings import Settings
from tests.conftest import GraphQLClient, _pg_clone
from tests.snapshot import snapshot as snapshot  # re-exported

DEADLINE = 15.0


@contextlib.asynccontextmanager
async def running(
    settings: Settings, *, client: tuple[str, int] = ("127.0.0.1", 50000), **app_options: Any
) -> AsyncIterator[tuple[Any, GraphQLClient]]:
    """The app with its lifespan, and a GraphQL client whose requests come from ``client``."""
    app = create_app(settings, **{"migrate": False, "start_workers": False, **app_options})
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=client)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield app, GraphQLClient(http)


async def set_role(db: Database, user_id: int, role: str) -> None:
    async with db.transaction() as session:
        await session.execute(update(User).where(User.id == user_id).values(role=role))


async def scalar(db: Database, sql: str, **params: Any) -> Any:
    async with db.reader() as session:
        return (await session.execute(text(sql), params)).scalar_one()


@contextlib.contextmanager
def count_statements(db: Database) -> Iterator[list[str]]:
    """Collects the statements sent through the database's engines while the block runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    engines = {id(e.sync_engine): e.sync_engine for e in (db.engine, db.read_engine)}
    for engine in engines.values():
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        for engine in engines.values():
            event.remove(engine, "before_cursor_execute", record)


async def wait_until(
    condition: Callable[[], Awaitable[bool]] | Callable[[], bool],
    *,
    deadline: float = DEADLINE,
    what: str = "",
) -> None:
    """Polls ``condition`` until it holds; fails the test when ``deadline`` seconds pass."""
    end = time.monotonic() + deadline
    while True:
        result = condition()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if time.monotonic() > end:
            pytest.fail(f"condition not met within {deadline} s: {what}")
        await asyncio.sleep(0.02)


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> str:
    """A fresh PostgreSQL database (for tests that only make sense on PostgreSQL)."""
    return asyncio.run(_pg_clone(request.getfixturevalue("pg_template")))


@pytest.fixture
def sqlite_url(tmp_path: Any, request: pytest.FixtureRequest) -> str:
    """A fresh embedded database only, for tests whose subject does not depend on the database
    (request validation, say): they need not run twice."""
    import shutil

    target = tmp_path / "lucas.sqlite3"
    shutil.copy(request.getfixturevalue("sqlite_template"), target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture
def restore_dramatiq() -> Iterator[None]:
    """Apps with a Redis URL and the worker tests configure Dramatiq globally; undo that."""
    import dramatiq.broker

    from workers import broker, runtime

    saved_broker = dramatiq.broker.global_broker
    saved_actors = dict(broker._actors)
    saved_runtime = runtime._runtime
    yield
    dramatiq.broker.global_broker = saved_broker
    broker._actors.clear()
    broker._actors.update(saved_actors)
    runtime._runtime = saved_runtime
