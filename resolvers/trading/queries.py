"""Reading offers: the expiry job's work list and a player's offers page."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.trading import TradeOffer
from resolvers.clock import Clock
from resolvers.trading.common import DUE_BATCH, HISTORY, OPEN


async def due(session: AsyncSession, *, clock: Clock, limit: int | None = None) -> list[int]:
    """Open offers past their expiry, oldest first."""
    rows = await session.execute(
        select(col(TradeOffer.id))
        .where(col(TradeOffer.status) == OPEN, col(TradeOffer.expires_at) <= clock.now())
        .order_by(col(TradeOffer.id))
        .limit(limit or DUE_BATCH)
    )
    return [int(ident) for ident in rows.scalars().all()]


async def of_user(
    session: AsyncSession,
    *,
    user_id: int,
    after: int | None,
    limit: int,
    clock: Clock,
    status: str | None = None,
) -> list[TradeOffer]:
    """The viewer's offers, sent and received, newest first: open ones and those closed within 30
    days (``limit + 1`` rows for paging)."""
    query = select(TradeOffer).where(
        or_(col(TradeOffer.sender_id) == user_id, col(TradeOffer.recipient_id) == user_id),
        or_(col(TradeOffer.status) == OPEN, col(TradeOffer.closed_at) >= clock.now() - HISTORY),
    )
    if status is not None:
        query = query.where(col(TradeOffer.status) == status)
    if after is not None:
        query = query.where(col(TradeOffer.id) < after)
    rows = await session.execute(query.order_by(col(TradeOffer.id).desc()).limit(limit + 1))
    return list(rows.scalars().all())
