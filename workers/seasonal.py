"""Seasonal events: event currency from activity (the durable consumer ``seasonal``), and the jobs
that open events at their start (``event_start``) and close them at their end (``event_end``),
converting unused event currency to COIN at half. Each event, and each holder's conversion, is its
own unit of work; a repeated, late or concurrent run changes nothing twice."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from db.models.seasonal import SeasonalEvent
from resolvers import outbox
from resolvers.errors import DomainError
from resolvers.seasonal import common, earn, lifecycle
from workers import runtime
from workers.broker import job

log = logging.getLogger("lucas.workers.seasonal")


@outbox.consumer(common.CONSUMER)
async def earn_event_currency(session: AsyncSession, event: Event) -> None:
    await earn.earn(session, event)


@job("event_start", every=300.0, max_retries=3, time_limit=300_000)
async def event_start() -> dict[str, int]:
    """Scheduled events whose start has come are opened (their players told, default shops stocked)."""
    rt = runtime.get()
    async with rt.db.reader() as session:
        due = await lifecycle.due_to_open(session, clock=rt.clock)
    started = 0
    for ident in due:

        async def one(session: AsyncSession, ident: int = ident) -> bool:
            return await lifecycle.open_due(session, event_id=ident, clock=rt.clock)

        started += await rt.transaction(one)
    return {"started": started}


@job("event_end", every=300.0, max_retries=3, time_limit=600_000)
async def event_end() -> dict[str, int]:
    """Events past their end are closed, after the consumer has paid everything earned in them;
    each holder's unused event currency then becomes COIN at half, rounded down."""
    rt = runtime.get()
    async with rt.db.reader() as session:
        due = await lifecycle.due_to_close(session, clock=rt.clock)
    report = {"ended": 0, "converted": 0, "coins": 0, "failed": 0}
    if due:
        await outbox.relay(rt.db, common.CONSUMER, clock=rt.clock, publish=rt.publish)
    for ident in due:

        async def close(session: AsyncSession, ident: int = ident) -> bool:
            return await lifecycle.close_due(session, event_id=ident, clock=rt.clock)

        report["ended"] += await rt.transaction(close)
    async with rt.db.reader() as session:
        pending = await lifecycle.to_convert(session)
    for ident in pending:
        async with rt.db.reader() as session:
            event = await session.get(SeasonalEvent, ident)
            owners = await lifecycle.holders(session, event.currency) if event is not None else []
        for user_id in owners:

            async def one(
                session: AsyncSession, ident: int = ident, user_id: int = user_id
            ) -> lifecycle.Conversion | None:
                return await lifecycle.convert(session, event_id=ident, user_id=user_id, clock=rt.clock)

            try:
                done = await rt.transaction(one)
            except DomainError as exc:  # a balance that moved under the job: converted at the next run
                report["failed"] += 1
                log.warning("seasonal %s, player %s: %s", ident, user_id, exc.message)
                continue
            if done is not None:
                report["converted"] += 1
                report["coins"] += done.coins

        async def mark(session: AsyncSession, ident: int = ident) -> None:
            await lifecycle.mark_converted(session, event_id=ident, clock=rt.clock)

        await rt.transaction(mark)
    return report
