"""clan_goals: the domain's tables

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "clan_goals",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("clan_id", sa.BigInteger(), nullable=False),
        sa.Column("template", sa.String(length=32), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("target", sa.BigInteger(), nullable=False),
        sa.Column("progress", sa.BigInteger(), nullable=False),
        sa.Column("reward_xp", sa.Integer(), nullable=False),
        sa.Column("reward_coin", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("picked_by", sa.BigInteger(), nullable=True),
        sa.Column("transfer_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reached_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_clan_goals_week", "clan_goals", ["clan_id", "week_start", "template"], unique=True)
    op.create_index("ix_clan_goals_status", "clan_goals", ["status", "expires_at"])
    op.create_table(
        "clan_goal_events",
        sa.Column("event_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("clan_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "clan_xp_days",
        sa.Column("clan_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("xp", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("clan_id", "day"),
    )
    op.create_index("ix_clan_xp_days_day", "clan_xp_days", ["day", "clan_id"])


def downgrade() -> None:
    op.drop_index("ix_clan_xp_days_day", table_name="clan_xp_days")
    op.drop_table("clan_xp_days")
    op.drop_table("clan_goal_events")
    op.drop_index("ix_clan_goals_status", table_name="clan_goals")
    op.drop_index("ix_clan_goals_week", table_name="clan_goals")
    op.drop_table("clan_goals")
