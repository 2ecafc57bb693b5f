from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, Index
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


class Purchase(SQLModel, table=True):
    __tablename__ = "purchases"
    __table_args__ = (Index("ix_purchases_user_item", "user_id", "item_id", "created_at"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    quantity: int
    total_price: int = Field(sa_column=Column(BigInteger, nullable=False))
    operation: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
