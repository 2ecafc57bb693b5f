"""The audit sealer: chains committed audit entries in commit order (a reconciler; concurrent or
repeated runs seal each entry once, serialised on the chain's head row)."""

from __future__ import annotations

from resolvers import audit
from workers import runtime
from workers.broker import job


@job("audit_seal", every=2.0, max_retries=3, time_limit=60_000)
async def audit_seal() -> dict[str, int]:
    return {"sealed": await audit.seal(runtime.get().db)}
