from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class Asset(SQLModel, table=True):
    """A currency (``COIN``) or an item type (``item:<id>``)."""

    __tablename__ = "assets"

    code: str = Field(sa_column=Column(String(40), primary_key=True))
    kind: str = Field(max_length=16)
    name: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Account(SQLModel, table=True):
    """Owners are ``user``, ``clan`` or ``system``; system balances are derived from transfers."""

    __tablename__ = "accounts"
    __table_args__ = (
        UniqueConstraint("owner_kind", "owner_id", "asset", name="uq_accounts_owner_asset"),
        CheckConstraint("owner_kind = 'system' OR balance >= 0", name="ck_accounts_nonnegative"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    owner_kind: str = Field(max_length=8)
    owner_id: str = Field(max_length=80)
    asset: str = Field(max_length=40, index=True)
    balance: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))


class Transfer(SQLModel, table=True):
    """One movement, never updated or deleted. An operation groups the transfers it made."""

    __tablename__ = "transfers"
    __table_args__ = (
        CheckConstraint("amount > 0", name="ck_transfers_positive"),
        CheckConstraint("debit_account <> credit_account", name="ck_transfers_distinct"),
        Index("ix_transfers_debit", "debit_account", "id"),
        Index("ix_transfers_credit", "credit_account", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    operation: str = Field(max_length=40, index=True)
    debit_account: int = Field(sa_column=Column(BigInteger, nullable=False))
    credit_account: int = Field(sa_column=Column(BigInteger, nullable=False))
    asset: str = Field(max_length=40)
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    kind: str = Field(max_length=32)
    ref: str | None = Field(default=None, max_length=120)
    memo: str | None = Field(default=None, max_length=280)
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IdempotencyRecord(SQLModel, table=True):
    """A used idempotency key: who used it, for what input, and the result to return on a repeat."""

    __tablename__ = "idempotency_keys"

    scope: str = Field(sa_column=Column(String(200), primary_key=True))
    request_hash: str = Field(max_length=64)
    result: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
