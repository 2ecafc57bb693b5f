"""The audit log: append-only, sealed into a hash chain after commit.

``append`` writes an unsealed entry in the caller's transaction: one INSERT, no shared row, so
audited transactions do not serialise on the log. ``seal`` (a periodic job) later chains the
committed entries in commit order, filling ``seq``, ``prev_hash`` and ``hash`` once. On
PostgreSQL an entry records its transaction id (``tx``) and the sealer takes only entries of
transactions older than the oldest one still running, in ``(tx, id)`` order, as the outbox relay
reads events: nothing can commit behind the sealed tip. SQLite commits one at a time and is
sealed in id order. Database triggers refuse DELETE, and UPDATE except that first sealing (see
migration 0005). ``verify`` recomputes the sealed chain and counts unsealed entries as pending.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, literal_column, select, update
from sqlalchemy.sql.elements import ColumnClause
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models import AuditEntry, AuditHead
from resolvers.clock import Clock
from resolvers.outbox import HORIZON

GENESIS = "0" * 64
_TX: ColumnClause[Any] = literal_column("pg_current_xact_id()::text::bigint")


def entry_hash(
    prev_hash: str,
    *,
    seq: int,
    at: str,
    actor_id: int | None,
    action: str,
    subject: str | None,
    data: dict[str, Any],
) -> str:
    body = json.dumps(
        {"seq": seq, "at": at, "actor": actor_id, "action": action, "subject": subject, "data": data},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


_INSERT: dict[bool, Any] = {
    False: insert(AuditEntry.metadata.tables["audit_log"]),
    True: insert(AuditEntry.metadata.tables["audit_log"]).values(tx=_TX),
}


async def append(
    session: AsyncSession,
    *,
    action: str,
    clock: Clock,
    actor_id: int | None,
    subject: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    values: dict[str, Any] = {
        "at": clock.now(),
        "actor_id": actor_id,
        "action": action,
        "subject": subject,
        "data": json.loads(json.dumps(data or {}, default=str)),
    }
    connection = await session.connection()
    await connection.execute(_INSERT[connection.dialect.name == "postgresql"], values)


def _digest(prev: str, seq: int, entry: AuditEntry) -> str:
    return entry_hash(
        prev,
        seq=seq,
        at=entry.at.isoformat(),
        actor_id=entry.actor_id,
        action=entry.action,
        subject=entry.subject,
        data=entry.data,
    )


async def seal_batch(session: AsyncSession, *, postgres: bool, batch: int) -> int:
    """Chain up to ``batch`` committed unsealed entries onto the tip, in the caller's transaction."""
    horizon = (await session.execute(HORIZON)).scalar_one() if postgres else None
    head = (
        await session.execute(select(AuditHead).where(col(AuditHead.id) == 1).with_for_update())
    ).scalar_one()
    query = select(AuditEntry).where(col(AuditEntry.seq).is_(None))
    if horizon is None:
        query = query.order_by(col(AuditEntry.id))
    else:
        query = query.where(col(AuditEntry.tx) < horizon).order_by(col(AuditEntry.tx), col(AuditEntry.id))
    entries = (await session.execute(query.limit(batch))).scalars().all()
    if not entries:
        return 0
    prev, seq, seals = head.hash, head.seq, []
    for entry in entries:
        seq += 1
        digest = _digest(prev, seq, entry)
        seals.append({"id": entry.id, "seq": seq, "prev_hash": prev, "hash": digest})
        prev = digest
    await session.execute(update(AuditEntry), seals)
    await session.execute(update(AuditHead).where(col(AuditHead.id) == 1).values(seq=seq, hash=prev))
    return len(entries)


async def seal(db: Database, *, batch: int = 500) -> int:
    """Seal every committed entry (as far as the horizon allows); returns how many."""
    if batch < 1:
        raise ValueError(f"batch must be at least 1, not {batch}")
    sealed = 0
    while True:
        async with db.transaction() as session:
            count = await seal_batch(session, postgres=not db.is_sqlite, batch=batch)
        sealed += count
        if count < batch:
            return sealed


@dataclass(frozen=True)
class ChainStatus:
    valid: bool  # every sealed entry recomputes and links, and the head is the last one
    sealed: int
    pending: int  # committed, not sealed yet: not a fault


async def verify(session: AsyncSession, *, batch: int = 1000) -> ChainStatus:
    """Recompute the sealed chain. The head is read first: a sealer committing meanwhile only
    appends entries beyond it, which must link too."""
    head = (await session.execute(select(AuditHead).where(col(AuditHead.id) == 1))).scalar_one()
    prev, last, valid = GENESIS, 0, True
    tip_ok = head.seq == 0
    while valid:
        query = (
            select(AuditEntry).where(col(AuditEntry.seq) > last).order_by(col(AuditEntry.seq)).limit(batch)
        )
        rows = (await session.execute(query)).scalars().all()
        for entry in rows:
            seq = last + 1
            if entry.seq != seq or entry.prev_hash != prev or entry.hash != _digest(prev, seq, entry):
                valid = False
                break
            prev, last = entry.hash, seq
            if seq == head.seq:
                tip_ok = entry.hash == head.hash
        if len(rows) < batch:
            break
    pending = (
        await session.execute(
            select(func.count()).select_from(AuditEntry).where(col(AuditEntry.seq).is_(None))
        )
    ).scalar_one()
    return ChainStatus(valid=valid and tip_ok, sealed=last, pending=pending)
