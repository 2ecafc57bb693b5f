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


async def run(
    *, stop: asyncio.Event, kick: asyncio.Event | None = None, schedule: dict[str, float] | None = None
) -> None:
    """Enqueue each job at its interval; ``kick`` runs the outbox relay at once (after a commit)."""
    schedule = schedule or SCHEDULE
    last: dict[str, float] = dict.fromkeys(schedule, -math.inf)
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
