from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Integer, String
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow


class ReferralCode(SQLModel, table=True):
    """A player's 8-character referral code, made on first read."""

    __tablename__ = "referral_codes"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    code: str = Field(sa_column=Column(String(8), unique=True, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Referral(SQLModel, table=True):
    """One referred account and who referred it (at most one referrer per account).

    ``status``: pending → qualified (paid when the referred player reaches the qualifying level),
    held (for a moderator: the accounts look alike) → pending/qualified or rejected.
    """

    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_referrer", "referrer_id", "id"),
        Index("ix_referrals_status", "status", "id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    referrer_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    referred_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))
    hold_reason: str | None = Field(default=None, sa_column=Column(String(16), nullable=True))
    cleared: bool = Field(default=False)
    reached_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    qualified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reward: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    transfer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    reviewed_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    review_reason: str | None = Field(default=None, max_length=280)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReferralClient(SQLModel, table=True):
    """A keyed hash of the network a player was seen from (never the address itself), and when."""

    __tablename__ = "referral_clients"
    __table_args__ = (Index("ix_referral_clients_pattern", "pattern", "seen_at"),)

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    pattern: str = Field(sa_column=Column(String(64), primary_key=True))
    seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReferralMilestone(SQLModel, table=True):
    """A milestone bonus paid to a referrer (5, 10, 25, 50 qualified referrals): paid once."""

    __tablename__ = "referral_milestones"

    referrer_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    milestone: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    transfer_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
