"""The activity feed from domain events (the durable consumer ``feed``)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers.outbox import consumer
from resolvers.profiles import feed


@consumer(feed.CONSUMER)
async def feed_items(session: AsyncSession, event: Event) -> None:
    await feed.record(session, event)
