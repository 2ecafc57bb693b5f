"""gifts and gift_days: presents between players and the senders' daily counts

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "gifts",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("sender_id", sa.BigInteger(), nullable=False),
        sa.Column("recipient_id", sa.BigInteger(), nullable=False),
        sa.Column("asset", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("message", sa.String(length=280), nullable=True),
        sa.Column("transfer_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_gifts_sender", "gifts", ["sender_id", "id"])
    op.create_index("ix_gifts_recipient", "gifts", ["recipient_id", "id"])
    op.create_table(
        "gift_days",
        sa.Column("sender_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sender_id", "day"),
    )


def downgrade() -> None:
    op.drop_table("gift_days")
    op.drop_index("ix_gifts_recipient", table_name="gifts")
    op.drop_index("ix_gifts_sender", table_name="gifts")
    op.drop_table("gifts")
