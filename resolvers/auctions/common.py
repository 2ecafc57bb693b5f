"""What every auction use case shares: statuses and rules, the escrow account, the live topics,
parsing the id and locking the row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db import pubsub
from db.models import Item
from db.models.auctions import Auction, AuctionBid
from resolvers import events, ledger
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes("auctions", "UNKNOWN_AUCTION")

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


async def locked(session: AsyncSession, auction_id: int, *, open_only: bool = False) -> Auction | None:
    query = select(Auction).where(col(Auction.id) == auction_id)
    if open_only:
        query = query.where(col(Auction.status) == OPEN)
    return (await session.execute(query.with_for_update())).scalar_one_or_none()


async def reloaded(session: AsyncSession, auction_id: int) -> Auction:
    auction = await session.get(Auction, auction_id, populate_existing=True)
    assert auction is not None
    return auction


async def item_name(session: AsyncSession, item_id: int) -> str:
    item = await session.get(Item, item_id)
    return item.name if item is not None else f"#{item_id}"
