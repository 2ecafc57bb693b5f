from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Date, Integer, String
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime, utcnow


class DailyStreak(SQLModel, table=True):
    """A player's daily-bonus streak: locked by each claim, so claims of one player queue."""

    __tablename__ = "daily_streaks"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    current: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    best: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    last_day: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    grace_month: str | None = Field(
        default=None,
        sa_column=Column(String(7), nullable=True),
        description="The calendar month (YYYY-MM) whose grace day was used last.",
    )
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DailyClaim(SQLModel, table=True):
    """One claim per player and UTC day (the primary key makes a second one impossible)."""

    __tablename__ = "daily_claims"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    day: date = Field(sa_column=Column(Date, primary_key=True))
    streak: int = Field(sa_column=Column(Integer, nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    milestone: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    graced: bool = Field(default=False)
    transfer_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
