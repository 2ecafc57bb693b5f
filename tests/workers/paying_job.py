"""A test-only job that pays a player, through the same unit of work as every job (commit, then
publish). ``lucas worker`` loads it with ``LUCAS_JOB_MODULES=tests.workers.paying_job``."""

from __future__ import annotations

from resolvers import admin
from workers import runtime
from workers.broker import job

NAME = "test_pay_player"


@job(NAME, max_retries=0, time_limit=60_000)
async def pay_player(user_id: int, amount: int, admin_id: int) -> dict[str, int]:
    rt = runtime.get()
    result = await rt.transaction(
        lambda s: admin.grant(
            s,
            actor_id=admin_id,
            user_id=user_id,
            currency="COIN",
            amount=amount,
            reason="paid by a job",
            idempotency_key=None,
            clock=rt.clock,
        )
    )
    return {"transfer_id": int(result.transfer.id or 0), "amount": amount}
