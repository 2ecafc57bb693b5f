"""Relay-style connections with keyset cursors; ``first`` is capped."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy import Select

from db.engine import Database
from resolvers.errors import DomainError
from resolvers.ids import to_id

T = TypeVar("T")
MAX_FIRST = 100


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


def encode_cursor(kind: str, value: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode()


def decode_cursor(kind: str, cursor: str | None) -> int | None:
    if cursor is None:
        return None
    try:
        prefix, value = base64.urlsafe_b64decode(cursor.encode()).decode().split(":", 1)
        number = to_id(value)
        if prefix == kind and number is not None:
            return number
    except (ValueError, UnicodeDecodeError):
        pass
    raise DomainError("INVALID_CURSOR", "This cursor is not valid here.", "after")


def check_first(first: int) -> int:
    if not 1 <= first <= MAX_FIRST:
        raise DomainError("INVALID_FIRST", f"first must be 1 to {MAX_FIRST}.", "first")
    return first


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    """A page of ``T``; a domain names its own with ``class XConnection(Connection[X])``."""

    edges: list[Edge[T]]
    page_info: PageInfo


R = TypeVar("R")
C = TypeVar("C", bound=Connection[Any])


def page(
    connection: type[C],
    rows: Sequence[R],
    *,
    kind: str,
    limit: int,
    node: Callable[[R], Any],
    key: Callable[[R], int] = lambda r: int(getattr(r, "id", 0) or 0),
    **extra: Any,
) -> C:
    """Rows fetched as ``limit + 1`` (the extra one tells whether a next page exists) to a page."""
    edges = [Edge(node=node(r), cursor=encode_cursor(kind, key(r))) for r in rows[:limit]]
    return connection(edges=edges, page_info=page_info(rows, limit, edges), **extra)


async def paginate(
    db: Database,
    connection: type[C],
    query: Select[Any],
    *,
    kind: str,
    first: int,
    after: str | None,
    column: Any,
    node: Callable[[Any], Any],
    newest_first: bool = True,
    key: Callable[[Any], int] | None = None,
    **extra: Any,
) -> C:
    """One keyset page of ``query`` (ordered by ``column``, newest or oldest first)."""
    limit = check_first(first)
    start = decode_cursor(kind, after)
    if start is not None:
        query = query.where(column < start if newest_first else column > start)
    query = query.order_by(column.desc() if newest_first else column).limit(limit + 1)
    async with db.reader() as session:
        rows = (await session.execute(query)).scalars().all()
    if key is not None:
        extra["key"] = key
    return page(connection, rows, kind=kind, limit=limit, node=node, **extra)


def page_info(rows: Sequence[object], limit: int, edges: Sequence[Any]) -> PageInfo:
    """Pages fetch ``limit + 1`` rows: the extra one says whether there is a next page."""
    return PageInfo(has_next_page=len(rows) > limit, end_cursor=edges[-1].cursor if edges else None)
