"""A bid: escrowed, the outbid bidder refunded in the same transaction, the end moved by a late bid,
and a sale at once at the buyout price."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer
from db.models.auctions import Auction, AuctionBid
from resolvers import events, ledger, movement, notifications
from resolvers.auctions import common
from resolvers.auctions.common import (
    MAX_EXTENSIONS,
    SNIPE_WINDOW,
    SOLD,
    Outcome,
    escrow,
    is_open,
    item_name,
    locked,
    minimum_bid,
    parse_auction_id,
    reloaded,
    subject,
)
from resolvers.auctions.settlement import sale_legs, sale_notes, settled_event
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "auction_bids",
    "AUCTION_CLOSED",
    "BID_TOO_LOW",
    "OWN_AUCTION",
    "UNKNOWN_AUCTION",
    uses=(common.ERRORS, movement.ERRORS),
)


async def bid(
    session: AsyncSession,
    *,
    actor_id: int,
    auction_id: Any,
    amount: Any,
    idempotency_key: str | None,
    clock: Clock,
    actor_name: str | None = None,
) -> Outcome:
    """A bid: escrowed, the outbid bidder refunded, the end moved when it comes in the last minutes,
    and the auction sold at once when it reaches the buyout price (only the buyout is charged).

    The checks run after the idempotency key is claimed (in ``effects``), so a repeat returns the
    first bid even though the auction has moved on since."""
    ident = parse_auction_id(auction_id)
    value = ledger.parse_amount(amount)
    found = await locked(session, ident)
    if found is None:
        raise DomainError("UNKNOWN_AUCTION", "No such auction.", "auctionId")
    auction: Auction = found

    async def effects(_: list[Transfer]) -> Effects:
        now = clock.now()
        if not is_open(auction, now):
            raise DomainError("AUCTION_CLOSED", "This auction has ended.", "auctionId")
        if auction.seller_id == actor_id:
            raise DomainError("OWN_AUCTION", "You cannot bid on your own auction.", "auctionId")
        need = minimum_bid(auction)
        if value < need:
            raise DomainError("BID_TOO_LOW", f"A bid must be at least {need}.", "amount")
        buyout = auction.buyout_price is not None and value >= auction.buyout_price
        price = auction.buyout_price if buyout and auction.buyout_price is not None else value
        lot = int(auction.id or 0)
        previous, refund = auction.leader_id, auction.current_bid
        legs = [
            ledger.Leg(
                debit=("user", actor_id),
                credit=escrow(lot),
                asset=auction.currency,
                amount=price,
                kind="auction_bid",
                ref=subject(lot),
            )
        ]
        if previous is not None and refund:
            legs.append(
                ledger.Leg(
                    debit=escrow(lot),
                    credit=("user", previous),
                    asset=auction.currency,
                    amount=refund,
                    kind="auction_refund",
                    ref=subject(lot),
                )
            )
        if buyout:
            legs += sale_legs(auction, winner=actor_id, price=price)
        transfers = await ledger.post(session, legs, clock=clock, actor_id=actor_id)
        placed = AuctionBid(
            auction_id=lot,
            bidder_id=actor_id,
            amount=price,
            transfer_id=int(transfers[0].id or 0),
            created_at=now,
        )
        session.add(placed)
        auction.current_bid, auction.leader_id = price, actor_id
        auction.bid_count += 1
        extended = False
        if buyout:
            auction.status, auction.settled_at, auction.final_price, auction.ends_at = SOLD, now, price, now
        elif auction.ends_at - now < SNIPE_WINDOW and auction.extensions < MAX_EXTENSIONS:
            auction.ends_at, extended = now + SNIPE_WINDOW, True
            auction.extensions += 1
        session.add(auction)
        await session.flush()
        name = await item_name(session, auction.item_id)
        data = {"auction_id": lot, "name": name, "amount": price, "currency": auction.currency}
        specs = [
            events.Spec(
                kind="auction.bid",
                actor_id=actor_id,
                subject=subject(lot),
                audience=[auction.seller_id, actor_id, *([previous] if previous is not None else [])],
                payload={"auction_id": lot, "bid_id": placed.id, "amount": price, "extended": extended}
                | {"transfer_id": transfers[0].id},
            )
        ]
        notes = []
        if previous is not None and previous != actor_id:
            notes.append(
                notifications.Note(
                    user_id=previous,
                    kind="auction.outbid",
                    title=f"Outbid: {name}",
                    body=f"{actor_name or 'Someone'} bid {price} {auction.currency}; your bid is refunded.",
                    data=data | {"refund": refund, "by_username": actor_name},
                )
            )
        if buyout:
            specs.append(settled_event(auction, actor_id))
            notes += sale_notes(auction, name)
        return Effects(
            result={"auction_id": lot, "bid_id": placed.id},
            events=specs,
            notes=notes,
            audit=Audit(action="auction.bid", subject=subject(lot), data={"amount": price, "buyout": buyout}),
        )

    done = await movement.move(
        session,
        movement.Movement(
            operation="auction.bid",
            actor_id=actor_id,
            legs=[],
            idempotency_key=idempotency_key,
            params={"auction": ident, "amount": value},
        ),
        clock=clock,
        effects=effects,
    )
    placed = await session.get(AuctionBid, int(done.result["bid_id"]))
    return Outcome(auction=await reloaded(session, ident), bid=placed, replayed=done.replayed)
