"""Relay-style connections with keyset cursors; ``first`` is capped."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

import strawberry

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


def page_info(rows: Sequence[object], limit: int, edges: Sequence[Any]) -> PageInfo:
    """Pages fetch ``limit + 1`` rows: the extra one says whether there is a next page."""
    return PageInfo(has_next_page=len(rows) > limit, end_cursor=edges[-1].cursor if edges else None)
