"""audit_log sealed after commit: entries are written unchained (seq, prev_hash and hash empty,
tx = the writer's transaction id on PostgreSQL) and sealed into the hash chain later, in commit
order. The triggers still refuse DELETE, and UPDATE except filling the seal columns once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SEAL_COLUMNS = (
    ("seq", sa.BigInteger()),
    ("prev_hash", sqlmodel.sql.sqltypes.AutoString(length=64)),
    ("hash", sqlmodel.sql.sqltypes.AutoString(length=64)),
)
UNSEALED = sa.text("seq IS NULL")

PG_SEAL_ONLY = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
        AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
        AND (NEW.id, NEW.at, NEW.actor_id, NEW.action, NEW.subject, NEW.data, NEW.tx)
            IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_id, OLD.action, OLD.subject, OLD.data, OLD.tx)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END $$
"""
PG_APPEND_ONLY = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
"""
SQLITE_SEAL_ONLY = """
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
    OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
    AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
    AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor_id IS OLD.actor_id
    AND NEW.action IS OLD.action AND NEW.subject IS OLD.subject AND NEW.data IS OLD.data
    AND NEW.tx IS OLD.tx
)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
"""


def _sqlite_triggers(update_trigger: str) -> None:
    op.execute(update_trigger)
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # the batch below recreates the table, and its triggers with it
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table("audit_log") as batch:
        for name, type_ in SEAL_COLUMNS:
            batch.alter_column(name, existing_type=type_, nullable=True)
        batch.add_column(sa.Column("tx", sa.BigInteger(), nullable=True))
    op.create_index(
        "ix_audit_log_unsealed",
        "audit_log",
        ["tx", "id"],
        postgresql_where=UNSEALED,
        sqlite_where=UNSEALED,
    )
    if sqlite:
        _sqlite_triggers(SQLITE_SEAL_ONLY)
    else:
        op.execute(PG_SEAL_ONLY)


def downgrade() -> None:
    """Refused by the NOT NULL columns while entries are unsealed: run the sealer first."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    op.drop_index("ix_audit_log_unsealed", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("tx")
        for name, type_ in SEAL_COLUMNS:
            batch.alter_column(name, existing_type=type_, nullable=False)
    if sqlite:
        _sqlite_triggers(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
    else:
        op.execute(PG_APPEND_ONLY)
