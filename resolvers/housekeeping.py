"""Housekeeping: expire idempotency keys and prune what the retention rules say.

Retention rules are configuration rows (``retention.*``, in days) that admins can change; the
defaults below apply when a row is absent. Ledger transfers and the audit log are never pruned.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import ConfigValue, ConsumerOffset, Delivery, Event, Notification, RefreshToken
from resolvers import idempotency
from resolvers.clock import Clock
from resolvers.ingestion import cache as parse_cache

DEFAULT_RETENTION_DAYS = {
    "retention.notifications_read": 90,
    "retention.events": 90,
    "retention.deliveries": 30,
    "retention.refresh_tokens_expired": 30,
}


async def retention(session: AsyncSession, key: str) -> timedelta:
    row = await session.get(ConfigValue, key)
    days = row.value if row is not None and isinstance(row.value, int) else DEFAULT_RETENTION_DAYS[key]
    return timedelta(days=days)


async def run(session: AsyncSession, *, clock: Clock) -> dict[str, int]:
    now = clock.now()
    counts = {"idempotency_keys": await idempotency.expire(session, clock=clock)}
    counts["parse_cache"] = await parse_cache.prune(session, clock=clock)
    cutoff = now - await retention(session, "retention.notifications_read")
    result = await session.execute(
        delete(Notification).where(col(Notification.read_at).is_not(None), col(Notification.read_at) < cutoff)
    )
    counts["notifications"] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    cutoff = now - await retention(session, "retention.deliveries")
    result = await session.execute(
        delete(Delivery).where(col(Delivery.status) == "sent", col(Delivery.created_at) < cutoff)
    )
    counts["deliveries"] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    cutoff = now - await retention(session, "retention.refresh_tokens_expired")
    result = await session.execute(delete(RefreshToken).where(col(RefreshToken.expires_at) < cutoff))
    counts["refresh_tokens"] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    consumed = (await session.execute(select(func.min(col(ConsumerOffset.last_event_id))))).scalar_one()
    cutoff = now - await retention(session, "retention.events")
    stmt = delete(Event).where(col(Event.created_at) < cutoff)
    if consumed is not None:
        stmt = stmt.where(col(Event.id) <= consumed)
    result = await session.execute(stmt)
    counts["events"] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    return counts
