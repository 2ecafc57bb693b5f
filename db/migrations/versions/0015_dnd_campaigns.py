"""dnd_campaigns, and dnd_sessions.campaign_id: a DM's campaign groups its sessions

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "dnd_campaigns",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("dm_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dnd_campaigns_dm", "dnd_campaigns", ["dm_id", "id"])
    op.add_column("dnd_sessions", sa.Column("campaign_id", sa.BigInteger(), nullable=True))
    op.create_index("ix_dnd_sessions_campaign", "dnd_sessions", ["campaign_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_dnd_sessions_campaign", table_name="dnd_sessions")
    with op.batch_alter_table("dnd_sessions") as batch:
        batch.drop_column("campaign_id")
    op.drop_index("ix_dnd_campaigns_dm", table_name="dnd_campaigns")
    op.drop_table("dnd_campaigns")
