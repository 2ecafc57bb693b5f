from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Date, Index, Integer, String
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime, utcnow


class Progress(SQLModel, table=True):
    """A player's lifetime engagement: XP, the level it gives, daily claims, the best loyalty tier."""

    __tablename__ = "progress"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    xp: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    level: int = Field(default=1, sa_column=Column(Integer, nullable=False, default=1))
    claims: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    tier: str = Field(default="bronze", sa_column=Column(String(16), nullable=False, default="bronze"))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class XpDay(SQLModel, table=True):
    """XP a player earned from one event kind on one UTC day: the daily cap per kind."""

    __tablename__ = "xp_days"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    day: date = Field(sa_column=Column(Date, primary_key=True))
    kind: str = Field(sa_column=Column(String(64), primary_key=True))
    xp: int = Field(sa_column=Column(Integer, nullable=False))
    count: int = Field(sa_column=Column(Integer, nullable=False))


class XpAward(SQLModel, table=True):
    """One event's XP for one player (zero when the day's cap was reached): read once per event."""

    __tablename__ = "xp_awards"
    __table_args__ = (Index("ix_xp_awards_user", "user_id", "event_id"),)

    event_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    kind: str = Field(sa_column=Column(String(64), nullable=False))
    xp: int = Field(sa_column=Column(Integer, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
