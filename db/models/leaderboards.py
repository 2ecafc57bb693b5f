"""Scores of the boards fed by domain events (achievements, games, tournaments, clans), per period.

The coins board is read from the ledger and has no rows here."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index
from sqlmodel import Field, SQLModel


class LeaderboardScore(SQLModel, table=True):
    """A player's score on a board over one period (``period_key``: ``WEEKLY:2026-11-30``, ``ALL_TIME``)."""

    __tablename__ = "leaderboard_scores"
    __table_args__ = (Index("ix_leaderboard_scores_rank", "board", "period_key", "score", "user_id"),)

    board: str = Field(primary_key=True, max_length=32)
    period_key: str = Field(primary_key=True, max_length=24)
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    score: int = Field(sa_column=Column(BigInteger, nullable=False))


class LeaderboardApplied(SQLModel, table=True):
    """An event already counted on a board: a re-read event counts nothing twice."""

    __tablename__ = "leaderboard_applied"

    board: str = Field(primary_key=True, max_length=32)
    event_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
