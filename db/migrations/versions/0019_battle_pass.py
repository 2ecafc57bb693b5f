"""battle pass: seasons, each player's pass, rewards paid and XP read from events

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "battle_pass_seasons",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("badge_item_id", sa.BigInteger(), nullable=False),
        sa.Column("token_item_id", sa.BigInteger(), nullable=False),
        sa.Column("crown_item_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ux_battle_pass_seasons_number", "battle_pass_seasons", ["number"], unique=True)
    op.create_table(
        "battle_pass_progress",
        sa.Column("season_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("xp", sa.BigInteger(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("premium", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("day_xp", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("season_id", "user_id"),
    )
    op.create_index("ix_battle_pass_progress_user", "battle_pass_progress", ["user_id", "season_id"])
    op.create_table(
        "battle_pass_rewards",
        sa.Column("season_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("track", sa.String(length=8), nullable=False),
        sa.Column("asset", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("transfer_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("season_id", "user_id", "level", "track"),
    )
    op.create_table(
        "battle_pass_xp",
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("season_id", sa.BigInteger(), nullable=False),
        sa.Column("xp", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "user_id"),
    )


def downgrade() -> None:
    op.drop_table("battle_pass_xp")
    op.drop_table("battle_pass_rewards")
    op.drop_index("ix_battle_pass_progress_user", table_name="battle_pass_progress")
    op.drop_table("battle_pass_progress")
    op.drop_index("ux_battle_pass_seasons_number", table_name="battle_pass_seasons")
    op.drop_table("battle_pass_seasons")
