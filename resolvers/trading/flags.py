"""The scam check's records: a lopsided offer's flag, and the fraud alert of an account that gains
from three of them within 24 hours."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models.trading import TradeAlert, TradeFlag, TradeOffer
from resolvers.clock import Clock
from resolvers.trading.common import ALERT_FLAGS, ALERT_WINDOW


async def flag(session: AsyncSession, offer: TradeOffer, clock: Clock) -> None:
    """Stores the lopsided offer's flag; the third towards one account within 24 hours raises (or
    updates) that account's fraud alert for the day."""
    gainer, loser = (
        (offer.recipient_id, offer.sender_id)
        if offer.want_value < offer.give_value
        else (offer.sender_id, offer.recipient_id)
    )
    now = clock.now()
    session.add(
        TradeFlag(
            offer_id=int(offer.id or 0),
            beneficiary_id=gainer,
            loser_id=loser,
            give_value=offer.give_value,
            want_value=offer.want_value,
            created_at=now,
        )
    )
    await session.flush()
    recent = (
        await session.execute(
            select(func.count())
            .select_from(TradeFlag)
            .where(col(TradeFlag.beneficiary_id) == gainer, col(TradeFlag.created_at) > now - ALERT_WINDOW)
        )
    ).scalar_one()
    if int(recent) >= ALERT_FLAGS:
        stmt = insert_for(session, TradeAlert).values(
            beneficiary_id=gainer, day=now.date(), flags=int(recent), created_at=now, updated_at=now
        )
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["beneficiary_id", "day"], set_={"flags": int(recent), "updated_at": now}
            )
        )
