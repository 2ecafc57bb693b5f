from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Integer
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class GdLevel(SQLModel, table=True):
    """A level on the community's board; ``position`` is 1..n among the listed ones, null once removed."""

    __tablename__ = "gd_levels"
    __table_args__ = (Index("ix_gd_levels_position", "position"), Index("ix_gd_levels_gd_id", "gd_id"))

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    position: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    name: str = Field(max_length=80)
    creator: str = Field(max_length=80)
    gd_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    difficulty: str = Field(max_length=24)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


class GdSubmission(SQLModel, table=True):
    """A player's completion of a level with a video as proof, waiting for or decided by a moderator."""

    __tablename__ = "gd_submissions"
    __table_args__ = (
        Index("ix_gd_submissions_player", "user_id", "level_id"),
        Index("ix_gd_submissions_status", "status", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    level_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    video_url: str = Field(max_length=500)
    status: str = Field(max_length=16)
    reason: str | None = Field(default=None, max_length=280)
    reviewer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
