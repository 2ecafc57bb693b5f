from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, String
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class ChatMessage(SQLModel, table=True):
    """A message as stored: ``text`` already masked; ``channel`` is the stored key (``global``,
    ``clan:<id>``, ``dm:<low>:<high>``); ``search`` is the casefolded text the search reads."""

    __tablename__ = "chat_messages"
    __table_args__ = (
        Index("ix_chat_messages_channel", "channel", "id"),
        Index("ix_chat_messages_sender", "sender_id", "created_at"),
        Index("ix_chat_messages_created", "created_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    channel: str = Field(max_length=48)
    sender_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    text: str = Field(max_length=500)
    search: str = Field(max_length=500)
    masked: bool = Field(default=False)
    deleted: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ChatMute(SQLModel, table=True):
    """A player's chat mute: until when, why, and by whom (null: the automatic filter)."""

    __tablename__ = "chat_mutes"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    until: datetime = Field(sa_type=UTCDateTime)
    reason: str = Field(max_length=200)
    by_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ChatOffence(SQLModel, table=True):
    """A message the profanity filter masked: repeat offences warn, then mute."""

    __tablename__ = "chat_offences"
    __table_args__ = (Index("ix_chat_offences_user", "user_id", "created_at"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ChatReport(SQLModel, table=True):
    """A player's report of a message, open until a moderator resolves it."""

    __tablename__ = "chat_reports"
    __table_args__ = (
        Index("ix_chat_reports_pair", "message_id", "reporter_id", unique=True),
        Index("ix_chat_reports_status", "status", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    reporter_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    reason: str = Field(max_length=200)
    status: str = Field(max_length=10)
    resolved_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ChatDmNotice(SQLModel, table=True):
    """When a player was last notified of a private conversation (at most one notice per 10 minutes)."""

    __tablename__ = "chat_dm_notices"
    __table_args__ = (Index("ix_chat_dm_notices_at", "notified_at"),)

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    channel: str = Field(sa_column=Column(String(48), primary_key=True))
    notified_at: datetime = Field(sa_type=UTCDateTime)
