from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Integer, String
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime, utcnow


class AchievementProgress(SQLModel, table=True):
    """How far a player is on one achievement: a count or a best value, derived from events."""

    __tablename__ = "achievement_progress"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    key: str = Field(sa_column=Column(String(40), primary_key=True))
    progress: int = Field(sa_column=Column(BigInteger, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AchievementUnlock(SQLModel, table=True):
    """One tier (step 1, 2, 3) of an achievement a player unlocked; the key pays it once."""

    __tablename__ = "achievement_unlocks"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    key: str = Field(sa_column=Column(String(40), primary_key=True))
    step: int = Field(sa_column=Column(Integer, primary_key=True))
    coin: int = Field(sa_column=Column(BigInteger, nullable=False))
    xp: int = Field(sa_column=Column(Integer, nullable=False))
    transfer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    event_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    unlocked_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AchievementSeen(SQLModel, table=True):
    """An event already counted for a player: the consumer counts each event once."""

    __tablename__ = "achievement_events"

    event_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AchievementFeatured(SQLModel, table=True):
    """The achievements a player shows on their profile, in order (at most five)."""

    __tablename__ = "achievement_featured"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    position: int = Field(sa_column=Column(Integer, primary_key=True))
    key: str = Field(sa_column=Column(String(40), nullable=False))
