"""The audit log: append-only and hash-chained.

Appending locks the single head row, so entries chain in commit order on PostgreSQL; callers
append last in their transaction to hold that lock briefly. Database triggers refuse UPDATE and
DELETE on the log (see the migration), and ``verify`` recomputes the chain.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import AuditEntry, AuditHead
from resolvers.clock import Clock

GENESIS = "0" * 64


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


async def append(
    session: AsyncSession,
    *,
    action: str,
    clock: Clock,
    actor_id: int | None,
    subject: str | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    head = (
        await session.execute(select(AuditHead).where(col(AuditHead.id) == 1).with_for_update())
    ).scalar_one()
    seq = head.seq + 1
    at = clock.now()
    payload = json.loads(json.dumps(data or {}, default=str))
    digest = entry_hash(
        head.hash, seq=seq, at=at.isoformat(), actor_id=actor_id, action=action, subject=subject, data=payload
    )
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor_id=actor_id,
        action=action,
        subject=subject,
        data=payload,
        prev_hash=head.hash,
        hash=digest,
    )
    session.add(entry)
    await session.execute(update(AuditHead).where(col(AuditHead.id) == 1).values(seq=seq, hash=digest))
    await session.flush()
    return entry


async def verify(session: AsyncSession, *, batch: int = 1000) -> bool:
    prev, expected_seq, last = GENESIS, 1, 0
    while True:
        rows = (
            (
                await session.execute(
                    select(AuditEntry)
                    .where(col(AuditEntry.seq) > last)
                    .order_by(col(AuditEntry.seq))
                    .limit(batch)
                )
            )
            .scalars()
            .all()
        )
        for entry in rows:
            digest = entry_hash(
                prev,
                seq=entry.seq,
                at=entry.at.isoformat(),
                actor_id=entry.actor_id,
                action=entry.action,
                subject=entry.subject,
                data=entry.data,
            )
            if entry.seq != expected_seq or entry.prev_hash != prev or entry.hash != digest:
                return False
            prev, expected_seq, last = entry.hash, expected_seq + 1, entry.seq
        if len(rows) < batch:
            break
    head = (await session.execute(select(AuditHead).where(col(AuditHead.id) == 1))).scalar_one()
    return head.hash == prev and head.seq == last
