"""SQL that differs between the two databases, in one place."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.ext.asyncio.session import AsyncSession


def insert_for(session: AsyncSession, table: Any) -> Any:
    """An INSERT with ``on_conflict_do_nothing`` / ``on_conflict_do_update`` for the session's database."""
    return insert_in(session.bind.dialect.name if session.bind is not None else "sqlite", table)


def insert_in(dialect: str, table: Any) -> Any:
    """The same, for a dialect by name (for statements built once at import)."""
    return (pg_insert if dialect == "postgresql" else sqlite_insert)(table)
