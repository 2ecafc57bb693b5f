"""The loop that enqueues periodic jobs (``lucas scheduler``, or a task in serve), at the interval
each job declares (``@job(..., every=...)``).

Intervals are measured on the platform's clock: with ``LUCAS_CLOCK=manual`` the loop reads the
shared offset at every turn, so moving the clock forward makes every job that fell due run now.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time

from db.engine import Database
from resolvers.clock import Clock, MovableClock, refresh
from workers import broker

log = logging.getLogger("lucas.scheduler")

RELAY = "outbox_relay"
TURN = 2.0  # the longest wait between turns with a movable clock, which may jump at any time


def intervals() -> tuple[dict[str, float], frozenset[str]]:
    """Each periodic job's interval, and the heavy ones that must not run at every start (each
    still catches up within one interval; the job itself decides whether work is due)."""
    jobs = broker.periodic()
    return (
        {name: float(j.every or 0) for name, j in jobs.items()},
        frozenset(name for name, j in jobs.items() if not j.at_start),
    )


async def run(
    *,
    stop: asyncio.Event,
    kick: asyncio.Event | None = None,
    schedule: dict[str, float] | None = None,
    clock: Clock | None = None,
    db: Database | None = None,
) -> None:
    """Enqueue each job at its interval; ``kick`` runs the outbox relay at once (after a commit)."""
    declared, not_at_start = intervals()
    schedule = schedule or declared
    if not schedule:
        return

    async def elapsed() -> float:
        """Monotonic seconds, plus the movable clock's shared offset."""
        if isinstance(clock, MovableClock) and db is not None:
            try:
                await refresh(clock, db)
            except Exception:
                log.exception("could not read the clock's offset")
            return time.monotonic() + clock.offset_seconds
        return time.monotonic()

    wait = min(schedule.values())
    if isinstance(clock, MovableClock):
        wait = min(wait, TURN)
    started = await elapsed()
    last = {name: started if name in not_at_start else -math.inf for name in schedule}
    while not stop.is_set():
        now = await elapsed()
        for name, every in schedule.items():
            if now - last[name] >= every:
                last[name] = now
                try:
                    broker.send(name)
                except Exception:
                    log.exception("could not enqueue %s", name)
        waiter = kick if kick is not None else stop
        try:
            await asyncio.wait_for(waiter.wait(), timeout=wait)
        except TimeoutError:
            pass
        if kick is not None and kick.is_set():
            kick.clear()
            if RELAY in last:
                last[RELAY] = -math.inf
