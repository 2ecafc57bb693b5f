"""seasonal events: the domain's tables, and four default yearly events

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

DEFAULTS = [
    (
        "new-year",
        "New Year",
        "Snowflakes for every activity; festive limited editions.",
        "SNOWFLAKE",
        "Snowflakes",
        (2026, 12, 24),
        (2027, 1, 8),
    ),
    (
        "spring",
        "Spring Festival",
        "Blossoms bloom with every activity.",
        "BLOSSOM",
        "Blossoms",
        (2027, 3, 20),
        (2027, 4, 3),
    ),
    (
        "summer",
        "Summer Games",
        "Sunshine for every game and trade.",
        "SUNSHINE",
        "Sunshine",
        (2027, 6, 21),
        (2027, 7, 5),
    ),
    (
        "halloween",
        "Halloween",
        "Pumpkins for the brave; spooky limited editions.",
        "PUMPKIN",
        "Pumpkins",
        (2027, 10, 24),
        (2027, 11, 1),
    ),
]


def upgrade() -> None:
    events = op.create_table(
        "seasonal_events",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("template", sa.String(length=40), nullable=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("currency", sa.String(length=40), nullable=False),
        sa.Column("currency_name", sa.String(length=60), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("yearly", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("converted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_seasonal_events_status", "seasonal_events", ["status", "starts_at"])
    op.create_table(
        "seasonal_items",
        sa.Column("item_id", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("item_id"),
    )
    op.create_index("ix_seasonal_items_event", "seasonal_items", ["event_id", "item_id"])
    op.create_table(
        "seasonal_earnings",
        sa.Column("source_event_id", sa.BigInteger(), nullable=False),
        sa.Column("season_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source_event_id", "season_id"),
    )
    op.create_index("ix_seasonal_earnings_user_day", "seasonal_earnings", ["season_id", "user_id", "day"])
    for name in ("seasonal_purchases", "seasonal_conversions"):
        columns = (
            [
                sa.Column("item_id", sa.BigInteger(), nullable=False),
                sa.Column("quantity", sa.BigInteger(), nullable=False),
                sa.Column("total", sa.BigInteger(), nullable=False),
            ]
            if name == "seasonal_purchases"
            else [
                sa.Column("amount", sa.BigInteger(), nullable=False),
                sa.Column("coins", sa.BigInteger(), nullable=False),
            ]
        )
        op.create_table(
            name,
            sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
            sa.Column("season_id", sa.BigInteger(), nullable=False),
            sa.Column("user_id", sa.BigInteger(), nullable=False),
            *columns,
            sa.Column("operation", sa.String(length=40), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
    op.create_index("ix_seasonal_purchases_user", "seasonal_purchases", ["season_id", "user_id", "item_id"])
    op.create_index("ix_seasonal_conversions_user", "seasonal_conversions", ["season_id", "user_id"])
    now = datetime.now(UTC)
    op.bulk_insert(
        events,
        [
            {
                "template": key,
                "name": name,
                "description": description,
                "currency": code,
                "currency_name": currency_name,
                "starts_at": datetime(*start, tzinfo=UTC),
                "ends_at": datetime(*end, tzinfo=UTC),
                "status": "SCHEDULED",
                "yearly": True,
                "created_at": now,
            }
            for key, name, description, code, currency_name, start, end in DEFAULTS
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_seasonal_conversions_user", table_name="seasonal_conversions")
    op.drop_index("ix_seasonal_purchases_user", table_name="seasonal_purchases")
    op.drop_table("seasonal_conversions")
    op.drop_table("seasonal_purchases")
    op.drop_index("ix_seasonal_earnings_user_day", table_name="seasonal_earnings")
    op.drop_table("seasonal_earnings")
    op.drop_index("ix_seasonal_items_event", table_name="seasonal_items")
    op.drop_table("seasonal_items")
    op.drop_index("ix_seasonal_events_status", table_name="seasonal_events")
    op.drop_table("seasonal_events")
