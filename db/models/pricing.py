from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Column, Date, Float, Index, String
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class PricePoint(SQLModel, table=True):
    """One item's price on one day, written by the pricing job; (item, day) is priced once."""

    __tablename__ = "price_history"
    __table_args__ = (Index("ux_price_history_item_day", "item_id", "day", unique=True),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    day: date = Field(sa_column=Column(Date, nullable=False))
    price: int = Field(sa_column=Column(BigInteger, nullable=False))
    previous_price: int = Field(sa_column=Column(BigInteger, nullable=False))
    demand_price: int = Field(sa_column=Column(BigInteger, nullable=False))
    trend: str = Field(sa_column=Column(String(8), nullable=False))
    purchases: int = Field(sa_column=Column(BigInteger, nullable=False))
    previous_purchases: int = Field(sa_column=Column(BigInteger, nullable=False))
    modifier: float = Field(sa_column=Column(Float, nullable=False))
    pinned: bool = Field(sa_column=Column(Boolean, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
