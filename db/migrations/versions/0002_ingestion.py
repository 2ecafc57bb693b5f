"""ingestion: game-bot sources and rates, ingested messages, credits, nicknames, review, parser models

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

Seeds the game bots by username only (their Telegram ids are set by admins), the COIN rates per
(source, currency) and the review threshold; see docs/decisions/005-ingestion.md.
"""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ingested_messages',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('sender_telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('sender_username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('message_date', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitter_id', sa.BigInteger(), nullable=True),
    sa.Column('via_bot_to_bot', sa.Boolean(), nullable=False),
    sa.Column('reply_to_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('players', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('amounts', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('totals', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('model', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('credited', sa.BigInteger(), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('reviewer_id', sa.BigInteger(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('chat_id', 'message_id', name='uq_ingested_messages_chat_message')
    )
    with op.batch_alter_table('ingested_messages', schema=None) as batch_op:
        batch_op.create_index('ix_ingested_messages_status', ['status', 'id'], unique=False)
        batch_op.create_index('ix_ingested_messages_submitter', ['submitter_id', 'id'], unique=False)

    op.create_table('ingestion_baselines',
    sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('currency', sa.String(length=16), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'source', 'currency')
    )
    op.create_table('ingestion_credits',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('ingestion_id', sa.BigInteger(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('transfer_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ingestion_id', 'user_id', name='uq_ingestion_credits_message_user')
    )
    with op.batch_alter_table('ingestion_credits', schema=None) as batch_op:
        batch_op.create_index('ix_ingestion_credits_user', ['user_id', 'ingestion_id'], unique=False)

    op.create_table('ingestion_examples',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('ingestion_id', sa.BigInteger(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sender', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('moderator_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ingestion_examples', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ingestion_examples_ingestion_id'), ['ingestion_id'], unique=False)

    op.create_table('ingestion_nickname_claims',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('nickname', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('nickname_key', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('holder_id', sa.BigInteger(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('reviewer_id', sa.BigInteger(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ingestion_nickname_claims', schema=None) as batch_op:
        batch_op.create_index('ix_ingestion_nickname_claims_status', ['status', 'id'], unique=False)

    op.create_table('ingestion_nicknames',
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('nickname_key', sa.String(length=100), nullable=False),
    sa.Column('nickname', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('source', 'nickname_key')
    )
    with op.batch_alter_table('ingestion_nicknames', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ingestion_nicknames_user_id'), ['user_id'], unique=False)

    op.create_table('ingestion_parse_cache',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('result', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('ingestion_parse_cache', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ingestion_parse_cache_expires_at'), ['expires_at'], unique=False)

    op.create_table('ingestion_rates',
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('currency', sa.String(length=16), nullable=False),
    sa.Column('coefficient', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('source', 'currency')
    )
    op.create_table('ingestion_remainders',
    sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('remainder', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'source')
    )
    op.create_table('ingestion_sources',
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('source'),
    sa.UniqueConstraint('telegram_id')
    )
    op.create_table('parser_disagreements',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('ingestion_id', sa.BigInteger(), nullable=True),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('current_version', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('current_kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('current_confidence', sa.Float(), nullable=False),
    sa.Column('shadow_version', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('shadow_kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('shadow_confidence', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('chat_id', 'message_id', 'shadow_version', name='uq_parser_disagreements_message')
    )
    op.create_table('parser_models',
    sa.Column('version', sa.String(length=80), nullable=False),
    sa.Column('path', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('metrics', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('version')
    )
    with op.batch_alter_table('parser_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parser_models_status'), ['status'], unique=False)

    op.create_table('parser_training_runs',
    sa.Column('run_key', sa.String(length=20), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('version', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('promoted', sa.Boolean(), nullable=False),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('run_key')
    )
    _seed()


SOURCES = {
    "gdcards": "gdcardsBot",
    "gusya_cards": "Goose_CardBot",
    "shmalala": "shmalala_bot",
    "true_mafia": "TrueMafiaBot",
    "bunker_rp": "bunkerrp_bot",
}
# COIN per unit; Гуся Cards is ours to choose (one card ≈ one GD Cards card, see the decision note).
RATES = [
    ("gdcards", "points", "2"),
    ("gdcards", "orbs", "2"),
    ("gusya_cards", "points", "0.001"),
    ("gusya_cards", "coins", "0.5"),
    ("shmalala", "coins", "1"),
    ("shmalala", "karma", "10"),
    ("true_mafia", "wins", "15"),
    ("bunker_rp", "wins", "20"),
]


def _seed() -> None:
    now = datetime.now(UTC)
    op.bulk_insert(
        sa.table("ingestion_sources", sa.column("source", sa.String), sa.column("telegram_id", sa.BigInteger),
                 sa.column("username", sa.String), sa.column("enabled", sa.Boolean),
                 sa.column("updated_at", sa.DateTime(timezone=True))),
        [{"source": s, "telegram_id": None, "username": u, "enabled": True, "updated_at": now}
         for s, u in SOURCES.items()],
    )
    op.bulk_insert(
        sa.table("ingestion_rates", sa.column("source", sa.String), sa.column("currency", sa.String),
                 sa.column("coefficient", sa.String), sa.column("updated_at", sa.DateTime(timezone=True))),
        [{"source": s, "currency": c, "coefficient": k, "updated_at": now} for s, c, k in RATES],
    )
    op.bulk_insert(
        sa.table("config_values", sa.column("key", sa.String), sa.column("value", sa.JSON),
                 sa.column("updated_at", sa.DateTime(timezone=True))),
        [{"key": "ingestion.review_threshold", "value": 0.8, "updated_at": now}],
    )


def downgrade() -> None:
    op.execute("DELETE FROM config_values WHERE key = 'ingestion.review_threshold'")
    op.drop_table('parser_training_runs')
    with op.batch_alter_table('parser_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parser_models_status'))

    op.drop_table('parser_models')
    op.drop_table('parser_disagreements')
    op.drop_table('ingestion_sources')
    op.drop_table('ingestion_remainders')
    op.drop_table('ingestion_rates')
    with op.batch_alter_table('ingestion_parse_cache', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ingestion_parse_cache_expires_at'))

    op.drop_table('ingestion_parse_cache')
    with op.batch_alter_table('ingestion_nicknames', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ingestion_nicknames_user_id'))

    op.drop_table('ingestion_nicknames')
    with op.batch_alter_table('ingestion_nickname_claims', schema=None) as batch_op:
        batch_op.drop_index('ix_ingestion_nickname_claims_status')

    op.drop_table('ingestion_nickname_claims')
    with op.batch_alter_table('ingestion_examples', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ingestion_examples_ingestion_id'))

    op.drop_table('ingestion_examples')
    with op.batch_alter_table('ingestion_credits', schema=None) as batch_op:
        batch_op.drop_index('ix_ingestion_credits_user')

    op.drop_table('ingestion_credits')
    op.drop_table('ingestion_baselines')
    with op.batch_alter_table('ingested_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_ingested_messages_submitter')
        batch_op.drop_index('ix_ingested_messages_status')

    op.drop_table('ingested_messages')
