"""Quest progress from domain events (the durable consumer ``quests``) and the daily reset."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers.outbox import consumer
from resolvers.quests import common, progress
from workers import runtime
from workers.broker import job


@consumer(common.CONSUMER)
async def count_progress(session: AsyncSession, event: Event) -> None:
    await progress.count(session, event)


@job("quest_reset", every=3600.0, max_retries=3, time_limit=60_000)
async def quest_reset() -> dict[str, int]:
    """Daily runs of past UTC days expire: from 00:00 UTC each daily quest is available again."""
    rt = runtime.get()
    return {"expired": await rt.transaction(lambda s: progress.reset_daily(s, clock=rt.clock))}
