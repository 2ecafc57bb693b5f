"""auctions and auction_bids: the auction house (lots in escrow, bids, settlement)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "auctions",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("seller_id", sa.BigInteger(), nullable=False),
        sa.Column("item_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=40), nullable=False),
        sa.Column("start_price", sa.BigInteger(), nullable=False),
        sa.Column("buyout_price", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("current_bid", sa.BigInteger(), nullable=True),
        sa.Column("leader_id", sa.BigInteger(), nullable=True),
        sa.Column("bid_count", sa.Integer(), nullable=False),
        sa.Column("extensions", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("final_price", sa.BigInteger(), nullable=True),
        sa.CheckConstraint("status IN ('OPEN', 'SOLD', 'UNSOLD', 'CANCELLED')", name="ck_auctions_status"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_auctions_status_ends", "auctions", ["status", "ends_at"])
    op.create_index("ix_auctions_seller", "auctions", ["seller_id", "id"])
    op.create_index("ix_auctions_item_settled", "auctions", ["item_id", "settled_at"])
    op.create_table(
        "auction_bids",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("auction_id", sa.BigInteger(), nullable=False),
        sa.Column("bidder_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("transfer_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_auction_bids_auction", "auction_bids", ["auction_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_auction_bids_auction", table_name="auction_bids")
    op.drop_table("auction_bids")
    op.drop_index("ix_auctions_item_settled", table_name="auctions")
    op.drop_index("ix_auctions_seller", table_name="auctions")
    op.drop_index("ix_auctions_status_ends", table_name="auctions")
    op.drop_table("auctions")
