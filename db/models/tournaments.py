from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class Tournament(SQLModel, table=True):
    """A bracket: entry fees and the admin's prize bonus sit in ``escrow:tournament:<id>``; the row
    moves from REGISTRATION to RUNNING to FINISHED (prizes paid), or to CANCELLED (refunded), once."""

    __tablename__ = "tournaments"
    __table_args__ = (
        CheckConstraint(
            "status IN ('REGISTRATION', 'RUNNING', 'FINISHED', 'CANCELLED')", name="ck_tournaments_status"
        ),
        CheckConstraint(
            "format IN ('SINGLE_ELIMINATION', 'DOUBLE_ELIMINATION', 'ROUND_ROBIN')",
            name="ck_tournaments_format",
        ),
        Index("ix_tournaments_status", "status", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    name: str = Field(max_length=80)
    format: str = Field(max_length=24)
    status: str = Field(default="REGISTRATION", max_length=16)
    organizer_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    currency: str = Field(max_length=40)
    entry_fee: int = Field(sa_column=Column(BigInteger, nullable=False))
    prize_bonus: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    max_players: int = Field(sa_column=Column(Integer, nullable=False))
    min_level: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    match_hours: int = Field(default=24, sa_column=Column(Integer, nullable=False, default=24))
    player_count: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TournamentPlayer(SQLModel, table=True):
    """A registered player; ``transfer_id`` paid the entry fee (null when it was free)."""

    __tablename__ = "tournament_players"
    __table_args__ = (Index("ix_tournament_players_user", "user_id", "tournament_id"),)

    tournament_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    seed: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    place: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    prize: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    transfer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    joined_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TournamentMatch(SQLModel, table=True):
    """One match of the bracket at ``position``; its winner goes to slot ``next_slot`` of the match at
    ``next_position`` (its loser, in double elimination, to ``loser_position``)."""

    __tablename__ = "tournament_matches"
    __table_args__ = (
        UniqueConstraint("tournament_id", "position", name="uq_tournament_matches_position"),
        CheckConstraint(
            "status IN ('PENDING', 'READY', 'DISPUTED', 'DONE')", name="ck_tournament_matches_status"
        ),
        Index("ix_tournament_matches_due", "status", "deadline_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    tournament_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    position: int = Field(sa_column=Column(Integer, nullable=False))
    bracket: str = Field(max_length=12)
    round: int = Field(sa_column=Column(Integer, nullable=False))
    status: str = Field(default="PENDING", max_length=12)
    player1_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    player2_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    filled: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    winner_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    report1: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    report2: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    decided_by: str | None = Field(default=None, sa_column=Column(String(12), nullable=True))
    next_position: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    next_slot: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    loser_position: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    loser_slot: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    deadline_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reminded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TournamentBan(SQLModel, table=True):
    """A player a moderator barred from joining tournaments."""

    __tablename__ = "tournament_bans"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    banned_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    reason: str | None = Field(default=None, sa_column=Column(String(200), nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
