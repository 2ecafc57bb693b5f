"""Rows brought in from another system (the original BankBot), kept read-only as history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class ImportedHistory(SQLModel, table=True):
    """One record of the old system (a transaction, a purchase, a balance carried over).

    ``(system, kind, external_id)`` is unique, so a repeated import adds nothing.
    """

    __tablename__ = "imported_history"
    __table_args__ = (
        UniqueConstraint("system", "kind", "external_id", name="uq_imported_history_external"),
        Index("ix_imported_history_user", "user_id", "occurred_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    system: str = Field(sa_column=Column(String(32), nullable=False))
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    external_id: str = Field(sa_column=Column(String(64), nullable=False))
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    amount: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    occurred_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    imported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
