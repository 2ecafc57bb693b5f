"""What every trading use case shares: statuses and rules, the fee, locking an offer and closing it
(one conditional update), and the events and notes of a closed offer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.trading import TradeOffer
from resolvers import events, ledger, market_value, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes("trading", "OFFER_CLOSED", "OFFER_EXPIRED", "UNKNOWN_OFFER")
KINDS = ("offered", "accepted", "declined", "cancelled", "expired", "countered")
events.live("wallet", *(f"trade.{kind}" for kind in KINDS))

OPEN, ACCEPTED, DECLINED, CANCELLED, EXPIRED, COUNTERED = (
    "OPEN",
    "ACCEPTED",
    "DECLINED",
    "CANCELLED",
    "EXPIRED",
    "COUNTERED",
)
ESCROW = f"{ledger.ESCROW_PREFIX}trades"
LIFETIME = timedelta(hours=72)
HISTORY = timedelta(days=30)
FEE_PERCENT = 5
MAX_GOODS = 10
MAX_MESSAGE = 280
LOPSIDED_PERCENT = 10
ALERT_WINDOW = timedelta(hours=24)
ALERT_FLAGS = 3
DUE_BATCH = 200

Good = dict[str, Any]
"""``{"asset": "COIN" | "item:<id>", "amount": n}``."""


@dataclass(frozen=True, kw_only=True)
class Outcome:
    offer: TradeOffer
    replayed: bool = False


def fee(asset: str, amount: int) -> int:
    """5% of a currency amount, rounded up to a whole unit; items pay none."""
    return 0 if asset.startswith(market_value.ITEM_PREFIX) else -(-amount * FEE_PERCENT // 100)


async def locked(session: AsyncSession, actor_id: int, offer_id: Any) -> TradeOffer:
    """The offer, locked for this transaction; UNKNOWN_OFFER unless the actor is one of its parties."""
    ident = to_id(offer_id)
    offer = (
        (
            await session.execute(
                select(TradeOffer)
                .where(col(TradeOffer.id) == ident)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        ).scalar_one_or_none()
        if ident is not None
        else None
    )
    if offer is None or actor_id not in (offer.sender_id, offer.recipient_id):
        raise DomainError("UNKNOWN_OFFER", "No such offer.", "offerId")
    return offer


def require_open(offer: TradeOffer, clock: Clock, *, live: bool) -> None:
    if offer.status != OPEN:
        raise DomainError("OFFER_CLOSED", f"This offer is already {offer.status.lower()}.", "offerId")
    if live and offer.expires_at <= clock.now():
        raise DomainError("OFFER_EXPIRED", "This offer has expired.", "offerId")


async def close(session: AsyncSession, offer: TradeOffer, status: str, clock: Clock, *, live: bool) -> None:
    """OPEN → ``status`` in one conditional update: of concurrent closes exactly one wins."""
    now = clock.now()
    conditions = [col(TradeOffer.id) == offer.id, col(TradeOffer.status) == OPEN]
    if live:
        conditions.append(col(TradeOffer.expires_at) > now)
    done = await session.execute(
        update(TradeOffer)
        .where(*conditions)
        .values(status=status, closed_at=now)
        .returning(col(TradeOffer.id))
    )
    if done.scalar_one_or_none() is None:
        require_open(offer, clock, live=live)
        raise DomainError("OFFER_CLOSED", "This offer is no longer open.", "offerId")
    offer.status, offer.closed_at = status, now


def event(verb: str, offer: TradeOffer, actor_id: int | None, payload: dict[str, Any]) -> events.Spec:
    return events.Spec(
        kind=f"trade.{verb}",
        actor_id=actor_id,
        subject=f"trade:{offer.id}",
        audience=[offer.sender_id, offer.recipient_id],
        payload={"offer_id": offer.id} | payload,
    )


def note(offer: TradeOffer, verb: str, by: str | None, data: dict[str, Any]) -> notifications.Note:
    """To the sender: their offer was accepted, declined, countered or expired."""
    who = by or "someone"
    body = {
        "accepted": f"{who} accepted your trade offer",
        "declined": f"{who} declined your trade offer",
        "countered": f"{who} answered your trade offer with a counter-offer",
        "expired": "Your trade offer expired; what you offered is back",
    }[verb]
    return notifications.Note(
        user_id=offer.sender_id,
        kind=f"trade.{verb}",
        title=f"🤝 Trade {verb}",
        body=body,
        data={"offer_id": offer.id, "by_username": who} | data,
    )
