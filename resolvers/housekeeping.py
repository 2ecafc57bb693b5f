"""Housekeeping: run every retention rule the domains registered (``resolvers.retention``), in one
transaction, and report how many rows each removed."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers import retention
from resolvers.clock import Clock


async def run(session: AsyncSession, *, clock: Clock) -> dict[str, int]:
    retention.discover()
    now = clock.now()
    counts: dict[str, int] = {}
    for name, rule in sorted(retention.RULES.items()):
        counts[name] = await rule.prune(session, now - await retention.keep_for(session, rule))
    return counts
