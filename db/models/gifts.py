from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Date, Index, Integer
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class Gift(SQLModel, table=True):
    """A present from one player to another: the transfer moved it, this row keeps the message."""

    __tablename__ = "gifts"
    __table_args__ = (
        Index("ix_gifts_sender", "sender_id", "id"),
        Index("ix_gifts_recipient", "recipient_id", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    sender_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    recipient_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    asset: str = Field(max_length=40)
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    message: str | None = Field(default=None, max_length=280)
    transfer_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class GiftDay(SQLModel, table=True):
    """How many gifts a sender made on one UTC day: the daily limit is one conditional upsert."""

    __tablename__ = "gift_days"

    sender_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    day: date = Field(sa_column=Column(Date, primary_key=True))
    count: int = Field(sa_column=Column(Integer, nullable=False))
