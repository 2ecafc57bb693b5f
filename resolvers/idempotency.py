"""Idempotency keys: a repeat of the same request returns the first result and moves nothing.

The key is claimed by inserting its row in the operation's own transaction. A concurrent repeat
waits on the unique key until the first commits (then reads its result) or rolls back (then
proceeds itself); a failed first attempt leaves no row, so it may be retried.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import IdempotencyRecord
from resolvers import retention
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("idempotency", "IDEMPOTENCY_KEY_REUSED", "INVALID_IDEMPOTENCY_KEY")

RETENTION = timedelta(days=14)
MAX_KEY_LENGTH = 128


def request_hash(operation: str, params: dict[str, Any]) -> str:
    blob = json.dumps({"op": operation, "params": params}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


async def claim(
    session: AsyncSession,
    *,
    actor_key: str,
    key: str | None,
    operation: str,
    params: dict[str, Any],
    clock: Clock,
) -> dict[str, Any] | None:
    """None when the operation should run; the stored result when this is a repeat."""
    if key is None:
        return None
    if not key.strip() or len(key) > MAX_KEY_LENGTH:
        raise DomainError(
            "INVALID_IDEMPOTENCY_KEY",
            f"Idempotency key must be 1 to {MAX_KEY_LENGTH} characters.",
            "idempotencyKey",
        )
    scope = f"{actor_key}:{operation}:{key}"
    digest = request_hash(operation, params)
    stmt = insert_for(session, IdempotencyRecord).values(
        scope=scope, request_hash=digest, result={}, created_at=clock.now()
    )
    inserted = await session.execute(stmt.on_conflict_do_nothing().returning(col(IdempotencyRecord.scope)))
    if inserted.scalar_one_or_none() is not None:
        session.info["idempotency_scope"] = scope
        return None
    row = (
        await session.execute(select(IdempotencyRecord).where(col(IdempotencyRecord.scope) == scope))
    ).scalar_one()
    if row.request_hash != digest:
        raise DomainError(
            "IDEMPOTENCY_KEY_REUSED",
            "This idempotency key was used for a different request.",
            "idempotencyKey",
        )
    return dict(row.result)


async def record(session: AsyncSession, result: dict[str, Any]) -> None:
    scope = session.info.get("idempotency_scope")
    if scope is not None:
        await session.execute(
            update(IdempotencyRecord).where(col(IdempotencyRecord.scope) == scope).values(result=result)
        )


async def expire(session: AsyncSession, *, clock: Clock) -> int:
    result = await session.execute(
        delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < clock.now() - RETENTION)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@retention.rule("idempotency_keys", keep=RETENTION)
async def _prune(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(
        delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < cutoff)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
