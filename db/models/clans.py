from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Date, Index, Integer, String
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class Clan(SQLModel, table=True):
    """A clan: its members are ``clan_members`` rows, ``member_count`` is bumped in one conditional
    statement so concurrent joins never pass the limit; the treasury is the ledger account ``clan:<id>``."""

    __tablename__ = "clans"
    __table_args__ = (Index("ix_clans_name_key", "name_key", unique=True),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    name: str = Field(max_length=32)
    name_key: str = Field(max_length=32)
    open: bool = Field(default=True)
    leader_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    member_count: int = Field(sa_column=Column(Integer, nullable=False))
    xp: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ClanMember(SQLModel, table=True):
    """One row per player in a clan: the primary key makes it one clan per player."""

    __tablename__ = "clan_members"
    __table_args__ = (Index("ix_clan_members_clan", "clan_id", "user_id"),)

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    clan_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    role: str = Field(max_length=10)
    xp: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    joined_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    active_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ClanRequest(SQLModel, table=True):
    """A request to join a closed clan, until a leader or officer decides."""

    __tablename__ = "clan_requests"
    __table_args__ = (Index("ix_clan_requests_pair", "clan_id", "user_id", unique=True),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    clan_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ClanXpEvent(SQLModel, table=True):
    """An event already counted into clan XP (the consumer is idempotent by event id)."""

    __tablename__ = "clan_xp_events"

    event_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    clan_id: int = Field(sa_column=Column(BigInteger, nullable=False))


class ClanGoal(SQLModel, table=True):
    """A clan's goal for one week (from Monday 00:00 UTC): members' events of its template's kind
    move ``progress``; reaching ``target`` pays the reward once (a conditional update on ``status``)."""

    __tablename__ = "clan_goals"
    __table_args__ = (
        Index("ix_clan_goals_week", "clan_id", "week_start", "template", unique=True),
        Index("ix_clan_goals_status", "status", "expires_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    clan_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    template: str = Field(sa_column=Column(String(32), nullable=False))
    week_start: date = Field(sa_column=Column(Date, nullable=False))
    target: int = Field(sa_column=Column(BigInteger, nullable=False))
    progress: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    reward_xp: int = Field(sa_column=Column(Integer, nullable=False))
    reward_coin: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(sa_column=Column(String(10), nullable=False))
    picked_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    transfer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    reached_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ClanGoalEvent(SQLModel, table=True):
    """An event already counted towards clan goals (counting is idempotent by event id)."""

    __tablename__ = "clan_goal_events"

    event_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    clan_id: int = Field(sa_column=Column(BigInteger, nullable=False))


class ClanXpDay(SQLModel, table=True):
    """XP a clan gained on one UTC day: the clan leaderboard's periods sum these."""

    __tablename__ = "clan_xp_days"
    __table_args__ = (Index("ix_clan_xp_days_day", "day", "clan_id"),)

    clan_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    day: date = Field(sa_column=Column(Date, primary_key=True))
    xp: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
