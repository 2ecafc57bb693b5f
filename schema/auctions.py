"""The auction house: list an item, bid, buy out; admins end an auction early; live changes."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum

import strawberry
from sqlmodel import col

from dataloaders.accounts import UserByIdLoader
from dataloaders.auctions import RecentBidsByAuctionLoader
from dataloaders.shop import ItemByIdLoader
from db.models.auctions import Auction as AuctionRow
from db.models.auctions import AuctionBid as AuctionBidRow
from db.pubsub import subject_channel
from resolvers import events
from resolvers.auctions import bids, common, lifecycle, queries, settlement
from resolvers.ids import to_id
from schema.accounts import PublicUser
from schema.core.connections import Connection, paginate
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAdmin, IsAuthenticated
from schema.core.scalars import Amount
from schema.shop import Item

AuctionErrorCode = error_codes("Auction", lifecycle.ERRORS, bids.ERRORS, settlement.ERRORS)


@strawberry.enum
class AuctionStatus(Enum):
    OPEN = "OPEN"
    SOLD = "SOLD"
    UNSOLD = "UNSOLD"
    CANCELLED = "CANCELLED"


@strawberry.type
class AuctionError:
    code: Enum = strawberry.field(graphql_type=AuctionErrorCode)
    field: str | None
    message: str


async def _user(info: Info, user_id: int | None) -> PublicUser | None:
    if user_id is None:
        return None
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type
class AuctionBid:
    row: strawberry.Private[AuctionBidRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    async def bidder(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.bidder_id)

    @strawberry.field
    def amount(self) -> Amount:  # type: ignore[valid-type]
        return self.row.amount

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class Auction:
    row: strawberry.Private[AuctionRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def status(self) -> AuctionStatus:
        return AuctionStatus(self.row.status)

    @strawberry.field
    async def item(self, info: Info) -> Item | None:
        row = await info.context.loaders.get(ItemByIdLoader).load(self.row.item_id)
        return Item.from_row(row) if row is not None else None

    @strawberry.field(description="How many of the item are on offer.")
    def quantity(self) -> Amount:  # type: ignore[valid-type]
        return self.row.quantity

    @strawberry.field
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field
    def start_price(self) -> Amount:  # type: ignore[valid-type]
        return self.row.start_price

    @strawberry.field
    def buyout_price(self) -> Amount | None:  # type: ignore[valid-type]
        return self.row.buyout_price

    @strawberry.field(description="The best bid so far; null when nobody bid.")
    def current_bid(self) -> Amount | None:  # type: ignore[valid-type]
        return self.row.current_bid

    @strawberry.field(description="The smallest bid accepted now; null once the auction is over.")
    def minimum_bid(self, info: Info) -> Amount | None:  # type: ignore[valid-type]
        if not common.is_open(self.row, info.context.clock.now()):
            return None
        return common.minimum_bid(self.row)

    @strawberry.field(description="Who holds the best bid (the winner once sold).")
    async def leader(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.leader_id)

    @strawberry.field
    async def seller(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.seller_id)

    @strawberry.field
    def bid_count(self) -> int:
        return self.row.bid_count

    @strawberry.field(description="How many times late bids moved the end (at most 12).")
    def extensions(self) -> int:
        return self.row.extensions

    @strawberry.field(description="The price it sold for.")
    def final_price(self) -> Amount | None:  # type: ignore[valid-type]
        return self.row.final_price

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def ends_at(self) -> datetime:
        return self.row.ends_at

    @strawberry.field
    def settled_at(self) -> datetime | None:
        return self.row.settled_at

    @strawberry.field(description="The latest bids, newest first (up to 20).")
    async def bids(self, info: Info) -> list[AuctionBid]:
        rows = await info.context.loaders.get(RecentBidsByAuctionLoader).load(int(self.row.id or 0))
        return [AuctionBid(row=r) for r in rows]


@strawberry.type
class AuctionConnection(Connection[Auction]):
    pass


@strawberry.input
class AuctionCreateInput:
    item_id: strawberry.ID
    start_price: Amount  # type: ignore[valid-type]
    duration_days: int
    quantity: Amount = 1  # type: ignore[valid-type]
    buyout_price: Amount | None = None  # type: ignore[valid-type]
    currency: str = "COIN"
    idempotency_key: str | None = None


@strawberry.input
class AuctionBidInput:
    auction_id: strawberry.ID
    amount: Amount  # type: ignore[valid-type]
    idempotency_key: str | None = None


@strawberry.input
class AuctionRefInput:
    auction_id: strawberry.ID


@strawberry.type
class AuctionPayload:
    auction: Auction | None = None
    errors: list[AuctionError] = strawberry.field(default_factory=list)


@strawberry.type
class AuctionBidPayload:
    auction: Auction | None = None
    bid: AuctionBid | None = None
    errors: list[AuctionError] = strawberry.field(default_factory=list)


@strawberry.type
class AuctionsQuery:
    @strawberry.field(description="One auction.")
    async def auction(self, info: Info, id: strawberry.ID) -> Auction | None:
        ident = to_id(id)
        if ident is None:
            return None
        async with info.context.db.reader() as session:
            row = await session.get(AuctionRow, ident)
        return Auction(row=row) if row is not None else None

    @strawberry.field(description="Auctions, newest first; only those of one status when given.")
    async def auctions(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        status: AuctionStatus | None = None,
        seller_id: strawberry.ID | None = None,
    ) -> AuctionConnection:
        seller = None if seller_id is None else to_id(seller_id) or -1  # -1: nobody's
        return await paginate(
            info.context.db,
            AuctionConnection,
            queries.listing(status.value if status is not None else None, seller),
            kind="auction",
            first=first,
            after=after,
            column=col(AuctionRow.id),
            node=lambda r: Auction(row=r),
        )


@strawberry.type
class AuctionsMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="List an item you hold (it goes to escrow) for 1, 3, 7 or 14 days.",
    )
    async def auction_create(self, info: Info, input: AuctionCreateInput) -> AuctionPayload:
        ctx = info.context
        return await mutate(
            info,
            AuctionPayload,
            lambda s: lifecycle.create(
                s,
                actor_id=ctx.actor.user_id or 0,
                item_id=input.item_id,
                quantity=input.quantity,
                start_price=input.start_price,
                buyout_price=input.buyout_price,
                duration_days=input.duration_days,
                currency=input.currency,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            lambda done: AuctionPayload(auction=Auction(row=done.auction)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Bid (escrowed; the outbid bidder is refunded); at the buyout price it sells at once.",
    )
    async def auction_bid(self, info: Info, input: AuctionBidInput) -> AuctionBidPayload:
        ctx = info.context
        return await mutate(
            info,
            AuctionBidPayload,
            lambda s: bids.bid(
                s,
                actor_id=ctx.actor.user_id or 0,
                auction_id=input.auction_id,
                amount=input.amount,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
                actor_name=ctx.actor.username,
            ),
            lambda done: AuctionBidPayload(
                auction=Auction(row=done.auction), bid=AuctionBid(row=done.bid) if done.bid else None
            ),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="The seller withdraws an auction nobody has bid on."
    )
    async def auction_cancel(self, info: Info, input: AuctionRefInput) -> AuctionPayload:
        ctx = info.context
        return await mutate(
            info,
            AuctionPayload,
            lambda s: lifecycle.cancel(
                s, actor_id=ctx.actor.user_id or 0, auction_id=input.auction_id, clock=ctx.clock
            ),
            lambda row: AuctionPayload(auction=Auction(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="End an open auction now: sold to the best bid, or unsold."
    )
    async def auction_end(self, info: Info, input: AuctionRefInput) -> AuctionPayload:
        ctx = info.context
        return await mutate(
            info,
            AuctionPayload,
            lambda s: settlement.end(
                s, actor_id=ctx.actor.user_id or 0, auction_id=input.auction_id, clock=ctx.clock
            ),
            lambda row: AuctionPayload(auction=Auction(row=row)),
        )


@strawberry.type
class AuctionsSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="The auction each time it changes: a bid, a later end, its settlement.",
    )
    async def auction_changed(self, info: Info, id: strawberry.ID) -> AsyncGenerator[Auction, None]:
        ident = to_id(id)
        if ident is None:
            return
        async with info.context.services.subscribe(subject_channel(common.subject(ident))) as messages:
            async for message in messages:
                if not events.concerns(message.get("kind"), "auction"):
                    continue
                async with info.context.db.reader() as session:
                    row = await session.get(AuctionRow, ident)
                if row is not None:
                    yield Auction(row=row)


ROOTS = (AuctionsQuery, AuctionsMutation, AuctionsSubscription)
