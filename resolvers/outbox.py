"""Durable consumers of the events table: each reads at least once, from its own offset.

Handlers must be idempotent by event id. On PostgreSQL, ids are taken before commit, so a later
id can commit first; the relay only reads events older than ``lag`` so that a slower transaction's
earlier id is not skipped (SQLite commits one at a time and needs no lag).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models import ConsumerOffset, Event
from resolvers.clock import Clock
from resolvers.ledger import _insert

Handler = Callable[[AsyncSession, Event], Awaitable[None]]
CONSUMERS: dict[str, Handler] = {}


def consumer(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        CONSUMERS[name] = handler
        return handler

    return register


async def relay(
    db: Database, name: str, *, clock: Clock, batch: int = 200, lag: timedelta | None = None
) -> int:
    """Feed one consumer the events it has not seen; returns how many it handled."""
    handler = CONSUMERS[name]
    if lag is None:
        lag = timedelta(0) if db.is_sqlite else timedelta(seconds=2)
    handled = 0
    while True:
        async with db.transaction() as session:
            await session.execute(
                _insert(session, ConsumerOffset)
                .values(consumer=name, last_event_id=0, updated_at=clock.now())
                .on_conflict_do_nothing()
            )
            offset = (
                await session.execute(
                    select(col(ConsumerOffset.last_event_id))
                    .where(col(ConsumerOffset.consumer) == name)
                    .with_for_update()
                )
            ).scalar_one()
            rows = (
                (
                    await session.execute(
                        select(Event)
                        .where(col(Event.id) > offset, col(Event.created_at) <= clock.now() - lag)
                        .order_by(col(Event.id))
                        .limit(batch)
                    )
                )
                .scalars()
                .all()
            )
            for event in rows:
                await handler(session, event)
            if rows:
                await session.execute(
                    update(ConsumerOffset)
                    .where(col(ConsumerOffset.consumer) == name)
                    .values(last_event_id=rows[-1].id, updated_at=clock.now())
                )
        handled += len(rows)
        if len(rows) < batch:
            return handled


async def relay_all(db: Database, *, clock: Clock) -> dict[str, int]:
    return {name: await relay(db, name, clock=clock) for name in sorted(CONSUMERS)}
