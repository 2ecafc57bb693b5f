"""Chat retention: messages older than 90 days (on the platform's clock) are deleted, with their
reports and offences. Housekeeping runs the same rule; this job lets moderators run it alone."""

from __future__ import annotations

from resolvers.chat import messages
from workers import runtime
from workers.broker import job


@job("chat_retention", every=3600.0, max_retries=3, time_limit=300_000)
async def chat_retention() -> dict[str, int]:
    rt = runtime.get()
    async with rt.db.transaction() as session:
        deleted = await messages.prune(session, rt.clock.now() - messages.KEEP)
    return {"deleted": deleted}
