"""Every way an offer ends: accepted (one swap, each currency amount less its fee), or declined,
cancelled or expired with its escrow back to the sender."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer
from db.models.trading import TradeOffer
from resolvers import ledger, movement
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.movement import Audit, Effects
from resolvers.trading import common
from resolvers.trading.common import (
    ACCEPTED,
    CANCELLED,
    DECLINED,
    ESCROW,
    EXPIRED,
    OPEN,
    Outcome,
    close,
    event,
    fee,
    locked,
    note,
)

ERRORS = ErrorCodes("trade_settlement", "NOT_RECIPIENT", "NOT_SENDER", uses=(common.ERRORS, movement.ERRORS))


async def accept(
    session: AsyncSession, *, actor_id: int, offer_id: Any, clock: Clock, actor_name: str | None = None
) -> Outcome:
    """One operation: both sides swap, each currency amount less its fee (paid to ``fees``)."""
    offer = await locked(session, actor_id, offer_id)
    if offer.recipient_id != actor_id:
        raise DomainError("NOT_RECIPIENT", "Only the offer's recipient may accept it.", "offerId")
    await close(session, offer, ACCEPTED, clock, live=True)
    ident, sender = int(offer.id or 0), offer.sender_id
    ref = f"trade:{ident}"
    legs: list[ledger.Leg] = []
    for payer, payee, goods in (
        (("system", ESCROW), ("user", actor_id), offer.give),
        (("user", actor_id), ("user", sender), offer.want),
    ):
        for good in goods:
            asset, amount = good["asset"], int(good["amount"])
            cut = fee(asset, amount)
            if amount > cut:
                legs.append(
                    ledger.Leg(
                        debit=payer, credit=payee, asset=asset, amount=amount - cut, kind="trade", ref=ref
                    )
                )
            if cut:
                legs.append(
                    ledger.Leg(
                        debit=payer,
                        credit=("system", ledger.FEES),
                        asset=asset,
                        amount=cut,
                        kind="trade_fee",
                        ref=ref,
                    )
                )
    await movement.move(
        session,
        movement.Movement(
            operation="trade.accept",
            actor_id=actor_id,
            params={"offer": ident},
            legs=legs,
            shortfall_field="want",
            unknown_field="offerId",
        ),
        clock=clock,
        effects=lambda transfers: _closed_effects(offer, "accepted", actor_id, actor_name, transfers),
    )
    return Outcome(offer=offer)


async def decline(
    session: AsyncSession, *, actor_id: int, offer_id: Any, clock: Clock, actor_name: str | None = None
) -> Outcome:
    offer = await locked(session, actor_id, offer_id)
    if offer.recipient_id != actor_id:
        raise DomainError("NOT_RECIPIENT", "Only the offer's recipient may decline it.", "offerId")
    return await _release(session, offer, DECLINED, actor_id=actor_id, actor_name=actor_name, clock=clock)


async def cancel(
    session: AsyncSession, *, actor_id: int, offer_id: Any, clock: Clock, actor_name: str | None = None
) -> Outcome:
    offer = await locked(session, actor_id, offer_id)
    if offer.sender_id != actor_id:
        raise DomainError("NOT_SENDER", "Only the offer's sender may cancel it.", "offerId")
    return await _release(session, offer, CANCELLED, actor_id=actor_id, actor_name=actor_name, clock=clock)


async def expire(session: AsyncSession, *, offer_id: int, clock: Clock) -> bool:
    """Expires one offer past its time and returns its escrow; False when it is no longer open
    (accepted, cancelled or expired meanwhile) or not yet due."""
    offer = (
        await session.execute(
            select(TradeOffer)
            .where(col(TradeOffer.id) == offer_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one_or_none()
    if offer is None or offer.status != OPEN or offer.expires_at > clock.now():
        return False
    await _release(session, offer, EXPIRED, actor_id=None, actor_name=None, clock=clock)
    return True


def return_legs(offer: TradeOffer) -> list[ledger.Leg]:
    return [
        ledger.Leg(
            debit=("system", ESCROW),
            credit=("user", offer.sender_id),
            asset=g["asset"],
            amount=int(g["amount"]),
            kind="trade_return",
            ref=f"trade:{offer.id}",
        )
        for g in offer.give
    ]


async def _release(
    session: AsyncSession,
    offer: TradeOffer,
    status: str,
    *,
    actor_id: int | None,
    actor_name: str | None,
    clock: Clock,
) -> Outcome:
    """Closes the offer without a trade and returns its escrow to the sender."""
    await close(session, offer, status, clock, live=False)
    verb = status.lower()
    await movement.move(
        session,
        movement.Movement(
            operation=f"trade.{verb}", actor_id=actor_id, params={"offer": offer.id}, legs=return_legs(offer)
        ),
        clock=clock,
        effects=lambda transfers: _closed_effects(offer, verb, actor_id, actor_name, transfers),
    )
    return Outcome(offer=offer)


def _closed_effects(
    offer: TradeOffer, verb: str, actor_id: int | None, actor_name: str | None, transfers: list[Transfer]
) -> Effects:
    payload = {"transfer_id": transfers[0].id} if transfers else {}
    notes = [] if verb == "cancelled" else [note(offer, verb, actor_name, {})]
    return Effects(
        result={"offer_id": offer.id},
        events=[event(verb, offer, actor_id, payload)],
        notes=notes,
        audit=Audit(action=f"trade.{verb}", subject=f"trade:{offer.id}", data={"status": offer.status}),
    )
