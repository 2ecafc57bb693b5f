from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Column, Date, Index, String, false
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class SeasonalEvent(SQLModel, table=True):
    """A scheduled event with its own currency (a ledger asset); jobs open and close it."""

    __tablename__ = "seasonal_events"
    __table_args__ = (Index("ix_seasonal_events_status", "status", "starts_at"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    template: str | None = Field(default=None, max_length=40)
    name: str = Field(max_length=80)
    description: str = Field(default="", max_length=500)
    currency: str = Field(max_length=40)
    currency_name: str = Field(max_length=60)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default="SCHEDULED", sa_column=Column(String(12), nullable=False))
    yearly: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    converted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SeasonalItem(SQLModel, table=True):
    """A shop item sold only in one event's shop, for its currency; a limited edition once held."""

    __tablename__ = "seasonal_items"
    __table_args__ = (Index("ix_seasonal_items_event", "event_id", "item_id"),)

    item_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    event_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    price: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SeasonalEarning(SQLModel, table=True):
    """Event currency one domain event earned one player: keyed by (domain event, season)."""

    __tablename__ = "seasonal_earnings"
    __table_args__ = (Index("ix_seasonal_earnings_user_day", "season_id", "user_id", "day"),)

    source_event_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    season_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    kind: str = Field(max_length=64)
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    day: date = Field(sa_column=Column(Date, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SeasonalPurchase(SQLModel, table=True):
    """An event-shop purchase: the transfers moved it, this row keeps what the progress shows."""

    __tablename__ = "seasonal_purchases"
    __table_args__ = (Index("ix_seasonal_purchases_user", "season_id", "user_id", "item_id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    season_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    quantity: int = Field(sa_column=Column(BigInteger, nullable=False))
    total: int = Field(sa_column=Column(BigInteger, nullable=False))
    operation: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SeasonalConversion(SQLModel, table=True):
    """Unused event currency a player had at the end, and the COIN it became (half, rounded down)."""

    __tablename__ = "seasonal_conversions"
    __table_args__ = (Index("ix_seasonal_conversions_user", "season_id", "user_id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    season_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    coins: int = Field(sa_column=Column(BigInteger, nullable=False))
    operation: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
