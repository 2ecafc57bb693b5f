"""Domain events, appended in the transaction that caused them.

The session remembers the events it appended; after commit the server publishes them on
pub/sub (live subscriptions) while durable consumers read the events table itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, literal_column
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers.clock import Clock

PENDING_KEY = "lucas_events"
_topics: dict[str, set[str]] = {}


def live(topic: str, *kinds: str) -> None:
    """Declares that events of ``kinds`` concern a live topic (``wallet``: balances changed), so the
    topic's subscription reacts to them. Each domain declares its own kinds where it appends them."""
    for kind in kinds:
        _topics.setdefault(kind, set()).add(topic)


def concerns(kind: str | None, topic: str) -> bool:
    return kind is not None and topic in _topics.get(kind, ())


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


@dataclass(frozen=True, kw_only=True)
class Spec:
    """An event to append; ``append_many`` writes several in one statement."""

    kind: str
    actor_id: int | None = None
    subject: str | None = None
    audience: list[int] = field(default_factory=list)
    payload: dict[str, Any] = field(default_factory=dict)


# Core, built once: one statement for all rows; on PostgreSQL each row records its transaction id.
_INSERT: dict[bool, Any] = {
    False: insert(Event.metadata.tables["events"]).returning(col(Event.id)),
    True: insert(Event.metadata.tables["events"])
    .values(tx=literal_column("pg_current_xact_id()::text::bigint"))
    .returning(col(Event.id)),
}


async def append_many(session: AsyncSession, specs: list[Spec], *, clock: Clock) -> list[Event]:
    if not specs:
        return []
    now = clock.now()
    rows = [
        Event(
            kind=spec.kind,
            actor_id=spec.actor_id,
            subject=spec.subject,
            audience=sorted(set(spec.audience)),
            payload=spec.payload,
            created_at=now,
        )
        for spec in specs
    ]
    connection = await session.connection()
    stmt = _INSERT[connection.dialect.name == "postgresql"]
    params = [
        {"kind": r.kind, "actor_id": r.actor_id, "subject": r.subject, "audience": r.audience}
        | {"payload": r.payload, "created_at": now}
        for r in rows
    ]
    ids = await connection.execute(stmt, params)
    # One multi-row INSERT takes ids in row order on both databases; RETURNING may list them in any.
    for row, ident in zip(rows, sorted(ids.scalars().all()), strict=True):
        row.id = int(ident)
    session.info.setdefault(PENDING_KEY, []).extend(rows)
    return rows


def signal(session: AsyncSession, *, kind: str, subject: str, payload: dict[str, Any], clock: Clock) -> Event:
    """A live-only event: published to the subject's watchers after commit like the others, but not
    stored, so durable consumers never read it (``leaderboard.changed``)."""
    event = Event(kind=kind, subject=subject, audience=[], payload=payload, created_at=clock.now())
    session.info.setdefault(PENDING_KEY, []).append(event)
    return event


def pending(session: AsyncSession) -> list[Event]:
    return list(session.info.get(PENDING_KEY, []))
