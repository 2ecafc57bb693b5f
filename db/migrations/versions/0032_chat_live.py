"""chat_live: chat_dm_notices, when a player was last notified of a private conversation

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "chat_dm_notices",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("channel", sa.String(length=48), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "channel"),
    )
    op.create_index("ix_chat_dm_notices_at", "chat_dm_notices", ["notified_at"])


def downgrade() -> None:
    op.drop_index("ix_chat_dm_notices_at", table_name="chat_dm_notices")
    op.drop_table("chat_dm_notices")
