"""Leaderboard periods: UTC days from 00:00, weeks from Monday, calendar months, and all time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

PERIODS = ("DAILY", "WEEKLY", "MONTHLY", "ALL_TIME")


def utc(when: datetime) -> datetime:
    """A time given without a zone is UTC, the boards' own (periods turn at 00:00 UTC)."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def window(period: str, now: datetime) -> tuple[datetime, datetime] | None:
    """The period holding ``now`` as ``[start, end)``; None for ALL_TIME."""
    day = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "DAILY":
        return day, day + timedelta(days=1)
    if period == "WEEKLY":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=7)
    if period == "MONTHLY":
        start = day.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return start, following
    if period == "ALL_TIME":
        return None
    raise ValueError(f"unknown period {period!r}")


def previous(period: str, now: datetime) -> tuple[datetime, datetime] | None:
    """The period before the one holding ``now``; None for ALL_TIME."""
    span = window(period, now)
    return None if span is None else window(period, span[0] - timedelta(microseconds=1))


def key(period: str, now: datetime) -> str:
    """A name for the period holding ``now``: ``DAILY:2026-12-03``, ``WEEKLY:2026-11-30``, ``ALL_TIME``."""
    span = window(period, now)
    return period if span is None else f"{period}:{span[0].date().isoformat()}"
