"""XP from domain events (the durable consumer ``progression``) and the daily streak reset."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers import daily, progression
from resolvers.outbox import consumer
from workers import runtime
from workers.broker import job


@consumer(progression.CONSUMER)
async def award_xp(session: AsyncSession, event: Event) -> None:
    await progression.award(session, event)


@job("daily_reset", every=3600.0, max_retries=3, time_limit=60_000)
async def daily_reset() -> dict[str, int]:
    """Streaks that can no longer continue (two missed days, or one without a grace day) become 0."""
    rt = runtime.get()
    return {"streaks_reset": await rt.transaction(lambda s: daily.reset_broken(s, clock=rt.clock))}
