"""tournaments: the domain's tables (tournaments, their players and matches, bans)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "tournaments",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("format", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("organizer_id", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=40), nullable=False),
        sa.Column("entry_fee", sa.BigInteger(), nullable=False),
        sa.Column("prize_bonus", sa.BigInteger(), nullable=False),
        sa.Column("max_players", sa.Integer(), nullable=False),
        sa.Column("min_level", sa.Integer(), nullable=False),
        sa.Column("match_hours", sa.Integer(), nullable=False),
        sa.Column("player_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('REGISTRATION', 'RUNNING', 'FINISHED', 'CANCELLED')", name="ck_tournaments_status"
        ),
        sa.CheckConstraint(
            "format IN ('SINGLE_ELIMINATION', 'DOUBLE_ELIMINATION', 'ROUND_ROBIN')",
            name="ck_tournaments_format",
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tournaments_status", "tournaments", ["status", "id"])
    op.create_table(
        "tournament_players",
        sa.Column("tournament_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("place", sa.Integer(), nullable=True),
        sa.Column("prize", sa.BigInteger(), nullable=False),
        sa.Column("transfer_id", sa.BigInteger(), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tournament_id", "user_id"),
    )
    op.create_index("ix_tournament_players_user", "tournament_players", ["user_id", "tournament_id"])
    op.create_table(
        "tournament_matches",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("tournament_id", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("bracket", sa.String(length=12), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("player1_id", sa.BigInteger(), nullable=True),
        sa.Column("player2_id", sa.BigInteger(), nullable=True),
        sa.Column("filled", sa.Integer(), nullable=False),
        sa.Column("winner_id", sa.BigInteger(), nullable=True),
        sa.Column("report1", sa.BigInteger(), nullable=True),
        sa.Column("report2", sa.BigInteger(), nullable=True),
        sa.Column("decided_by", sa.String(length=12), nullable=True),
        sa.Column("next_position", sa.Integer(), nullable=True),
        sa.Column("next_slot", sa.Integer(), nullable=True),
        sa.Column("loser_position", sa.Integer(), nullable=True),
        sa.Column("loser_slot", sa.Integer(), nullable=True),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('PENDING', 'READY', 'DISPUTED', 'DONE')", name="ck_tournament_matches_status"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tournament_id", "position", name="uq_tournament_matches_position"),
    )
    op.create_index("ix_tournament_matches_due", "tournament_matches", ["status", "deadline_at"])
    op.create_table(
        "tournament_bans",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("banned_by", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )


def downgrade() -> None:
    op.drop_table("tournament_bans")
    op.drop_index("ix_tournament_matches_due", table_name="tournament_matches")
    op.drop_table("tournament_matches")
    op.drop_index("ix_tournament_players_user", table_name="tournament_players")
    op.drop_table("tournament_players")
    op.drop_index("ix_tournaments_status", table_name="tournaments")
    op.drop_table("tournaments")
