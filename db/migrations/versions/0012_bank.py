"""bank: savings deposits and their daily accruals, loans and their daily installments

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
WHEN = sa.DateTime(timezone=True)
OPEN = sa.text("status = 'OPEN'")


def upgrade() -> None:
    op.create_table(
        "bank_deposits",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=40), nullable=False),
        sa.Column("principal", sa.BigInteger(), nullable=False),
        sa.Column("balance", sa.BigInteger(), nullable=False),
        sa.Column("term_days", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_at", WHEN, nullable=False),
        sa.Column("matures_at", WHEN, nullable=False),
        sa.Column("accrued_through", sa.Date(), nullable=False),
        sa.Column("closed_at", WHEN, nullable=True),
        sa.Column("payout", sa.BigInteger(), nullable=True),
        sa.Column("penalty", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_bank_deposits_user", "bank_deposits", ["user_id", "id"])
    op.create_index("ix_bank_deposits_status", "bank_deposits", ["status", "user_id"])
    op.create_table(
        "bank_deposit_accruals",
        sa.Column("deposit_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("base", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("deposit_id", "day"),
    )
    op.create_table(
        "bank_loans",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=40), nullable=False),
        sa.Column("principal", sa.BigInteger(), nullable=False),
        sa.Column("rate_bp", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("outstanding", sa.BigInteger(), nullable=False),
        sa.Column("term_days", sa.Integer(), nullable=False),
        sa.Column("days_done", sa.Integer(), nullable=False),
        sa.Column("missed", sa.Integer(), nullable=False),
        sa.Column("late_fees", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_at", WHEN, nullable=False),
        sa.Column("closed_at", WHEN, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_bank_loans_user", "bank_loans", ["user_id", "id"])
    op.create_index("ix_bank_loans_status", "bank_loans", ["status", "id"])
    op.create_index(
        "uq_bank_loans_open", "bank_loans", ["user_id"], unique=True, sqlite_where=OPEN, postgresql_where=OPEN
    )
    op.create_table(
        "bank_loan_days",
        sa.Column("loan_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("due", sa.BigInteger(), nullable=False),
        sa.Column("paid", sa.BigInteger(), nullable=False),
        sa.Column("fee", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("loan_id", "day"),
    )


def downgrade() -> None:
    op.drop_table("bank_loan_days")
    op.drop_index("uq_bank_loans_open", table_name="bank_loans")
    op.drop_index("ix_bank_loans_status", table_name="bank_loans")
    op.drop_index("ix_bank_loans_user", table_name="bank_loans")
    op.drop_table("bank_loans")
    op.drop_table("bank_deposit_accruals")
    op.drop_index("ix_bank_deposits_status", table_name="bank_deposits")
    op.drop_index("ix_bank_deposits_user", table_name="bank_deposits")
    op.drop_table("bank_deposits")
