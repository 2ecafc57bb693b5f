from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Date, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class TradeOffer(SQLModel, table=True):
    """An offer between two players. What the sender gives waits in escrow while it is OPEN; the
    goods are lists of ``{"asset": "COIN" | "item:<id>", "amount": n}``; values are market values."""

    __tablename__ = "trade_offers"
    __table_args__ = (
        Index("ix_trade_offers_sender", "sender_id", "id"),
        Index("ix_trade_offers_recipient", "recipient_id", "id"),
        Index("ix_trade_offers_open", "status", "expires_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    sender_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    recipient_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))
    give: list[dict[str, Any]] = Field(sa_type=JSONType)
    want: list[dict[str, Any]] = Field(sa_type=JSONType)
    message: str | None = Field(default=None, max_length=280)
    give_value: int = Field(sa_column=Column(BigInteger, nullable=False))
    want_value: int = Field(sa_column=Column(BigInteger, nullable=False))
    lopsided: bool = Field(default=False)
    counter_of: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TradeFlag(SQLModel, table=True):
    """A lopsided offer, for moderators: ``beneficiary_id`` is the side that gets far more."""

    __tablename__ = "trade_flags"
    __table_args__ = (Index("ix_trade_flags_beneficiary", "beneficiary_id", "created_at"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    offer_id: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    beneficiary_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    loser_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    give_value: int = Field(sa_column=Column(BigInteger, nullable=False))
    want_value: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TradeAlert(SQLModel, table=True):
    """A fraud alert: many lopsided offers towards one account in a day (one row per account and day)."""

    __tablename__ = "trade_alerts"
    __table_args__ = (UniqueConstraint("beneficiary_id", "day", name="uq_trade_alerts_day"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    beneficiary_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    day: date = Field(sa_column=Column(Date, nullable=False))
    flags: int = Field(sa_column=Column(Integer, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
