"""The periodic jobs and the loop that enqueues them (``lucas scheduler``, or a task in serve)."""

from __future__ import annotations

import asyncio
import logging
import math
import time

from workers import broker

log = logging.getLogger("lucas.scheduler")

SCHEDULE: dict[str, float] = {
    "outbox_relay": 2.0,
    "telegram_deliver": 2.0,
    "parser_retrain": 3600.0,
    "housekeeping": 3600.0,
}
# Heavy jobs that must not run at every start (a restart would retrain the parser); each still
# catches up within one interval, and the job itself decides whether work is due.
NOT_AT_START = frozenset({"parser_retrain"})


async def run(
    *, stop: asyncio.Event, kick: asyncio.Event | None = None, schedule: dict[str, float] | None = None
) -> None:
    """Enqueue each job at its interval; ``kick`` runs the outbox relay at once (after a commit)."""
    schedule = schedule or SCHEDULE
    started = time.monotonic()
    last = {name: started if name in NOT_AT_START else -math.inf for name in schedule}
    while not stop.is_set():
        now = time.monotonic()
        for name, every in schedule.items():
            if now - last[name] >= every:
                last[name] = now
                try:
                    broker.send(name)
                except Exception:
                    log.exception("could not enqueue %s", name)
        waiter = kick if kick is not None else stop
        try:
            await asyncio.wait_for(waiter.wait(), timeout=min(schedule.values()))
        except TimeoutError:
            pass
        if kick is not None and kick.is_set():
            kick.clear()
            last["outbox_relay"] = -math.inf
