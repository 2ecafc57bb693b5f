"""Reading auctions: a page's query, the latest bids of each auction, and the last sale of each item
(a ``market_value`` source)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.auctions import Auction, AuctionBid
from resolvers.auctions.common import SOLD


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
