"""Linking a web account with a Telegram identity: one-time codes, and the links they made."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class LinkCode(SQLModel, table=True):
    """A short code a signed-in web player sends to the bot; only its hash is kept."""

    __tablename__ = "link_codes"
    __table_args__ = (Index("ix_link_codes_user", "user_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    code_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by_telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class AccountLink(SQLModel, table=True):
    """A web account meeting a Telegram identity. ``pending`` while the player chooses which of two
    accounts to keep; ``linked`` once the identity points to the kept one (``discarded_user_id``
    is then the deactivated account, if there was one)."""

    __tablename__ = "account_links"
    __table_args__ = (
        UniqueConstraint("web_user_id", "telegram_user_id", name="uq_account_links_pair"),
        Index("ix_account_links_web", "web_user_id", "id"),
        Index("ix_account_links_telegram", "telegram_user_id", "id"),
        Index("ix_account_links_discarded", "discarded_user_id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    web_user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    telegram_user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    telegram_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    method: str = Field(max_length=8)
    status: str = Field(max_length=8)
    keep: str | None = Field(default=None, max_length=8)
    discarded_user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    operation: str | None = Field(default=None, max_length=40)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
