"""Trade offers expire 72 hours after they were made: the job closes each due offer and returns its
escrow, one transaction per offer (a reconciler: an offer accepted, cancelled or expired meanwhile
is left alone, so repeated or concurrent runs expire each offer once)."""

from __future__ import annotations

from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers.trading import common, queries, settlement
from workers import runtime
from workers.broker import job


@job("trade_expire", every=300.0, max_retries=3, time_limit=300_000)
async def trade_expire() -> dict[str, int]:
    rt = runtime.get()
    expired = 0
    while True:
        due = await rt.transaction(lambda s: queries.due(s, clock=rt.clock))
        if not due:
            return {"expired": expired}
        for ident in due:
            expired += await rt.transaction(partial(_expire, offer_id=ident, rt=rt))
        if len(due) < common.DUE_BATCH:
            return {"expired": expired}


async def _expire(session: AsyncSession, *, offer_id: int, rt: runtime.Runtime) -> int:
    return int(await settlement.expire(session, offer_id=offer_id, clock=rt.clock))
