from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer, text
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class AuditEntry(SQLModel, table=True):
    """Append-only. Written unsealed in its transaction; the sealer later fills ``seq``,
    ``prev_hash`` and ``hash = sha256(prev_hash + canonical entry)`` once, in commit order."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index(
            "ix_audit_log_unsealed",
            "tx",
            "id",
            postgresql_where=text("seq IS NULL"),
            sqlite_where=text("seq IS NULL"),
        ),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    seq: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True, unique=True))
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    action: str = Field(max_length=64, index=True)
    subject: str | None = Field(default=None, max_length=120)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    prev_hash: str | None = Field(default=None, max_length=64, nullable=True)
    hash: str | None = Field(default=None, max_length=64, nullable=True)
    tx: int | None = Field(
        default=None,
        sa_column=Column(BigInteger, nullable=True),
        description="PostgreSQL: the appending transaction's id, so the sealer reads in commit-safe order.",
    )


class AuditHead(SQLModel, table=True):
    """The sealed chain's tip, one row; only the sealer locks it."""

    __tablename__ = "audit_head"

    id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    seq: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    hash: str = Field(max_length=64)
