"""friend_requests, friendships and user_blocks

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    op.create_table(
        "friend_requests",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("sender_id", sa.BigInteger(), nullable=False),
        sa.Column("recipient_id", sa.BigInteger(), nullable=False),
        sa.Column("user_low", sa.BigInteger(), nullable=False),
        sa.Column("user_high", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.CheckConstraint("user_low < user_high", name="ck_friend_requests_pair"),
    )
    op.create_index(
        "ux_friend_requests_pending",
        "friend_requests",
        ["user_low", "user_high"],
        unique=True,
        sqlite_where=PENDING,
        postgresql_where=PENDING,
    )
    op.create_index("ix_friend_requests_recipient", "friend_requests", ["recipient_id", "status", "id"])
    op.create_index("ix_friend_requests_sender", "friend_requests", ["sender_id", "status", "id"])
    op.create_table(
        "friendships",
        sa.Column("user_low", sa.BigInteger(), nullable=False),
        sa.Column("user_high", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_low", "user_high"),
        sa.CheckConstraint("user_low < user_high", name="ck_friendships_pair"),
    )
    op.create_index("ix_friendships_high", "friendships", ["user_high", "user_low"])
    op.create_table(
        "user_blocks",
        sa.Column("blocker_id", sa.BigInteger(), nullable=False),
        sa.Column("blocked_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("blocker_id", "blocked_id"),
    )
    op.create_index("ix_user_blocks_blocked", "user_blocks", ["blocked_id", "blocker_id"])


def downgrade() -> None:
    op.drop_index("ix_user_blocks_blocked", table_name="user_blocks")
    op.drop_table("user_blocks")
    op.drop_index("ix_friendships_high", table_name="friendships")
    op.drop_table("friendships")
    op.drop_index("ix_friend_requests_sender", table_name="friend_requests")
    op.drop_index("ix_friend_requests_recipient", table_name="friend_requests")
    op.drop_index("ux_friend_requests_pending", table_name="friend_requests")
    op.drop_table("friend_requests")
