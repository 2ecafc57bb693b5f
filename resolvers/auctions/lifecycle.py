"""A seller lists an item (it goes to the auction's escrow) and may withdraw it while nobody bid."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Item, Transfer
from db.models.auctions import Auction
from resolvers import events, ledger, movement
from resolvers.auctions import common
from resolvers.auctions.common import (
    CANCELLED,
    DURATIONS,
    OPEN,
    Outcome,
    escrow,
    is_open,
    locked,
    parse_auction_id,
    reloaded,
    subject,
)
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "auction_lifecycle",
    "AUCTION_CLOSED",
    "HAS_BIDS",
    "INVALID_BUYOUT",
    "INVALID_DURATION",
    "NOT_SELLER",
    "NOT_TRADEABLE",
    "UNKNOWN_AUCTION",
    "UNKNOWN_ITEM",
    uses=(common.ERRORS, movement.ERRORS),
)


async def create(
    session: AsyncSession,
    *,
    actor_id: int,
    item_id: Any,
    quantity: Any,
    start_price: Any,
    buyout_price: Any,
    duration_days: Any,
    currency: str | None,
    idempotency_key: str | None = None,
    clock: Clock,
) -> Outcome:
    """Lists ``quantity`` of an item the seller holds; the item goes to the auction's escrow."""
    ident = to_id(item_id)
    item = await session.get(Item, ident) if ident is not None else None
    if item is None or ident is None:
        raise DomainError("UNKNOWN_ITEM", "No such item.", "itemId")
    if not item.tradeable:
        raise DomainError("NOT_TRADEABLE", "This item cannot be sold.", "itemId")
    count = ledger.parse_amount(quantity, field="quantity")
    start = ledger.parse_amount(start_price, field="startPrice")
    buyout = None if buyout_price is None else ledger.parse_amount(buyout_price, field="buyoutPrice")
    if buyout is not None and buyout < start:
        raise DomainError("INVALID_BUYOUT", "The buyout price is at least the start price.", "buyoutPrice")
    if isinstance(duration_days, bool) or duration_days not in DURATIONS:
        days = ", ".join(map(str, DURATIONS))
        raise DomainError("INVALID_DURATION", f"An auction lasts {days} days.", "durationDays")
    code = await ledger.require_currency(session, currency or ledger.DEFAULT_CURRENCY)
    asset = ledger.item_asset(ident)
    now = clock.now()

    async def effects(_: list[Transfer]) -> Effects:
        # The escrow account is named after the auction, so the row comes before the transfer.
        auction = Auction(
            seller_id=actor_id,
            item_id=ident,
            quantity=count,
            currency=code,
            start_price=start,
            buyout_price=buyout,
            status=OPEN,
            created_at=now,
            ends_at=now + timedelta(days=int(duration_days)),
        )
        session.add(auction)
        await session.flush()
        lot = int(auction.id or 0)
        moved = await ledger.post(
            session,
            [
                ledger.Leg(
                    debit=("user", actor_id),
                    credit=escrow(lot),
                    asset=asset,
                    amount=count,
                    kind="auction_listing",
                    ref=subject(lot),
                )
            ],
            clock=clock,
            actor_id=actor_id,
            shortfall_field="quantity",
        )
        return Effects(
            result={"auction_id": lot},
            events=[
                events.Spec(
                    kind="auction.created",
                    actor_id=actor_id,
                    subject=subject(lot),
                    audience=[actor_id],
                    payload={"auction_id": lot, "transfer_id": moved[0].id},
                )
            ],
            audit=Audit(
                action="auction.create", subject=subject(lot), data={"asset": asset, "quantity": count}
            ),
        )

    done = await movement.move(
        session,
        movement.Movement(
            operation="auction.create",
            actor_id=actor_id,
            legs=[],
            idempotency_key=idempotency_key,
            params={"item": ident, "quantity": count, "start": start, "buyout": buyout}
            | {"days": duration_days, "currency": code},
        ),
        clock=clock,
        effects=effects,
    )
    return Outcome(auction=await reloaded(session, int(done.result["auction_id"])), replayed=done.replayed)


async def cancel(session: AsyncSession, *, actor_id: int, auction_id: Any, clock: Clock) -> Auction:
    """The seller withdraws an auction nobody has bid on; the item comes back."""
    ident = parse_auction_id(auction_id)
    found = await locked(session, ident)
    if found is None:
        raise DomainError("UNKNOWN_AUCTION", "No such auction.", "auctionId")
    auction: Auction = found
    now = clock.now()
    if auction.seller_id != actor_id:
        raise DomainError("NOT_SELLER", "Only the seller may cancel an auction.", "auctionId")
    if not is_open(auction, now):
        raise DomainError("AUCTION_CLOSED", "This auction has ended.", "auctionId")
    if auction.leader_id is not None:
        raise DomainError("HAS_BIDS", "An auction with bids cannot be cancelled.", "auctionId")
    lot = int(auction.id or 0)
    leg = ledger.Leg(
        debit=escrow(lot),
        credit=("user", actor_id),
        asset=ledger.item_asset(auction.item_id),
        amount=auction.quantity,
        kind="auction_return",
        ref=subject(lot),
    )

    def effects(_: list[Transfer]) -> Effects:
        auction.status, auction.settled_at, auction.ends_at = CANCELLED, now, now
        session.add(auction)
        return Effects(
            events=[
                events.Spec(
                    kind="auction.cancelled",
                    actor_id=actor_id,
                    subject=subject(lot),
                    audience=[actor_id],
                    payload={"auction_id": lot, "status": CANCELLED},
                )
            ],
            audit=Audit(action="auction.cancel", subject=subject(lot)),
        )

    await movement.move(
        session,
        movement.Movement(operation="auction.cancel", actor_id=actor_id, legs=[leg]),
        clock=clock,
        effects=effects,
    )
    await session.flush()
    return auction
