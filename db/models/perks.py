"""The Telegram group's perks: which shop items start an effect, the effects players hold, the
stickers counted per hour, and what the bot has done in the group (promotions)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Integer, String
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class PerkItem(SQLModel, table=True):
    """A shop item whose purchase starts a perk of ``kind`` (STICKERS, ADMIN, MENTION)."""

    __tablename__ = "perk_items"

    item_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PerkEffect(SQLModel, table=True):
    """One purchase's effect: timed ones run from ``starts_at`` to ``expires_at`` and are ended by
    the ``perks_expire`` job; a mention has ``uses_left`` and ends when used up. ``event_id`` is the
    purchase event, so the consumer starts each effect once."""

    __tablename__ = "perk_effects"
    __table_args__ = (
        Index("ix_perk_effects_event", "event_id", unique=True),
        Index("ix_perk_effects_user", "user_id", "kind", "ended_at"),
        Index("ix_perk_effects_expiry", "ended_at", "expires_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    item_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    event_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    starts_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    uses_left: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PerkStickerCount(SQLModel, table=True):
    """Stickers a player kept in a group chat within one UTC hour: bumped by one conditional
    statement, so at most the limit pass under concurrent messages."""

    __tablename__ = "perk_sticker_counts"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    hour: datetime = Field(sa_column=Column(UTCDateTime(), primary_key=True))
    count: int = Field(sa_column=Column(Integer, nullable=False))


class PerkGroupAdmin(SQLModel, table=True):
    """What the bot did in the group for a player's "admin for a day": ``promoted`` (to demote
    at the end), ``kept`` (already an admin: never demoted by us) or ``failed`` (not retried)."""

    __tablename__ = "perk_group_admins"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    telegram_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    state: str = Field(sa_column=Column(String(10), nullable=False))
    error: str | None = Field(default=None, sa_column=Column(String(400), nullable=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
