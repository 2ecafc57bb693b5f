"""The auction house: a player lists an item for 1, 3, 7 or 14 days, others bid, the best bid wins.

The item and the best bid sit in the system account ``escrow:auction:<id>``. A bid must beat the
current one by 5% (rounded up, at least 1), or reach the start price when nobody bid yet; its amount
goes to escrow and the bidder it outbids gets theirs back in the same transaction. A bid at or above
the buyout price sells at once for the buyout price. A bid in the last 5 minutes moves the end to 5
minutes after it, at most 12 times. At the end (``settle``, run by the ``auction_settle`` job, or by
an admin early) the item goes to the winner and the price to the seller less a 10% fee (rounded up)
to ``fees``, or the item back to the seller when nobody bid.

Bids and settlement lock the auction's row first (``FOR UPDATE`` on PostgreSQL; SQLite runs one
writer at a time), so concurrent bids are decided one after the other and a settlement happens once:
the row leaves OPEN in the transaction that moves the goods.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

import resolvers.auctions_texts  # noqa: F401  (defines this domain's notification texts)
from db import pubsub
from db.models import Item, Transfer
from db.models.auctions import Auction, AuctionBid
from resolvers import events, ledger, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "auctions",
    "AUCTION_CLOSED",
    "BID_TOO_LOW",
    "HAS_BIDS",
    "INVALID_BUYOUT",
    "INVALID_DURATION",
    "NOT_SELLER",
    "NOT_TRADEABLE",
    "OWN_AUCTION",
    "UNKNOWN_AUCTION",
    "UNKNOWN_ITEM",
    uses=(movement.ERRORS,),
)

OPEN, SOLD, UNSOLD, CANCELLED = "OPEN", "SOLD", "UNSOLD", "CANCELLED"
STATUSES = (OPEN, SOLD, UNSOLD, CANCELLED)
DURATIONS = (1, 3, 7, 14)
RAISE_PERCENT = 5
FEE_PERCENT = 10
SNIPE_WINDOW = timedelta(minutes=5)
MAX_EXTENSIONS = 12
KINDS = ("auction.created", "auction.bid", "auction.settled", "auction.cancelled")

events.live("wallet", *KINDS)
events.live("auction", *KINDS)
pubsub.public_subjects("auction")


def subject(auction_id: int) -> str:
    return f"auction:{auction_id}"


def escrow(auction_id: int) -> tuple[str, str]:
    return ("system", f"{ledger.ESCROW_PREFIX}auction:{auction_id}")


def percent_up(amount: int, percent: int) -> int:
    """``percent`` % of ``amount``, rounded up to a whole unit."""
    return (amount * percent + 99) // 100


def minimum_bid(auction: Auction) -> int:
    """The smallest bid the auction accepts now."""
    if auction.current_bid is None:
        return auction.start_price
    return auction.current_bid + max(1, percent_up(auction.current_bid, RAISE_PERCENT))


def fee_of(price: int) -> int:
    return percent_up(price, FEE_PERCENT)


def is_open(auction: Auction, now: datetime) -> bool:
    return auction.status == OPEN and now < auction.ends_at


@dataclass(frozen=True, kw_only=True)
class Outcome:
    auction: Auction
    bid: AuctionBid | None = None
    replayed: bool = False


def parse_auction_id(raw: Any) -> int:
    ident = to_id(raw)
    if ident is None:
        raise DomainError("UNKNOWN_AUCTION", "No such auction.", "auctionId")
    return ident


async def _locked(session: AsyncSession, auction_id: int, *, open_only: bool = False) -> Auction | None:
    query = select(Auction).where(col(Auction.id) == auction_id)
    if open_only:
        query = query.where(col(Auction.status) == OPEN)
    return (await session.execute(query.with_for_update())).scalar_one_or_none()


async def _reloaded(session: AsyncSession, auction_id: int) -> Auction:
    auction = await session.get(Auction, auction_id, populate_existing=True)
    assert auction is not None
    return auction


async def _item_name(session: AsyncSession, item_id: int) -> str:
    item = await session.get(Item, item_id)
    return item.name if item is not None else f"#{item_id}"


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
    return Outcome(auction=await _reloaded(session, int(done.result["auction_id"])), replayed=done.replayed)


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
    found = await _locked(session, ident)
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
            legs += _sale_legs(auction, winner=actor_id, price=price)
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
        name = await _item_name(session, auction.item_id)
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
            specs.append(_settled_event(auction, actor_id))
            notes += _sale_notes(auction, name)
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
    return Outcome(auction=await _reloaded(session, ident), bid=placed, replayed=done.replayed)


def _sale_legs(auction: Auction, *, winner: int, price: int) -> list[ledger.Leg]:
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


def _settled_event(auction: Auction, actor_id: int | None) -> events.Spec:
    lot = int(auction.id or 0)
    audience = [auction.seller_id, *([auction.leader_id] if auction.leader_id is not None else [])]
    return events.Spec(
        kind="auction.settled",
        actor_id=actor_id,
        subject=subject(lot),
        audience=audience,
        payload={"auction_id": lot, "status": auction.status, "price": auction.final_price},
    )


def _sale_notes(auction: Auction, name: str) -> list[notifications.Note]:
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
    found = await _locked(session, auction_id, open_only=True)
    if found is None or (not early and found.ends_at > now):
        return None
    auction: Auction = found
    lot = int(auction.id or 0)
    if auction.leader_id is not None and auction.current_bid is not None:
        status, price = SOLD, auction.current_bid
        legs = _sale_legs(auction, winner=auction.leader_id, price=price)
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
        name = await _item_name(session, auction.item_id)
        return Effects(
            events=[_settled_event(auction, actor_id)],
            notes=_sale_notes(auction, name),
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


async def cancel(session: AsyncSession, *, actor_id: int, auction_id: Any, clock: Clock) -> Auction:
    """The seller withdraws an auction nobody has bid on; the item comes back."""
    ident = parse_auction_id(auction_id)
    found = await _locked(session, ident)
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


async def due(session: AsyncSession, *, clock: Clock, limit: int = 100) -> list[int]:
    """Open auctions past their end, oldest end first."""
    query = (
        select(col(Auction.id))
        .where(col(Auction.status) == OPEN, col(Auction.ends_at) <= clock.now())
        .order_by(col(Auction.ends_at), col(Auction.id))
        .limit(limit)
    )
    return [int(i) for i in (await session.execute(query)).scalars().all()]


def listing(status: str | None = None, seller_id: int | None = None) -> Any:
    """The auctions query for a page (newest first by id), optionally of one status or seller."""
    query = select(Auction)
    if status is not None:
        query = query.where(col(Auction.status) == status)
    if seller_id is not None:
        query = query.where(col(Auction.seller_id) == seller_id)
    return query


async def recent_bids(
    session: AsyncSession, auction_ids: Sequence[int], *, limit: int
) -> dict[int, list[AuctionBid]]:
    """The latest ``limit`` bids of each auction, newest first."""
    rank = (
        func.row_number()
        .over(partition_by=col(AuctionBid.auction_id), order_by=col(AuctionBid.id).desc())
        .label("rank")
    )
    ranked = select(AuctionBid, rank).where(col(AuctionBid.auction_id).in_(list(auction_ids))).subquery()
    query = select(AuctionBid).join(ranked, col(AuctionBid.id) == ranked.c.id).where(ranked.c.rank <= limit)
    found: dict[int, list[AuctionBid]] = {ident: [] for ident in auction_ids}
    for row in (await session.execute(query.order_by(col(AuctionBid.id).desc()))).scalars().all():
        found.setdefault(row.auction_id, []).append(row)
    return found


async def last_sales(session: AsyncSession, item_ids: list[int]) -> dict[int, tuple[datetime, int]]:
    """Per item, when its latest auction sale settled and the unit price it fetched."""
    latest = (
        select(func.max(col(Auction.id)))
        .where(col(Auction.item_id).in_(item_ids), col(Auction.status) == SOLD)
        .group_by(col(Auction.item_id))
    )
    rows = await session.execute(
        select(
            col(Auction.item_id), col(Auction.settled_at), col(Auction.final_price), col(Auction.quantity)
        ).where(col(Auction.id).in_(latest))
    )
    return {
        int(item): (at, int(price) // max(1, int(quantity)))
        for item, at, price, quantity in rows.all()
        if at is not None and price is not None
    }
