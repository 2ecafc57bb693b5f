"""leaderboard_scores and leaderboard_applied: boards fed by domain events

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leaderboard_scores",
        sa.Column("board", sa.String(length=32), nullable=False),
        sa.Column("period_key", sa.String(length=24), nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("score", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("board", "period_key", "user_id"),
    )
    op.create_index(
        "ix_leaderboard_scores_rank", "leaderboard_scores", ["board", "period_key", "score", "user_id"]
    )
    op.create_table(
        "leaderboard_applied",
        sa.Column("board", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("board", "event_id"),
    )


def downgrade() -> None:
    op.drop_table("leaderboard_applied")
    op.drop_index("ix_leaderboard_scores_rank", table_name="leaderboard_scores")
    op.drop_table("leaderboard_scores")
