"""games: the domain's tables

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "game_sessions",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("game", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("host_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("state", JSON, nullable=False),
        sa.Column("turn_user_id", sa.BigInteger(), nullable=True),
        sa.Column("turn_no", sa.Integer(), nullable=False),
        sa.Column("turn_ends_at", WHEN, nullable=True),
        sa.Column("winner_id", sa.BigInteger(), nullable=True),
        sa.Column("reward", sa.BigInteger(), nullable=True),
        sa.Column("reward_transfer_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("started_at", WHEN, nullable=True),
        sa.Column("finished_at", WHEN, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_game_sessions_status", "game_sessions", ["status", "id"])
    op.create_index("ix_game_sessions_due", "game_sessions", ["status", "turn_ends_at"])
    op.create_table(
        "game_players",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("session_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("lives", sa.Integer(), nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.Column("joined_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "user_id", name="uq_game_players_user"),
    )
    op.create_index("ix_game_players_session", "game_players", ["session_id", "seat"])
    op.create_table(
        "game_moves",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("session_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("turn_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("text", sa.String(length=120), nullable=True),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("detail", JSON, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_game_moves_session", "game_moves", ["session_id", "id"])
    op.create_table(
        "game_busy_players",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("session_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "game_busy_chats",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("session_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("chat_id"),
    )
    op.create_table(
        "game_tries",
        sa.Column("session_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("turn_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("session_id", "turn_no"),
    )
    op.create_table(
        "game_stats",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("game", sa.String(length=20), nullable=False),
        sa.Column("played", sa.Integer(), nullable=False),
        sa.Column("won", sa.Integer(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("best", sa.Integer(), nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("user_id", "game"),
    )


def downgrade() -> None:
    op.drop_table("game_stats")
    op.drop_table("game_tries")
    op.drop_table("game_busy_chats")
    op.drop_table("game_busy_players")
    op.drop_index("ix_game_moves_session", table_name="game_moves")
    op.drop_table("game_moves")
    op.drop_index("ix_game_players_session", table_name="game_players")
    op.drop_table("game_players")
    op.drop_index("ix_game_sessions_due", table_name="game_sessions")
    op.drop_index("ix_game_sessions_status", table_name="game_sessions")
    op.drop_table("game_sessions")
