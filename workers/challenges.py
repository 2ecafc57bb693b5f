"""Challenge progress from domain events (the durable consumer ``challenges``) and the reset job."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers import challenges, outbox
from resolvers.challenges import progress
from resolvers.outbox import consumer
from workers import runtime
from workers.broker import job


@consumer(challenges.CONSUMER)
async def count_progress(session: AsyncSession, event: Event) -> None:
    await progress.count(session, event)


@job("challenge_reset", every=600.0, max_retries=3, time_limit=120_000)
async def challenge_reset() -> dict[str, Any]:
    """At 00:00 UTC (weeks on Monday, months on the 1st): counts the events not yet counted, expires
    the ended periods' unfinished challenges and assigns the new periods' challenges."""
    rt = runtime.get()
    counted = await outbox.relay(rt.db, challenges.CONSUMER, clock=rt.clock, publish=rt.publish)
    report = await rt.transaction(lambda s: challenges.reset(s, clock=rt.clock))
    return {"counted": counted, **report}
