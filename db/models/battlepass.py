from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Date, Index, Integer, String
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class BattlePassSeason(SQLModel, table=True):
    """A season of the battle pass: open until the ``season_end`` job archives it."""

    __tablename__ = "battle_pass_seasons"
    __table_args__ = (Index("ux_battle_pass_seasons_number", "number", unique=True),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    number: int = Field(sa_column=Column(Integer, nullable=False))
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    badge_item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    token_item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    crown_item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BattlePassProgress(SQLModel, table=True):
    """A player's pass in one season (kept after the season ends: the final level)."""

    __tablename__ = "battle_pass_progress"
    __table_args__ = (Index("ix_battle_pass_progress_user", "user_id", "season_id"),)

    season_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    xp: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    level: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    premium: bool = Field(default=False)
    day: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    day_xp: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BattlePassReward(SQLModel, table=True):
    """One reward paid (a level of one track): the primary key makes a second payment impossible."""

    __tablename__ = "battle_pass_rewards"

    season_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    level: int = Field(sa_column=Column(Integer, primary_key=True))
    track: str = Field(sa_column=Column(String(8), primary_key=True))
    asset: str = Field(max_length=40)
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    transfer_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BattlePassXp(SQLModel, table=True):
    """The pass XP one event gave one player: each event is read once."""

    __tablename__ = "battle_pass_xp"

    event_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    season_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    xp: int = Field(sa_column=Column(Integer, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
