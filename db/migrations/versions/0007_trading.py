"""trade_offers, trade_flags and trade_alerts: player trading with escrow, lopsided-offer flags and
fraud alerts for moderators

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "trade_offers",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("sender_id", sa.BigInteger(), nullable=False),
        sa.Column("recipient_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("give", JSON, nullable=False),
        sa.Column("want", JSON, nullable=False),
        sa.Column("message", sa.String(length=280), nullable=True),
        sa.Column("give_value", sa.BigInteger(), nullable=False),
        sa.Column("want_value", sa.BigInteger(), nullable=False),
        sa.Column("lopsided", sa.Boolean(), nullable=False),
        sa.Column("counter_of", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_trade_offers_sender", "trade_offers", ["sender_id", "id"])
    op.create_index("ix_trade_offers_recipient", "trade_offers", ["recipient_id", "id"])
    op.create_index("ix_trade_offers_open", "trade_offers", ["status", "expires_at"])
    op.create_table(
        "trade_flags",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("offer_id", sa.BigInteger(), nullable=False),
        sa.Column("beneficiary_id", sa.BigInteger(), nullable=False),
        sa.Column("loser_id", sa.BigInteger(), nullable=False),
        sa.Column("give_value", sa.BigInteger(), nullable=False),
        sa.Column("want_value", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("offer_id"),
    )
    op.create_index("ix_trade_flags_beneficiary", "trade_flags", ["beneficiary_id", "created_at"])
    op.create_table(
        "trade_alerts",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("beneficiary_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("flags", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("beneficiary_id", "day", name="uq_trade_alerts_day"),
    )


def downgrade() -> None:
    op.drop_table("trade_alerts")
    op.drop_index("ix_trade_flags_beneficiary", table_name="trade_flags")
    op.drop_table("trade_flags")
    op.drop_index("ix_trade_offers_open", table_name="trade_offers")
    op.drop_index("ix_trade_offers_recipient", table_name="trade_offers")
    op.drop_index("ix_trade_offers_sender", table_name="trade_offers")
    op.drop_table("trade_offers")
