"""Ingestion: game-bot messages turned into COIN credits, their review, and the parser's models.

Decimal quantities (coefficients, baselines, remainders) are stored as decimal strings: exact on
both databases, and only ever read back into ``Decimal``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Float, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, JSONType, UTCDateTime, utcnow


class IngestionSource(SQLModel, table=True):
    """A game bot whose messages may credit COIN, recognised by its Telegram id (never by text)."""

    __tablename__ = "ingestion_sources"

    source: str = Field(sa_column=Column(String(32), primary_key=True))
    telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True, unique=True))
    username: str | None = Field(default=None, max_length=64)
    enabled: bool = Field(default=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IngestionRate(SQLModel, table=True):
    """COIN per unit of one game currency of one source (a decimal string; 0 credits nothing)."""

    __tablename__ = "ingestion_rates"

    source: str = Field(sa_column=Column(String(32), primary_key=True))
    currency: str = Field(sa_column=Column(String(16), primary_key=True))
    coefficient: str = Field(max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IngestedMessage(SQLModel, table=True):
    """One game-bot message, at most once: (chat_id, message_id) is the idempotency key."""

    __tablename__ = "ingested_messages"
    __table_args__ = (
        UniqueConstraint("chat_id", "message_id", name="uq_ingested_messages_chat_message"),
        Index("ix_ingested_messages_status", "status", "id"),
        Index("ix_ingested_messages_submitter", "submitter_id", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    source: str = Field(max_length=32)
    sender_telegram_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    sender_username: str | None = Field(default=None, max_length=64)
    text: str = Field(sa_column=Column(Text, nullable=False))
    message_date: datetime | None = Field(default=None, sa_type=UTCDateTime)
    submitter_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    via_bot_to_bot: bool = Field(default=False)
    reply_to_telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    kind: str = Field(max_length=16)
    players: list[str] = Field(default_factory=list, sa_type=JSONType)
    amounts: list[dict[str, str]] = Field(default_factory=list, sa_type=JSONType)
    totals: list[dict[str, str]] = Field(default_factory=list, sa_type=JSONType)
    confidence: float = Field(sa_column=Column(Float, nullable=False))
    model: str = Field(max_length=80)
    status: str = Field(max_length=16)
    credited: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    decision: str | None = Field(default=None, max_length=16)
    reviewer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IngestionCredit(SQLModel, table=True):
    """What one player got for one message (zero when only a baseline or a remainder moved)."""

    __tablename__ = "ingestion_credits"
    __table_args__ = (
        UniqueConstraint("ingestion_id", "user_id", name="uq_ingestion_credits_message_user"),
        Index("ix_ingestion_credits_user", "user_id", "ingestion_id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    ingestion_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    transfer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IngestionNickname(SQLModel, table=True):
    """An in-game nickname linked to an account; ``nickname_key`` is the normalised form."""

    __tablename__ = "ingestion_nicknames"

    source: str = Field(sa_column=Column(String(32), primary_key=True))
    nickname_key: str = Field(sa_column=Column(String(100), primary_key=True))
    nickname: str = Field(max_length=100)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class NicknameClaim(SQLModel, table=True):
    """A claim on a nickname someone else holds, waiting for a moderator."""

    __tablename__ = "ingestion_nickname_claims"
    __table_args__ = (Index("ix_ingestion_nickname_claims_status", "status", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    source: str = Field(max_length=32)
    nickname: str = Field(max_length=100)
    nickname_key: str = Field(max_length=100)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    holder_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    status: str = Field(max_length=16)
    reviewer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IngestionBaseline(SQLModel, table=True):
    """The last total of a game currency seen in a player's profile (what later profiles grow from)."""

    __tablename__ = "ingestion_baselines"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    source: str = Field(sa_column=Column(String(32), primary_key=True))
    currency: str = Field(sa_column=Column(String(16), primary_key=True))
    value: str = Field(max_length=40)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IngestionRemainder(SQLModel, table=True):
    """The fraction of a COIN a player is owed for a source, carried to the next credit."""

    __tablename__ = "ingestion_remainders"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    source: str = Field(sa_column=Column(String(32), primary_key=True))
    remainder: str = Field(max_length=40)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IngestionExample(SQLModel, table=True):
    """A moderator's labelled message, added to the parser's training set."""

    __tablename__ = "ingestion_examples"

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    ingestion_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True, index=True))
    text: str = Field(sa_column=Column(Text, nullable=False))
    sender: str = Field(max_length=64)
    kind: str = Field(max_length=16)
    decision: str = Field(max_length=16)
    moderator_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ParseCacheEntry(SQLModel, table=True):
    __tablename__ = "ingestion_parse_cache"

    key: str = Field(sa_column=Column(String(64), primary_key=True))
    result: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)


class ParserModel(SQLModel, table=True):
    """A trained kind classifier: ``current`` parses, ``shadow`` runs beside it, others wait."""

    __tablename__ = "parser_models"

    version: str = Field(sa_column=Column(String(80), primary_key=True))
    path: str = Field(max_length=500)
    status: str = Field(max_length=16, index=True)
    metrics: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ParserDisagreement(SQLModel, table=True):
    """A message the shadow model classified differently from the current one."""

    __tablename__ = "parser_disagreements"
    __table_args__ = (
        UniqueConstraint("chat_id", "message_id", "shadow_version", name="uq_parser_disagreements_message"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    ingestion_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    source: str = Field(max_length=32)
    current_version: str = Field(max_length=80)
    current_kind: str = Field(max_length=16)
    current_confidence: float = Field(sa_column=Column(Float, nullable=False))
    shadow_version: str = Field(max_length=80)
    shadow_kind: str = Field(max_length=16)
    shadow_confidence: float = Field(sa_column=Column(Float, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ParserTrainingRun(SQLModel, table=True):
    """One retraining per period (``run_key``, an ISO week): repeated or concurrent jobs skip it."""

    __tablename__ = "parser_training_runs"

    run_key: str = Field(sa_column=Column(String(20), primary_key=True))
    status: str = Field(max_length=16)
    version: str | None = Field(default=None, max_length=80)
    promoted: bool = Field(default=False)
    error: str | None = Field(default=None, max_length=500)
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
