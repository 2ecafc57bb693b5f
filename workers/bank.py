"""The bank's daily work, as reconcilers run hourly: each player's deposits earn every day of
interest not paid yet and the matured ones return (``bank_interest``); each open loan's installments
that fell due are taken or missed (``bank_loan_installments``). One unit of work per player or per
loan; a (deposit, day) or (loan, day) already done is skipped, so a late, repeated or concurrent
run pays once."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers.bank import loans, savings
from resolvers.errors import DomainError
from workers import runtime
from workers.broker import job

log = logging.getLogger("lucas.workers.bank")


@job("bank_interest", every=3600.0, max_retries=3, time_limit=600_000)
async def bank_interest() -> dict[str, int]:
    rt = runtime.get()
    async with rt.db.reader() as session:
        players = await savings.savers(session)
    report = {"players": 0, "days": 0, "interest": 0, "matured": 0}
    for user_id in players:

        async def one(session: AsyncSession, user_id: int = user_id) -> savings.Settled:
            return await savings.settle(session, user_id=user_id, clock=rt.clock)

        done = await rt.transaction(one)
        report["players"] += 1
        report["days"] += done.days
        report["interest"] += done.interest
        report["matured"] += done.matured
    return report


@job("bank_loan_installments", every=3600.0, max_retries=3, time_limit=600_000)
async def bank_loan_installments() -> dict[str, int]:
    rt = runtime.get()
    async with rt.db.reader() as session:
        open_loans = await loans.open_loans(session)
    report = {"loans": 0, "paid": 0, "missed": 0, "repaid": 0, "failed": 0}
    for loan_id in open_loans:

        async def one(session: AsyncSession, loan_id: int = loan_id) -> loans.Collected:
            return await loans.collect(session, loan_id=loan_id, clock=rt.clock)

        try:
            done = await rt.transaction(one)
        except DomainError as exc:  # the balance changed under the job: taken at the next run
            report["failed"] += 1
            log.warning("loan %s: %s", loan_id, exc.message)
            continue
        report["loans"] += 1
        report["paid"] += done.paid
        report["missed"] += done.missed
        report["repaid"] += done.repaid
    return report
