from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Column, Index, String, false, text
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class Item(SQLModel, table=True):
    __tablename__ = "items"
    __table_args__ = (
        CheckConstraint("stock IS NULL OR stock >= 0", name="ck_items_stock"),
        CheckConstraint("price >= 0", name="ck_items_price"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    name: str = Field(max_length=100)
    description: str = Field(default="", max_length=2000)
    price: int = Field(sa_column=Column(BigInteger, nullable=False))
    currency: str = Field(max_length=40)
    stock: int | None = Field(default=None)
    per_user_limit: int | None = Field(default=None)
    cooldown_seconds: int | None = Field(default=None)
    tradeable: bool = Field(default=True)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Dynamic pricing (resolvers/pricing.py): ``price`` is the current price, moved daily within
    # [min_price, max_price]; ``demand_price`` is the level before seasonal modifiers.
    base_price: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, server_default="0"))
    min_price: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, server_default="0"))
    max_price: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, server_default="0"))
    demand_price: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, server_default="0"))
    pinned: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    price_trend: str = Field(
        default="STABLE", sa_column=Column(String(8), nullable=False, server_default=text("'STABLE'"))
    )


class Purchase(SQLModel, table=True):
    __tablename__ = "purchases"
    __table_args__ = (
        Index("ix_purchases_user_item", "user_id", "item_id", "created_at"),
        Index("ix_purchases_item_created", "item_id", "created_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    quantity: int
    total_price: int = Field(sa_column=Column(BigInteger, nullable=False))
    operation: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
