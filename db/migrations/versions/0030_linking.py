"""linking: the domain's tables

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "link_codes",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by_telegram_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    op.create_index("ix_link_codes_user", "link_codes", ["user_id", "id"])
    op.create_table(
        "account_links",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("web_user_id", sa.BigInteger(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("keep", sa.String(length=8), nullable=True),
        sa.Column("discarded_user_id", sa.BigInteger(), nullable=True),
        sa.Column("operation", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("web_user_id", "telegram_user_id", name="uq_account_links_pair"),
    )
    op.create_index("ix_account_links_web", "account_links", ["web_user_id", "id"])
    op.create_index("ix_account_links_telegram", "account_links", ["telegram_user_id", "id"])
    op.create_index("ix_account_links_discarded", "account_links", ["discarded_user_id"])


def downgrade() -> None:
    op.drop_index("ix_account_links_discarded", table_name="account_links")
    op.drop_index("ix_account_links_telegram", table_name="account_links")
    op.drop_index("ix_account_links_web", table_name="account_links")
    op.drop_table("account_links")
    op.drop_index("ix_link_codes_user", table_name="link_codes")
    op.drop_table("link_codes")
