"""Clan XP and goals from domain events (the durable consumer ``clans``), the leadership hand-over
job and the weekly goals job."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers import outbox
from resolvers.clans import goals, xp
from resolvers.outbox import consumer
from workers import runtime
from workers.broker import job


@consumer(xp.CONSUMER)
async def count_clan_xp(session: AsyncSession, event: Event) -> None:
    await xp.count(session, event)
    await goals.count(session, event)


@job("clan_leadership", every=3600.0, max_retries=3, time_limit=120_000)
async def clan_leadership() -> dict[str, Any]:
    """Counts the events not yet counted (activity), then hands over from leaders idle 30 days."""
    rt = runtime.get()
    counted = await outbox.relay(rt.db, xp.CONSUMER, clock=rt.clock, publish=rt.publish)
    changed = await rt.transaction(lambda s: xp.hand_over_inactive(s, clock=rt.clock))
    return {"counted": counted, "handed_over": changed}


@job("clan_goals", every=600.0, max_retries=3, time_limit=120_000)
async def clan_goals() -> dict[str, Any]:
    """Counts the events not yet counted, then expires the ended weeks' goals and gives every clan
    without goals this week (from Monday 00:00 UTC) the default ones."""
    rt = runtime.get()
    counted = await outbox.relay(rt.db, xp.CONSUMER, clock=rt.clock, publish=rt.publish)
    report = await rt.transaction(lambda s: goals.roll(s, clock=rt.clock))
    return {"counted": counted, **report}
