"""events.tx and consumer_offsets.last_tx: the outbox relay reads in commit-safe order

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("tx", sa.BigInteger(), nullable=True))
        batch.create_index("ix_events_tx_id", ["tx", "id"])
    with op.batch_alter_table("consumer_offsets") as batch:
        batch.add_column(sa.Column("last_tx", sa.BigInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("consumer_offsets") as batch:
        batch.drop_column("last_tx")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_tx_id")
        batch.drop_column("tx")
