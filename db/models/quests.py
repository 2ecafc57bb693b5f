from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class Quest(SQLModel, table=True):
    """An admin's quest: objectives counted from events, a reward, what it requires and its branch.

    ``objectives`` is ``[{"kind": "shop.purchase", "count": 3}, …]``; ``requires`` the ids of the
    quests a player must have completed first; quests sharing a ``branch`` are alternatives (a
    player who accepts one has closed the others)."""

    __tablename__ = "quests"
    __table_args__ = (UniqueConstraint("key", name="uq_quests_key"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    key: str = Field(sa_column=Column(String(64), nullable=False))
    title: str = Field(sa_column=Column(String(100), nullable=False))
    description: str = Field(default="", sa_column=Column(String(1000), nullable=False))
    type: str = Field(sa_column=Column(String(16), nullable=False))
    objectives: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType)
    requires: list[int] = Field(default_factory=list, sa_type=JSONType)
    branch: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    reward_currency: str | None = Field(default=None, sa_column=Column(String(40), nullable=True))
    reward_amount: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    reward_xp: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    reward_item_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    reward_item_quantity: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    position: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class QuestRun(SQLModel, table=True):
    """One player's go at a quest. ``run`` is 1 for a story quest, the UTC day's ordinal for a daily
    one and the number of the attempt for a repeatable one, so (user, quest, run) is unique: a second
    accept of the same run, and a second payment of it, are impossible."""

    __tablename__ = "quest_runs"
    __table_args__ = (
        UniqueConstraint("user_id", "quest_id", "run", name="uq_quest_runs_user_quest_run"),
        Index("ix_quest_runs_user_status", "user_id", "status"),
        Index("ix_quest_runs_status_quest", "status", "quest_id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    quest_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    run: int = Field(sa_column=Column(Integer, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))
    progress: list[int] = Field(default_factory=list, sa_type=JSONType)
    accepted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class QuestStep(SQLModel, table=True):
    """An event counted for a run: read again, it counts nothing twice."""

    __tablename__ = "quest_steps"
    __table_args__ = (Index("ix_quest_steps_created", "created_at"),)

    run_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    event_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class QuestChoice(SQLModel, table=True):
    """The quest a player chose in a branch: the branch's other quests are closed to them for good."""

    __tablename__ = "quest_choices"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    branch: str = Field(sa_column=Column(String(64), primary_key=True))
    quest_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
