from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Date, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class Challenge(SQLModel, table=True):
    """One of a player's challenges for one period (day, week or month): counted from events."""

    __tablename__ = "challenges"
    __table_args__ = (
        UniqueConstraint("user_id", "period", "period_start", "slot", name="uq_challenges_slot"),
        Index("ix_challenges_open", "status", "expires_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    period: str = Field(sa_column=Column(String(8), nullable=False))
    period_start: date = Field(sa_column=Column(Date, nullable=False))
    slot: int = Field(sa_column=Column(Integer, nullable=False))
    kind: str = Field(sa_column=Column(String(32), nullable=False))
    goal: int = Field(sa_column=Column(Integer, nullable=False))
    progress: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    reward: int = Field(sa_column=Column(BigInteger, nullable=False))
    xp_reward: int = Field(sa_column=Column(Integer, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))
    expires_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    transfer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ChallengeEvent(SQLModel, table=True):
    """An event the challenges consumer has counted for a player: each is counted once."""

    __tablename__ = "challenge_events"

    event_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ChallengeStreak(SQLModel, table=True):
    """Periods in a row (days, weeks or months) in which a player finished all their challenges."""

    __tablename__ = "challenge_streaks"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    period: str = Field(sa_column=Column(String(8), primary_key=True))
    current: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    best: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    last_start: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
