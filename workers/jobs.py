"""Every job, imported by the broker's configuration. Jobs are reconcilers: they derive their work
from the database, so a lost, repeated or concurrent message changes nothing."""

from __future__ import annotations

import logging

import workers.ingestion
import workers.telegram  # noqa: F401
from resolvers import housekeeping, outbox
from workers import runtime
from workers.broker import job

log = logging.getLogger("lucas.workers")


@job("outbox_relay", max_retries=3, time_limit=60_000)
async def outbox_relay() -> None:
    rt = runtime.get()
    counts = await outbox.relay_all(rt.db, clock=rt.clock)
    if any(counts.values()):
        log.info("outbox relay: %s", counts)


@job("housekeeping", max_retries=3, time_limit=300_000)
async def run_housekeeping() -> None:
    rt = runtime.get()
    async with rt.db.transaction() as session:
        counts = await housekeeping.run(session, clock=rt.clock)
    log.info("housekeeping: %s", counts)
