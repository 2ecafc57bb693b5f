from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, Integer
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class Auction(SQLModel, table=True):
    """A lot: the item and the best bid sit in the escrow account ``escrow:auction:<id>``; this row
    keeps the prices, the leader and the end, and moves from OPEN to SOLD, UNSOLD or CANCELLED once."""

    __tablename__ = "auctions"
    __table_args__ = (
        CheckConstraint("status IN ('OPEN', 'SOLD', 'UNSOLD', 'CANCELLED')", name="ck_auctions_status"),
        Index("ix_auctions_status_ends", "status", "ends_at"),
        Index("ix_auctions_seller", "seller_id", "id"),
        Index("ix_auctions_item_settled", "item_id", "settled_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    seller_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    quantity: int = Field(sa_column=Column(BigInteger, nullable=False))
    currency: str = Field(max_length=40)
    start_price: int = Field(sa_column=Column(BigInteger, nullable=False))
    buyout_price: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    status: str = Field(default="OPEN", max_length=16)
    current_bid: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    leader_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    bid_count: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    extensions: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    settled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    final_price: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class AuctionBid(SQLModel, table=True):
    """One accepted bid; its amount went to the auction's escrow by the transfer ``transfer_id``."""

    __tablename__ = "auction_bids"
    __table_args__ = (Index("ix_auction_bids_auction", "auction_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    auction_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    bidder_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    transfer_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
