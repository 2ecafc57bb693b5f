"""Ids from the outside world: whole numbers that fit every database's 64-bit integers."""

from __future__ import annotations

from typing import Any

MAX_ID = 2**62


def to_id(raw: Any) -> int | None:
    """The id, or None when ``raw`` is not a positive whole number in range."""
    if isinstance(raw, bool):
        return None
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return value if 0 < value < MAX_ID else None


def to_signed_id(raw: Any) -> int | None:
    """Like ``to_id`` but negative values are allowed (Telegram chat ids of groups are negative)."""
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return value if -MAX_ID < value < MAX_ID else None
