"""dynamic shop prices: item price bounds, pin and trend; price_history; purchases by item and time

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
PRICE_COLUMNS = ("base_price", "min_price", "max_price", "demand_price")


def upgrade() -> None:
    for name in PRICE_COLUMNS:
        op.add_column("items", sa.Column(name, sa.BigInteger(), nullable=False, server_default="0"))
    op.add_column("items", sa.Column("pinned", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column(
        "items",
        sa.Column("price_trend", sa.String(length=8), nullable=False, server_default=sa.text("'STABLE'")),
    )
    op.execute(
        "UPDATE items SET base_price = price, demand_price = price,"
        " min_price = price / 2, max_price = price * 2"
    )
    op.create_index("ix_purchases_item_created", "purchases", ["item_id", "created_at"])
    op.create_table(
        "price_history",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("item_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("previous_price", sa.BigInteger(), nullable=False),
        sa.Column("demand_price", sa.BigInteger(), nullable=False),
        sa.Column("trend", sa.String(length=8), nullable=False),
        sa.Column("purchases", sa.BigInteger(), nullable=False),
        sa.Column("previous_purchases", sa.BigInteger(), nullable=False),
        sa.Column("modifier", sa.Float(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ux_price_history_item_day", "price_history", ["item_id", "day"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_price_history_item_day", table_name="price_history")
    op.drop_table("price_history")
    op.drop_index("ix_purchases_item_created", table_name="purchases")
    with op.batch_alter_table("items") as batch:
        for name in (*PRICE_COLUMNS, "pinned", "price_trend"):
            batch.drop_column(name)
