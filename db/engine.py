"""Engines and sessions for both databases.

On SQLite, write transactions start with ``BEGIN IMMEDIATE`` so that a transaction that reads
and then writes waits for the lock (busy timeout) instead of failing when it upgrades; reads
use a second engine with ordinary deferred transactions, which WAL lets run beside a writer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession


def _sqlite_engine(url: str, *, immediate: bool) -> AsyncEngine:
    engine = create_async_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """One database: ``transaction()`` for writes (one per operation), ``reader()`` for reads."""

    def __init__(self, url: str, *, pool_size: int = 20) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = _sqlite_engine(url, immediate=True)
            self.read_engine = _sqlite_engine(url, immediate=False)
        else:
            # No pre-ping: with asyncpg it is three round trips per checkout (BEGIN, ping, ROLLBACK),
            # the largest cost of a short request; a dropped connection invalidates the pool instead.
            # 20 kept open: with 10, 16 concurrent requests opened and closed an overflow connection
            # every tenth request.
            self.engine = create_async_engine(
                url, pool_size=pool_size, max_overflow=max(1, pool_size // 2), pool_recycle=1800
            )
            self.read_engine = self.engine
        self._writer = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self._reader = async_sessionmaker(self.read_engine, class_=AsyncSession, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        async with self._writer() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[AsyncSession]:
        async with self._reader() as session:
            if not self.is_sqlite:
                # No BEGIN/ROLLBACK around reads: under READ COMMITTED each statement saw its own
                # snapshot anyway, so autocommit changes no result and saves two round trips.
                await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()
