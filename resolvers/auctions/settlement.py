"""The end of an auction: the item to the winner and the price less the fee to the seller, or the
item back when nobody bid; the ``auction_settle`` job's work list and an admin's early end."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer
from db.models.auctions import Auction
from resolvers import events, ledger, movement, notifications
from resolvers.auctions import common
from resolvers.auctions.common import (
    OPEN,
    SOLD,
    UNSOLD,
    escrow,
    fee_of,
    item_name,
    locked,
    parse_auction_id,
    subject,
)
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "auction_settlement", "AUCTION_CLOSED", "UNKNOWN_AUCTION", uses=(common.ERRORS, movement.ERRORS)
)


def sale_legs(auction: Auction, *, winner: int, price: int) -> list[ledger.Leg]:
    """Out of escrow: the item to the winner, the price less the fee to the seller, the fee to fees."""
    lot = int(auction.id or 0)
    fee = fee_of(price)
    legs = [
        ledger.Leg(
            debit=escrow(lot),
            credit=("user", winner),
            asset=ledger.item_asset(auction.item_id),
            amount=auction.quantity,
            kind="auction_won",
            ref=subject(lot),
        ),
        ledger.Leg(
            debit=escrow(lot),
            credit=("system", ledger.FEES),
            asset=auction.currency,
            amount=fee,
            kind="auction_fee",
            ref=subject(lot),
        ),
    ]
    if price > fee:
        legs.append(
            ledger.Leg(
                debit=escrow(lot),
                credit=("user", auction.seller_id),
                asset=auction.currency,
                amount=price - fee,
                kind="auction_sale",
                ref=subject(lot),
            )
        )
    return legs


def settled_event(auction: Auction, actor_id: int | None) -> events.Spec:
    lot = int(auction.id or 0)
    audience = [auction.seller_id, *([auction.leader_id] if auction.leader_id is not None else [])]
    return events.Spec(
        kind="auction.settled",
        actor_id=actor_id,
        subject=subject(lot),
        audience=audience,
        payload={"auction_id": lot, "status": auction.status, "price": auction.final_price},
    )


def sale_notes(auction: Auction, name: str) -> list[notifications.Note]:
    lot, price = int(auction.id or 0), int(auction.final_price or 0)
    data = {"auction_id": lot, "name": name, "amount": price, "currency": auction.currency}
    if auction.status == UNSOLD or auction.leader_id is None:
        return [
            notifications.Note(
                user_id=auction.seller_id,
                kind="auction.unsold",
                title=f"Unsold: {name}",
                body="Nobody bid; the item is back in your inventory.",
                data=data | {"quantity": auction.quantity},
            )
        ]
    fee = fee_of(price)
    return [
        notifications.Note(
            user_id=auction.leader_id,
            kind="auction.won",
            title=f"Won: {name}",
            body=f"You won {name} × {auction.quantity} for {price} {auction.currency}.",
            data=data | {"quantity": auction.quantity},
        ),
        notifications.Note(
            user_id=auction.seller_id,
            kind="auction.sold",
            title=f"Sold: {name}",
            body=f"Sold for {price} {auction.currency}; you receive {price - fee} after the fee.",
            data=data | {"fee": fee, "net": price - fee},
        ),
    ]


async def settle(
    session: AsyncSession,
    *,
    auction_id: int,
    clock: Clock,
    actor_id: int | None = None,
    early: bool = False,
) -> Auction | None:
    """Ends an open auction that is due (any open one when ``early``); None when there is none (it
    was settled already, perhaps by a concurrent run)."""
    now = clock.now()
    found = await locked(session, auction_id, open_only=True)
    if found is None or (not early and found.ends_at > now):
        return None
    auction: Auction = found
    lot = int(auction.id or 0)
    if auction.leader_id is not None and auction.current_bid is not None:
        status, price = SOLD, auction.current_bid
        legs = sale_legs(auction, winner=auction.leader_id, price=price)
    else:
        status, price = UNSOLD, None
        legs = [
            ledger.Leg(
                debit=escrow(lot),
                credit=("user", auction.seller_id),
                asset=ledger.item_asset(auction.item_id),
                amount=auction.quantity,
                kind="auction_return",
                ref=subject(lot),
            )
        ]

    async def effects(_: list[Transfer]) -> Effects:
        auction.status, auction.settled_at, auction.final_price = status, now, price
        if early:
            auction.ends_at = min(auction.ends_at, now)
        session.add(auction)
        await session.flush()
        name = await item_name(session, auction.item_id)
        return Effects(
            events=[settled_event(auction, actor_id)],
            notes=sale_notes(auction, name),
            audit=Audit(
                action="auction.end" if early else "auction.settle",
                subject=subject(lot),
                data={"status": status, "price": price},
            ),
        )

    await movement.move(
        session,
        movement.Movement(operation="auction.settle", actor_id=actor_id, legs=legs),
        clock=clock,
        effects=effects,
    )
    return auction


async def end(session: AsyncSession, *, actor_id: int, auction_id: Any, clock: Clock) -> Auction:
    """An admin ends an open auction now: sold to the best bid so far, or unsold."""
    ident = parse_auction_id(auction_id)
    if await session.get(Auction, ident) is None:
        raise DomainError("UNKNOWN_AUCTION", "No such auction.", "auctionId")
    ended = await settle(session, auction_id=ident, clock=clock, actor_id=actor_id, early=True)
    if ended is None:
        raise DomainError("AUCTION_CLOSED", "This auction has ended already.", "auctionId")
    return ended


async def due(session: AsyncSession, *, clock: Clock, limit: int = 100) -> list[int]:
    """Open auctions past their end, oldest end first."""
    query = (
        select(col(Auction.id))
        .where(col(Auction.status) == OPEN, col(Auction.ends_at) <= clock.now())
        .order_by(col(Auction.ends_at), col(Auction.id))
        .limit(limit)
    )
    return [int(i) for i in (await session.execute(query)).scalars().all()]
