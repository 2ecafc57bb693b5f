"""The bank: savings deposits with a term, and loans repaid by daily installments.

Value lives in the ledger (a deposit's coins in ``escrow:deposit:<id>``, interest from the
``interest`` faucet, loans from and back to ``loans``); these rows keep the terms and the schedule,
and the per-day rows are the unique keys that make each day's interest and installment happen once.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Date, Index, Integer, String, text
from sqlmodel import Field, SQLModel

from db.types import BigIntPK, UTCDateTime, utcnow

OPEN = text("status = 'OPEN'")


class Deposit(SQLModel, table=True):
    """A savings deposit: ``balance`` is its principal plus the interest paid into it so far."""

    __tablename__ = "bank_deposits"
    __table_args__ = (
        Index("ix_bank_deposits_user", "user_id", "id"),
        Index("ix_bank_deposits_status", "status", "user_id"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    currency: str = Field(sa_column=Column(String(40), nullable=False))
    principal: int = Field(sa_column=Column(BigInteger, nullable=False))
    balance: int = Field(sa_column=Column(BigInteger, nullable=False))
    term_days: int = Field(sa_column=Column(Integer, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))
    opened_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    matures_at: datetime = Field(sa_type=UTCDateTime)
    accrued_through: date = Field(sa_column=Column(Date, nullable=False))
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    payout: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    penalty: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class DepositAccrual(SQLModel, table=True):
    """One day's interest on one deposit: the primary key makes it paid at most once."""

    __tablename__ = "bank_deposit_accruals"

    deposit_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    day: date = Field(sa_column=Column(Date, primary_key=True))
    base: int = Field(sa_column=Column(BigInteger, nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Loan(SQLModel, table=True):
    """A loan: ``total`` is principal plus interest, ``outstanding`` what is left (late fees included)."""

    __tablename__ = "bank_loans"
    __table_args__ = (
        Index("ix_bank_loans_user", "user_id", "id"),
        Index("ix_bank_loans_status", "status", "id"),
        Index("uq_bank_loans_open", "user_id", unique=True, sqlite_where=OPEN, postgresql_where=OPEN),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    currency: str = Field(sa_column=Column(String(40), nullable=False))
    principal: int = Field(sa_column=Column(BigInteger, nullable=False))
    rate_bp: int = Field(sa_column=Column(Integer, nullable=False))
    score: int = Field(sa_column=Column(Integer, nullable=False))
    total: int = Field(sa_column=Column(BigInteger, nullable=False))
    outstanding: int = Field(sa_column=Column(BigInteger, nullable=False))
    term_days: int = Field(sa_column=Column(Integer, nullable=False))
    days_done: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    missed: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    late_fees: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))
    opened_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoanDay(SQLModel, table=True):
    """One day's installment of a loan (paid, missed, or already covered by an early repayment)."""

    __tablename__ = "bank_loan_days"

    loan_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    day: int = Field(sa_column=Column(Integer, primary_key=True))
    due: int = Field(sa_column=Column(BigInteger, nullable=False))
    paid: int = Field(sa_column=Column(BigInteger, nullable=False))
    fee: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
