from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class Profile(SQLModel, table=True):
    """What a player tells about themself: bio, links, avatar version and who sees what."""

    __tablename__ = "profiles"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    bio: str | None = Field(default=None, sa_column=Column(String(280), nullable=True))
    links: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType)
    balance_visibility: str = Field(default="FRIENDS", max_length=8)
    activity_visibility: str = Field(default="EVERYONE", max_length=8)
    friends_visibility: str = Field(default="EVERYONE", max_length=8)
    avatar_version: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ProfileBlob(SQLModel, table=True):
    """The blob store of the scaled mode: avatars shared by every server process."""

    __tablename__ = "profile_blobs"

    key: str = Field(sa_column=Column(String(120), primary_key=True))
    content_type: str = Field(max_length=40)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class FeedItem(SQLModel, table=True):
    """One activity of a player, made once from one domain event (``event_id`` is unique)."""

    __tablename__ = "feed_items"
    __table_args__ = (Index("ix_feed_items_user", "user_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    kind: str = Field(max_length=16)
    event_id: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class FeedReaction(SQLModel, table=True):
    """One player's emoji on one feed item (toggled: the row exists or not)."""

    __tablename__ = "feed_reactions"
    __table_args__ = (UniqueConstraint("item_id", "user_id", "emoji", name="uq_feed_reactions"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    emoji: str = Field(max_length=16)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
