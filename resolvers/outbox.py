"""Durable consumers of the events table: each reads at least once, from its own offset.

Handlers must be idempotent by event id. On PostgreSQL an event's id is taken before its
transaction commits, so a later id can become visible first. Each event therefore records the id
of the transaction that appended it (``tx``), and the relay reads in ``(tx, id)`` order only the
events of transactions older than the oldest one still running (the snapshot's ``xmin``): every
such transaction has committed or rolled back, so nothing can appear behind the offset later.
Only transactions of this database count (xids are cluster-wide; another database's long
transaction must not hold the relay back). SQLite commits one at a time and is read by id.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, text, tuple_, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.engine import Database
from db.models import ConsumerOffset, Event
from resolvers import events, retention
from resolvers.clock import Clock

Handler = Callable[[AsyncSession, Event], Awaitable[None]]
Publish = Callable[[list[Event]], Awaitable[None]]
# The oldest running transaction of this database as a 64-bit xid (the snapshot lists 64-bit xids,
# pg_stat_activity 32-bit ones), or the next xid to be assigned when none is running.
HORIZON = text(
    """
    SELECT COALESCE(min(x::text::bigint), pg_snapshot_xmax(pg_current_snapshot())::text::bigint)
    FROM pg_snapshot_xip(pg_current_snapshot()) AS x
    WHERE x::text::bigint % 4294967296 IN (
        SELECT backend_xid::text::bigint FROM pg_stat_activity
        WHERE datname = current_database() AND backend_xid IS NOT NULL
    )
    """
)
CONSUMERS: dict[str, Handler] = {}


def consumer(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        CONSUMERS[name] = handler
        return handler

    return register


async def relay(
    db: Database, name: str, *, clock: Clock, batch: int = 200, publish: Publish | None = None
) -> int:
    """Feed one consumer the events it has not seen; returns how many it handled. What the
    consumer appends (a level-up, its notification) reaches live subscribers through ``publish``
    once its batch commits."""
    handler = CONSUMERS[name]
    handled = 0
    while True:
        async with db.transaction() as session:
            horizon = None
            if not db.is_sqlite:
                horizon = (await session.execute(HORIZON)).scalar_one()
            await session.execute(
                insert_for(session, ConsumerOffset)
                .values(consumer=name, last_event_id=0, last_tx=0, updated_at=clock.now())
                .on_conflict_do_nothing()
            )
            last_id, last_tx = (
                await session.execute(
                    select(col(ConsumerOffset.last_event_id), col(ConsumerOffset.last_tx))
                    .where(col(ConsumerOffset.consumer) == name)
                    .with_for_update()
                )
            ).one()
            if horizon is None:
                query = select(Event).where(col(Event.id) > last_id).order_by(col(Event.id))
            else:
                query = (
                    select(Event)
                    .where(
                        tuple_(col(Event.tx), col(Event.id)) > tuple_(last_tx, last_id),
                        col(Event.tx) < horizon,
                    )
                    .order_by(col(Event.tx), col(Event.id))
                )
            rows = (await session.execute(query.limit(batch))).scalars().all()
            for event in rows:
                await handler(session, event)
            if rows:
                await session.execute(
                    update(ConsumerOffset)
                    .where(col(ConsumerOffset.consumer) == name)
                    .values(last_event_id=rows[-1].id, last_tx=rows[-1].tx or 0, updated_at=clock.now())
                )
            appended = events.pending(session)
        if publish is not None and appended:
            await publish(appended)
        handled += len(rows)
        if len(rows) < batch:
            return handled


async def relay_all(db: Database, *, clock: Clock, publish: Publish | None = None) -> dict[str, int]:
    return {name: await relay(db, name, clock=clock, publish=publish) for name in sorted(CONSUMERS)}


@retention.rule("events", keep=timedelta(days=90), config_key="retention.events")
async def _prune_consumed(session: AsyncSession, cutoff: datetime) -> int:
    """Old events, once every durable consumer has read them."""
    consumed = (await session.execute(select(func.min(col(ConsumerOffset.last_event_id))))).scalar_one()
    stmt = delete(Event).where(col(Event.created_at) < cutoff)
    if consumed is not None:
        stmt = stmt.where(col(Event.id) <= consumed)
    result = await session.execute(stmt)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
