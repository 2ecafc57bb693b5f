from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Integer
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class AuditEntry(SQLModel, table=True):
    """Append-only; ``hash = sha256(prev_hash + canonical entry)`` so tampering shows."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    action: str = Field(max_length=64, index=True)
    subject: str | None = Field(default=None, max_length=120)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditHead(SQLModel, table=True):
    """The chain's tip, one row; appending locks it so entries chain in commit order."""

    __tablename__ = "audit_head"

    id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    seq: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    hash: str = Field(max_length=64)
