"""clans_board: reserved for issue 10's last gaps (a no-op until filled)

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op  # noqa: F401

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
