"""gd board: the domain's tables

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "gd_levels",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("creator", sa.String(length=80), nullable=False),
        sa.Column("gd_id", sa.BigInteger(), nullable=False),
        sa.Column("difficulty", sa.String(length=24), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_gd_levels_position", "gd_levels", ["position"])
    op.create_index("ix_gd_levels_gd_id", "gd_levels", ["gd_id"])
    op.create_table(
        "gd_submissions",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("level_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("video_url", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=280), nullable=True),
        sa.Column("reviewer_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_gd_submissions_player", "gd_submissions", ["user_id", "level_id"])
    op.create_index("ix_gd_submissions_status", "gd_submissions", ["status", "id"])


def downgrade() -> None:
    op.drop_index("ix_gd_submissions_status", table_name="gd_submissions")
    op.drop_index("ix_gd_submissions_player", table_name="gd_submissions")
    op.drop_table("gd_submissions")
    op.drop_index("ix_gd_levels_gd_id", table_name="gd_levels")
    op.drop_index("ix_gd_levels_position", table_name="gd_levels")
    op.drop_table("gd_levels")
