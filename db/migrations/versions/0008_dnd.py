"""dnd_characters, dnd_sessions, dnd_participants, dnd_log, dnd_notes: the D&D workshop

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "dnd_characters",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("char_class", sa.String(length=20), nullable=False),
        sa.Column("race", sa.String(length=20), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("strength", sa.Integer(), nullable=False),
        sa.Column("dexterity", sa.Integer(), nullable=False),
        sa.Column("constitution", sa.Integer(), nullable=False),
        sa.Column("intelligence", sa.Integer(), nullable=False),
        sa.Column("wisdom", sa.Integer(), nullable=False),
        sa.Column("charisma", sa.Integer(), nullable=False),
        sa.Column("max_hp", sa.Integer(), nullable=False),
        sa.Column("backstory", sa.String(length=4000), nullable=True),
        sa.Column("inventory", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dnd_characters_owner", "dnd_characters", ["owner_id", "id"])
    op.create_table(
        "dnd_sessions",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("dm_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dnd_sessions_status", "dnd_sessions", ["status", "id"])
    op.create_table(
        "dnd_participants",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("session_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("character_id", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("hp", sa.Integer(), nullable=False),
        sa.Column("max_hp", sa.Integer(), nullable=False),
        sa.Column("statuses", JSON, nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "user_id", name="uq_dnd_participants_player"),
    )
    op.create_index("ix_dnd_participants_session", "dnd_participants", ["session_id", "id"])
    op.create_table(
        "dnd_log",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("session_id", sa.BigInteger(), nullable=True),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("participant_id", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("notation", sa.String(length=100), nullable=True),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("detail", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dnd_log_session", "dnd_log", ["session_id", "id"])
    op.create_index("ix_dnd_log_user", "dnd_log", ["user_id", "id"])
    op.create_table(
        "dnd_notes",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("session_id", sa.BigInteger(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("text", sa.String(length=2000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dnd_notes_session", "dnd_notes", ["session_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_dnd_notes_session", table_name="dnd_notes")
    op.drop_table("dnd_notes")
    op.drop_index("ix_dnd_log_user", table_name="dnd_log")
    op.drop_index("ix_dnd_log_session", table_name="dnd_log")
    op.drop_table("dnd_log")
    op.drop_index("ix_dnd_participants_session", table_name="dnd_participants")
    op.drop_table("dnd_participants")
    op.drop_index("ix_dnd_sessions_status", table_name="dnd_sessions")
    op.drop_table("dnd_sessions")
    op.drop_index("ix_dnd_characters_owner", table_name="dnd_characters")
    op.drop_table("dnd_characters")
