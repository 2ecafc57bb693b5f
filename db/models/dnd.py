from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class DndCharacter(SQLModel, table=True):
    """A player's D&D character: rolled stats, class, race, hit points, inventory and backstory."""

    __tablename__ = "dnd_characters"
    __table_args__ = (Index("ix_dnd_characters_owner", "owner_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    owner_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    name: str = Field(max_length=60)
    char_class: str = Field(max_length=20)
    race: str = Field(max_length=20)
    level: int = Field(default=1, sa_column=Column(Integer, nullable=False))
    strength: int = Field(sa_column=Column(Integer, nullable=False))
    dexterity: int = Field(sa_column=Column(Integer, nullable=False))
    constitution: int = Field(sa_column=Column(Integer, nullable=False))
    intelligence: int = Field(sa_column=Column(Integer, nullable=False))
    wisdom: int = Field(sa_column=Column(Integer, nullable=False))
    charisma: int = Field(sa_column=Column(Integer, nullable=False))
    max_hp: int = Field(sa_column=Column(Integer, nullable=False))
    backstory: str | None = Field(default=None, max_length=4000)
    inventory: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DndSession(SQLModel, table=True):
    """A table the DM runs; players join it with a character."""

    __tablename__ = "dnd_sessions"
    __table_args__ = (
        Index("ix_dnd_sessions_status", "status", "id"),
        Index("ix_dnd_sessions_campaign", "campaign_id", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    dm_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    name: str = Field(max_length=80)
    status: str = Field(default="open", max_length=10)
    campaign_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class DndParticipant(SQLModel, table=True):
    """Someone at the table: a player's character or one of the DM's NPCs, with current HP and
    status effects."""

    __tablename__ = "dnd_participants"
    __table_args__ = (
        UniqueConstraint("session_id", "user_id", name="uq_dnd_participants_player"),
        Index("ix_dnd_participants_session", "session_id", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    session_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    character_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    name: str = Field(max_length=60)
    hp: int = Field(sa_column=Column(Integer, nullable=False))
    max_hp: int = Field(sa_column=Column(Integer, nullable=False))
    statuses: list[str] = Field(default_factory=list, sa_type=JSONType)
    joined_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DndLogEntry(SQLModel, table=True):
    """One line of a session's log (a roll, damage, healing, a status, a join), or of a player's own
    roll log when ``session_id`` is null. A roll keeps every die in ``detail``."""

    __tablename__ = "dnd_log"
    __table_args__ = (
        Index("ix_dnd_log_session", "session_id", "id"),
        Index("ix_dnd_log_user", "user_id", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    session_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    participant_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    kind: str = Field(max_length=20)
    notation: str | None = Field(default=None, max_length=100)
    total: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    amount: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    reason: str | None = Field(default=None, max_length=200)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DndNote(SQLModel, table=True):
    """The DM's private notes on a session."""

    __tablename__ = "dnd_notes"
    __table_args__ = (Index("ix_dnd_notes_session", "session_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    session_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    author_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    text: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DndEncounter(SQLModel, table=True):
    """A fight at a session's table: everyone's initiative (d20 + DEX modifier) in turn order, the
    round and whose turn it is. A session has at most one active encounter."""

    __tablename__ = "dnd_encounters"
    __table_args__ = (Index("ix_dnd_encounters_session", "session_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    session_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    name: str = Field(max_length=80)
    status: str = Field(default="active", max_length=10)
    order: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType)
    turn: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    round: int = Field(default=1, sa_column=Column(Integer, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class DndCampaign(SQLModel, table=True):
    """A DM's campaign: the sessions it groups, with a description to keep track of the story."""

    __tablename__ = "dnd_campaigns"
    __table_args__ = (Index("ix_dnd_campaigns_dm", "dm_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    dm_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    name: str = Field(max_length=80)
    description: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
