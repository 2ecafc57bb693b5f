"""Mini-games (Cities, Killer Words, GD Levels): sessions, their players and moves, the locks that
keep a player (and a chat) in one game at a time, the tries of a turn, and per-player statistics."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class GameSession(SQLModel, table=True):
    """One game: its lobby, its running state (``state``, per game) and whose turn it is until when."""

    __tablename__ = "game_sessions"
    __table_args__ = (
        Index("ix_game_sessions_status", "status", "id"),
        Index("ix_game_sessions_due", "status", "turn_ends_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    game: str = Field(max_length=20)
    mode: str = Field(default="classic", max_length=20)
    status: str = Field(default="LOBBY", max_length=12)
    host_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    state: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    turn_user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    turn_no: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    turn_ends_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    winner_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    reward: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    reward_transfer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class GamePlayer(SQLModel, table=True):
    """A player at a session: seat order, whether still in, score, lives and the game's own data."""

    __tablename__ = "game_players"
    __table_args__ = (
        UniqueConstraint("session_id", "user_id", name="uq_game_players_user"),
        Index("ix_game_players_session", "session_id", "seat"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    session_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    seat: int = Field(sa_column=Column(Integer, nullable=False))
    status: str = Field(default="ACTIVE", max_length=10)
    score: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    lives: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    joined_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class GameMove(SQLModel, table=True):
    """One line of a session's log: a move, a timeout, a join, a start, a forfeit, the end."""

    __tablename__ = "game_moves"
    __table_args__ = (Index("ix_game_moves_session", "session_id", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    session_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    turn_no: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    kind: str = Field(max_length=12)
    text: str | None = Field(default=None, sa_column=Column(String(120), nullable=True))
    points: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class GameBusyPlayer(SQLModel, table=True):
    """A player in a game that has not ended: the primary key keeps it to one game at a time."""

    __tablename__ = "game_busy_players"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    session_id: int = Field(sa_column=Column(BigInteger, nullable=False))


class GameBusyChat(SQLModel, table=True):
    """A Telegram chat with a game that has not ended: one game per chat at a time."""

    __tablename__ = "game_busy_chats"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    session_id: int = Field(sa_column=Column(BigInteger, nullable=False))


class GameTry(SQLModel, table=True):
    """Refused answers in one turn (the third costs the turn): kept apart from the game's state."""

    __tablename__ = "game_tries"

    session_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    turn_no: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    count: int = Field(sa_column=Column(Integer, nullable=False))


class GameStat(SQLModel, table=True):
    """A player's results in one game: played, won, points, best score."""

    __tablename__ = "game_stats"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    game: str = Field(sa_column=Column(String(20), primary_key=True))
    played: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    won: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    points: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    best: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
