"""Auctions past their end are settled: the item to the winner and the price to the seller less the
fee, or the item back to the seller. Each auction in its own unit of work (its events reach live
subscribers from this process); one that a concurrent run settled first is skipped."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers.auctions import settlement
from resolvers.errors import DomainError
from workers import runtime
from workers.broker import job

BATCH = 100
log = logging.getLogger("lucas.workers.auctions")


@job("auction_settle", every=60.0, max_retries=3, time_limit=300_000)
async def auction_settle() -> dict[str, int]:
    rt = runtime.get()
    settled = failed = 0
    tried: set[int] = set()
    while True:
        async with rt.db.reader() as session:
            due = [
                i
                for i in await settlement.due(session, clock=rt.clock, limit=BATCH + len(tried))
                if i not in tried
            ]
        for ident in due:
            tried.add(ident)

            async def one(session: AsyncSession, ident: int = ident) -> bool:
                return await settlement.settle(session, auction_id=ident, clock=rt.clock) is not None

            try:
                settled += await rt.transaction(one)
            except DomainError as exc:
                failed += 1
                log.error("auction %s could not be settled: %s", ident, exc.message)
        if not due:
            return {"settled": settled, "failed": failed}
