"""Tournament deadlines: matches past their deadline are forfeited (the reporter wins, else the better
seed), players near one are reminded. Each tournament in its own unit of work; the work is derived
from the matches' state, so a repeated or concurrent run changes nothing more."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers.errors import DomainError
from resolvers.tournaments import play
from workers import runtime
from workers.broker import job

BATCH = 100
log = logging.getLogger("lucas.workers.tournaments")


@job("tournament_deadlines", every=60.0, max_retries=3, time_limit=300_000)
async def tournament_deadlines() -> dict[str, int]:
    rt = runtime.get()
    totals = {"forfeited": 0, "reminded": 0, "finished": 0, "failed": 0}
    async with rt.db.reader() as session:
        due = await play.due(session, clock=rt.clock, limit=BATCH)
    for ident in due:

        async def one(session: AsyncSession, ident: int = ident) -> dict[str, int]:
            return await play.enforce(session, tournament_id=ident, clock=rt.clock)

        try:
            done = await rt.transaction(one)
        except DomainError as exc:
            totals["failed"] += 1
            log.error("tournament %s deadlines failed: %s", ident, exc.message)
            continue
        for key, value in done.items():
            totals[key] += value
    return totals
