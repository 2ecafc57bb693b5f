"""chat_live: reserved for issue 10's last gaps (a no-op until filled)

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op  # noqa: F401

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
