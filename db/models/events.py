from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class Event(SQLModel, table=True):
    """Appended in the transaction that caused it; carries ids, not private data."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_tx_id", "tx", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    kind: str = Field(max_length=64, index=True)
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    subject: str | None = Field(default=None, max_length=120)
    audience: list[int] = Field(default_factory=list, sa_type=JSONType)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    tx: int | None = Field(
        default=None,
        sa_column=Column(BigInteger, nullable=True),
        description="PostgreSQL: the appending transaction's id, so the relay reads in commit-safe order.",
    )


class ConsumerOffset(SQLModel, table=True):
    """How far a durable consumer has read the events table."""

    __tablename__ = "consumer_offsets"

    consumer: str = Field(sa_column=Column(String(64), primary_key=True))
    last_event_id: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    last_tx: int = Field(
        default=0, sa_column=Column(BigInteger, nullable=False, default=0, server_default="0")
    )
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Notification(SQLModel, table=True):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user", "user_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    kind: str = Field(max_length=64)
    title: str = Field(max_length=200)
    body: str = Field(default="", max_length=2000)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Delivery(SQLModel, table=True):
    """One delivery of one thing over one channel: the unique key makes sending at most once."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("channel", "ref", name="uq_deliveries_channel_ref"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    channel: str = Field(max_length=32)
    ref: str = Field(max_length=120)
    status: str = Field(default="pending", max_length=16)
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
