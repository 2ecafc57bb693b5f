"""Referral rewards and holds from domain events (the durable consumer ``referrals``)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers.outbox import consumer
from resolvers.referrals import rewards


@consumer(rewards.CONSUMER)
async def referral_events(session: AsyncSession, event: Event) -> None:
    await rewards.handle(session, event)
