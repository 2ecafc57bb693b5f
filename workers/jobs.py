"""The platform's own jobs. Jobs are reconcilers: they derive their work from the database, so a
lost, repeated or concurrent message changes nothing. Each returns what it did (counts)."""

from __future__ import annotations

from resolvers import housekeeping, outbox
from workers import runtime
from workers.broker import job


@job("outbox_relay", every=2.0, max_retries=3, time_limit=60_000)
async def outbox_relay() -> dict[str, int]:
    rt = runtime.get()
    return await outbox.relay_all(rt.db, clock=rt.clock, publish=rt.publish)


@job("housekeeping", every=3600.0, max_retries=3, time_limit=300_000)
async def run_housekeeping() -> dict[str, int]:
    rt = runtime.get()
    async with rt.db.transaction() as session:
        return await housekeeping.run(session, clock=rt.clock)
