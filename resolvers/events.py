"""Domain events, appended in the transaction that caused them.

The session remembers the events it appended; after commit the server publishes them on
pub/sub (live subscriptions) while durable consumers read the events table itself.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal_column
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers.clock import Clock

PENDING_KEY = "lucas_events"


async def append(
    session: AsyncSession,
    *,
    kind: str,
    clock: Clock,
    actor_id: int | None = None,
    subject: str | None = None,
    audience: list[int] | None = None,
    payload: dict[str, Any] | None = None,
) -> Event:
    event = Event(
        kind=kind,
        actor_id=actor_id,
        subject=subject,
        audience=sorted(set(audience or [])),
        payload=payload or {},
        created_at=clock.now(),
    )
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        event.tx = literal_column("pg_current_xact_id()::text::bigint")  # type: ignore[assignment]
    session.add(event)
    await session.flush()
    session.info.setdefault(PENDING_KEY, []).append(event)
    return event


def pending(session: AsyncSession) -> list[Event]:
    return list(session.info.get(PENDING_KEY, []))
