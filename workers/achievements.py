"""Achievement progress from domain events: the durable consumer ``achievements``."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers.achievements import counting
from resolvers.outbox import consumer


@consumer(counting.CONSUMER)
async def count_progress(session: AsyncSession, event: Event) -> None:
    await counting.count(session, event)
