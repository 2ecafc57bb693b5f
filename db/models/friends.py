from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, text
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow

PENDING = "pending"


class FriendRequest(SQLModel, table=True):
    """A request from one player to another; at most one pending per unordered pair (an index)."""

    __tablename__ = "friend_requests"
    __table_args__ = (
        CheckConstraint("user_low < user_high", name="ck_friend_requests_pair"),
        Index(
            "ux_friend_requests_pending",
            "user_low",
            "user_high",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_friend_requests_recipient", "recipient_id", "status", "id"),
        Index("ix_friend_requests_sender", "sender_id", "status", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    sender_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    recipient_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_low: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_high: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(default=PENDING, max_length=16)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Friendship(SQLModel, table=True):
    """One row per unordered pair (user_low < user_high): a friendship is mutual by construction."""

    __tablename__ = "friendships"
    __table_args__ = (
        CheckConstraint("user_low < user_high", name="ck_friendships_pair"),
        Index("ix_friendships_high", "user_high", "user_low"),
    )

    user_low: int = Field(sa_column=Column(BigInteger, primary_key=True))
    user_high: int = Field(sa_column=Column(BigInteger, primary_key=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class UserBlock(SQLModel, table=True):
    """``blocker_id`` blocks ``blocked_id``: no requests, gifts, trades or messages from them."""

    __tablename__ = "user_blocks"
    __table_args__ = (Index("ix_user_blocks_blocked", "blocked_id", "blocker_id"),)

    blocker_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    blocked_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
