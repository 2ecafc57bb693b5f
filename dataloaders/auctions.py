from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dataloaders.base import DatabaseLoader
from db.models.auctions import AuctionBid
from resolvers.auctions import queries

RECENT_BIDS = 20


class RecentBidsByAuctionLoader(DatabaseLoader[int, list[AuctionBid]]):
    """The latest ``RECENT_BIDS`` bids of each auction, newest first."""

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[AuctionBid]]:
        return await queries.recent_bids(session, keys, limit=RECENT_BIDS)

    def missing(self) -> list[AuctionBid]:
        return []
