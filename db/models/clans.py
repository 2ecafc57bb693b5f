from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Integer
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
