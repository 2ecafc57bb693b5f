"""The platform's clock.

``SystemClock`` is real time. ``MovableClock`` (``LUCAS_CLOCK=manual``, refused in production) is
real time plus an offset that the whole deployment shares through one configuration row: each
process reads it at the start of every request, job and scheduler turn, and
``resolvers.ops.advance_clock`` moves it forward (never back). ``ManualClock`` is for unit tests:
it moves only when the test says so.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.models import ConfigValue

OFFSET_KEY = "clock.offset_seconds"
MODES = ("system", "manual")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 1, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, **kwargs: float) -> None:
        self._now += timedelta(**kwargs)


class MovableClock:
    """Real time plus the deployment's shared offset (seconds), as last read from the database."""

    def __init__(self) -> None:
        self.offset_seconds = 0.0

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.offset_seconds)

    async def refresh(self, db: Database) -> None:
        async with db.reader() as session:
            value = (
                await session.execute(
                    select(col(ConfigValue.value)).where(col(ConfigValue.key) == OFFSET_KEY)
                )
            ).scalar_one_or_none()
        self.offset_seconds = float(value) if isinstance(value, int | float) else 0.0


def clock_for(mode: str) -> Clock:
    if mode not in MODES:
        raise ValueError(f"unknown clock mode {mode!r} (expected one of {', '.join(MODES)})")
    return MovableClock() if mode == "manual" else SystemClock()


async def refresh(clock: Clock, db: Database) -> None:
    """Reads the shared offset when the clock is movable; nothing otherwise."""
    if isinstance(clock, MovableClock):
        await clock.refresh(db)
