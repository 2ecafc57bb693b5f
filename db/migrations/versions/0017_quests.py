"""quests, quest_runs, quest_steps, quest_choices: quests with chains and branches, and a starter set

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
SEEDED = datetime(2026, 12, 3, tzinfo=UTC)

# The starter set: a chain of three story quests, a branch of two after the first, a daily one.
STARTERS: list[dict[str, Any]] = [
    {
        "key": "first-steps",
        "title": "First steps",
        "type": "STORY",
        "kind": "wallet.transfer",
        "coins": 20,
        "xp": 50,
        "requires": [],
        "branch": None,
        "description": "Send a payment to another player.",
    },
    {
        "key": "window-shopping",
        "title": "Window shopping",
        "type": "STORY",
        "kind": "shop.purchase",
        "coins": 30,
        "xp": 75,
        "requires": ["first-steps"],
        "branch": None,
        "description": "Buy something in the shop.",
    },
    {
        "key": "generous-soul",
        "title": "A generous soul",
        "type": "STORY",
        "kind": "gift.sent",
        "coins": 50,
        "xp": 100,
        "requires": ["window-shopping"],
        "branch": None,
        "description": "Send a gift to a friend.",
    },
    {
        "key": "traders-path",
        "title": "The trader's path",
        "type": "STORY",
        "kind": "trade.accepted",
        "coins": 100,
        "xp": 150,
        "requires": ["first-steps"],
        "branch": "first-path",
        "description": "Choose trading: complete a trade. The saver's path closes.",
    },
    {
        "key": "savers-path",
        "title": "The saver's path",
        "type": "STORY",
        "kind": "bank.deposited",
        "coins": 100,
        "xp": 150,
        "requires": ["first-steps"],
        "branch": "first-path",
        "description": "Choose saving: open a bank deposit. The trader's path closes.",
    },
    {
        "key": "daily-routine",
        "title": "Daily routine",
        "type": "DAILY",
        "kind": "daily.claimed",
        "coins": 10,
        "xp": 20,
        "requires": [],
        "branch": None,
        "description": "Claim the daily bonus.",
    },
]


def upgrade() -> None:
    quests = op.create_table(
        "quests",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("objectives", JSON, nullable=False),
        sa.Column("requires", JSON, nullable=False),
        sa.Column("branch", sa.String(length=64), nullable=True),
        sa.Column("reward_currency", sa.String(length=40), nullable=True),
        sa.Column("reward_amount", sa.BigInteger(), nullable=False),
        sa.Column("reward_xp", sa.Integer(), nullable=False),
        sa.Column("reward_item_id", sa.BigInteger(), nullable=True),
        sa.Column("reward_item_quantity", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", name="uq_quests_key"),
    )
    op.create_table(
        "quest_runs",
        sa.Column("id", BIGINT_PK, autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("quest_id", sa.BigInteger(), nullable=False),
        sa.Column("run", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("progress", JSON, nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "quest_id", "run", name="uq_quest_runs_user_quest_run"),
    )
    op.create_index("ix_quest_runs_user_status", "quest_runs", ["user_id", "status"])
    op.create_index("ix_quest_runs_status_quest", "quest_runs", ["status", "quest_id"])
    op.create_table(
        "quest_steps",
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("run_id", "event_id"),
    )
    op.create_index("ix_quest_steps_created", "quest_steps", ["created_at"])
    op.create_table(
        "quest_choices",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("branch", sa.String(length=64), nullable=False),
        sa.Column("quest_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "branch"),
    )
    _seed(quests)


def _seed(quests: sa.Table) -> None:
    connection = op.get_bind()
    for position, q in enumerate(STARTERS, start=1):
        connection.execute(
            quests.insert().values(
                key=q["key"],
                title=q["title"],
                description=q["description"],
                type=q["type"],
                objectives=[{"kind": q["kind"], "count": 1}],
                requires=[],
                branch=q["branch"],
                reward_currency="COIN",
                reward_amount=q["coins"],
                reward_xp=q["xp"],
                reward_item_id=None,
                reward_item_quantity=0,
                position=position,
                active=True,
                created_at=SEEDED,
                updated_at=SEEDED,
            )
        )
    ids = dict(connection.execute(sa.select(quests.c.key, quests.c.id)).tuples().all())
    for q in STARTERS:
        if q["requires"]:
            connection.execute(
                quests.update()
                .where(quests.c.key == q["key"])
                .values(requires=[ids[k] for k in q["requires"]])
            )


def downgrade() -> None:
    op.drop_table("quest_choices")
    op.drop_index("ix_quest_steps_created", table_name="quest_steps")
    op.drop_table("quest_steps")
    op.drop_index("ix_quest_runs_status_quest", table_name="quest_runs")
    op.drop_index("ix_quest_runs_user_status", table_name="quest_runs")
    op.drop_table("quest_runs")
    op.drop_table("quests")
