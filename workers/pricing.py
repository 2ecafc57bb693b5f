"""The daily shop pricing job (resolvers/pricing.py): hourly, so a late day is caught up; each
(item, day) is priced once, so the extra runs change nothing."""

from __future__ import annotations

from resolvers import pricing
from workers import runtime
from workers.broker import job


@job("shop_pricing", every=3600.0, max_retries=3, time_limit=300_000)
async def shop_pricing() -> dict[str, int]:
    rt = runtime.get()
    return await pricing.reprice_all(rt.transaction, clock=rt.clock)
