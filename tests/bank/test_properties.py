"""The bank's properties on both databases: interest accrual matches a day-by-day model however late
or often it is settled, loan deduction takes exactly what is due (or misses with the fee), and the
daily jobs run twice at once pay each (deposit, day) and (loan, day) once."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import col

from db.engine import Database
from db.models import Transfer
from db.models.bank import Deposit, DepositAccrual, Loan
from resolvers import ledger
from resolvers.bank import common, loans, savings
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from tests import factories
from tests.bank.test_bank import set_config
from tests.conftest import make_settings
from workers import bank as bank_jobs
from workers import runtime

_round = itertools.count()
START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def model_payouts(opened: list[tuple[date, int, int]], *, rate_bp: int, cap: int) -> list[int]:
    """Each deposit's balance at its term, computed day by day: (open date, principal, term)."""
    balances = [principal for _, principal, _ in opened]
    first = min(d for d, _, _ in opened) + timedelta(days=1)
    last = max(d + timedelta(days=t) for d, _, t in opened)
    day = first
    while day <= last:
        earning = [i for i, (d, _, t) in enumerate(opened) if d < day <= d + timedelta(days=t)]
        left = cap
        for i in earning:
            base = min(balances[i], left)
            left -= base
            balances[i] += base * rate_bp // common.BP
        day += timedelta(days=1)
    return balances


async def system_balance(db: Database, owner: str) -> int:
    async with db.reader() as session:
        return (await ledger.system_balances(session)).get((common.CURRENCY, owner), 0)


async def sound(db: Database) -> None:
    async with db.reader() as session:
        assert all(v == 0 for v in (await ledger.conservation(session)).values())
        assert await ledger.reconcile(session) == []


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("open"), st.integers(1, 9000), st.sampled_from(savings.TERMS)),
            st.tuples(st.just("wait"), st.integers(1, 60), st.just(0)),
            st.tuples(st.just("settle"), st.just(0), st.just(0)),
        ),
        min_size=1,
        max_size=8,
    ),
    rate_bp=st.sampled_from([0, 1, 200, 333]),
    cap=st.sampled_from([0, 500, 10_000]),
)
def test_interest_accrual_matches_the_day_by_day_model_however_it_is_settled(
    database_url: str, steps: list[tuple[str, int, int]], rate_bp: int, cap: int
) -> None:
    """Property (the plan's "savings interest accrual"): each deposit returns at its term with
    exactly the model's compounded, capped, rounded-down interest, whether settled every few hours,
    late or only at the end; the interest faucet paid exactly that interest; nothing stays in escrow."""

    async def body() -> None:
        db = Database(database_url)
        clock = ManualClock(START)
        try:
            admin = await factories.admin(db, f"ia{next(_round)}", clock=clock)
            saver = await factories.player(db, f"is{next(_round)}", coins=100_000, by=admin, clock=clock)
            await set_config(db, common.RATE_KEY, rate_bp)
            await set_config(db, common.CAP_KEY, cap)
            opened: list[tuple[date, int, int]] = []
            faucet = await system_balance(db, common.INTEREST)
            for action, amount, term in steps:
                async with db.transaction() as session:
                    if action == "open":
                        await savings.deposit(
                            session,
                            actor_id=saver.id,
                            amount=amount,
                            term_days=term,
                            idempotency_key=None,
                            clock=clock,
                        )
                        opened.append((clock.now().date(), amount, term))
                    elif action == "wait":
                        clock.advance(hours=amount)
                    else:
                        await savings.settle(session, user_id=saver.id, clock=clock)
            clock.advance(days=91)
            async with db.transaction() as session:
                await savings.settle(session, user_id=saver.id, clock=clock)
            async with db.reader() as session:
                rows = await savings.of_user(session, user_id=saver.id)
            rows.sort(key=lambda r: int(r.id or 0))
            expected = model_payouts(opened, rate_bp=rate_bp, cap=cap) if opened else []
            assert [r.payout for r in rows] == expected
            assert all(r.status == savings.MATURED for r in rows)
            earned = sum(expected) - sum(p for _, p, _ in opened)
            assert await factories.balance(db, saver) == 100_000 + earned
            assert await system_balance(db, common.INTEREST) == faucet - earned
            assert await system_balance(db, common.BANK_ESCROW) == 0
            await sound(db)
        finally:
            await db.dispose()

    asyncio.run(body())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    principal=st.integers(1, 2000),
    term=st.sampled_from(loans.TERMS),
    days=st.lists(st.tuples(st.integers(0, 300), st.booleans()), min_size=1, max_size=35),
)
def test_loan_deduction_takes_what_is_due_or_misses_with_the_fee(
    database_url: str, principal: int, term: int, days: list[tuple[int, bool]]
) -> None:
    """Property (the plan's "loan payment deduction"): each day the job takes exactly what the
    schedule says is due when the player holds it, else takes nothing and adds 10% of the day's installment (rounded up);
    what was taken plus what is outstanding is the total owed plus the fees; every coin taken went
    back to the loans faucet, and no balance goes negative. ``days``: before each day, a grant and
    whether the player first gives everything away."""

    async def body() -> None:
        db = Database(database_url)
        clock = ManualClock(START)
        try:
            n = next(_round)
            admin = await factories.admin(db, f"la{n}", clock=clock)
            debtor, sink = await factories.players(db, f"ld{n}", f"ls{n}", coins=200, by=admin, clock=clock)
            faucet = await system_balance(db, common.LOANS)
            async with db.transaction() as session:
                taken = await loans.request(
                    session,
                    actor_id=debtor.id,
                    amount=principal,
                    term_days=term,
                    idempotency_key=None,
                    clock=clock,
                )
            loan_id = int(taken.loan.id or 0)
            total = taken.loan.total
            plan = loans.installments(total, term)
            outstanding, held, taken_sum, fees = total, 200 + taken.loan.principal, 0, 0
            for k, (extra, spend) in enumerate(days, start=1):
                if spend and held:
                    async with db.transaction() as session:
                        await ledger.post(
                            session,
                            [
                                ledger.Leg(
                                    debit=("user", debtor.id),
                                    credit=("user", sink.id),
                                    asset="COIN",
                                    amount=held,
                                    kind="payment",
                                )
                            ],
                            clock=clock,
                            actor_id=debtor.id,
                        )
                    held = 0
                if extra:
                    await factories.grant(db, debtor, extra, by=admin, clock=clock)
                    held += extra
                clock.advance(days=1)
                async with db.transaction() as session:
                    done = await loans.collect(session, loan_id=loan_id, clock=clock)
                if outstanding == 0:
                    assert (done.paid, done.missed) == (0, 0)
                    continue
                due = max(0, outstanding - sum(plan[k:]))
                if due == 0:
                    assert (done.paid, done.missed) == (0, 0)
                elif held >= due:
                    assert done.amounts == [due] and done.missed == 0
                    outstanding, held, taken_sum = outstanding - due, held - due, taken_sum + due
                else:
                    fee = -(-min(due, plan[min(k, term) - 1]) * 10 // 100)
                    assert done.paid == 0 and done.missed == 1
                    outstanding, fees = outstanding + fee, fees + fee
                assert await factories.balance(db, debtor) == held
            async with db.reader() as session:
                loan = await session.get(Loan, loan_id)
            assert loan is not None
            assert (loan.outstanding, loan.late_fees) == (outstanding, fees)
            assert taken_sum + loan.outstanding == total + fees
            assert loan.status == (loans.REPAID if outstanding == 0 else loans.OPEN)
            assert await system_balance(db, common.LOANS) == faucet - loan.principal + taken_sum
            await sound(db)
        finally:
            await db.dispose()

    asyncio.run(body())


async def test_the_daily_jobs_run_twice_at_once_pay_each_day_once(tmp_path: Path, database_url: str) -> None:
    db = Database(database_url)
    clock = ManualClock(START)
    try:
        admin = await factories.admin(db, "boss", clock=clock)
        people = await factories.players(db, "saver1", "saver2", "saver3", coins=5000, by=admin, clock=clock)
        for who in people:
            async with db.transaction() as session:
                for amount, term in ((1000, 7), (2500, 30)):
                    await savings.deposit(
                        session,
                        actor_id=who.id,
                        amount=amount,
                        term_days=term,
                        idempotency_key=None,
                        clock=clock,
                    )
                await loans.request(
                    session, actor_id=who.id, amount=700, term_days=7, idempotency_key=None, clock=clock
                )
        clock.advance(days=3, minutes=1)
        rt = runtime.Runtime(settings=make_settings(tmp_path, database_url), db=db, clock=clock)
        with runtime.using(rt):
            reports = await asyncio.gather(*(bank_jobs.bank_interest() for _ in range(3)))
            collected = await asyncio.gather(*(bank_jobs.bank_loan_installments() for _ in range(3)))
            again = await bank_jobs.bank_interest()
        # Each player's two deposits earned three days once, whichever run got there first
        assert sum(r["days"] for r in reports) == 3 * 3 and again["days"] == 0
        per_player = model_payouts(
            [(START.date(), 1000, 7), (START.date(), 2500, 30)], rate_bp=200, cap=10_000
        )
        async with db.reader() as session:
            accruals = (await session.execute(select(func.count()).select_from(DepositAccrual))).scalar_one()
            balances = sorted(r.balance for r in (await session.execute(select(Deposit))).scalars().all())
            installments = (
                await session.execute(
                    select(func.count()).select_from(Transfer).where(col(Transfer.kind) == "loan.installment")
                )
            ).scalar_one()
        assert accruals == 3 * 2 * 3
        three_days = model_payouts(
            [(START.date(), 1000, 3), (START.date(), 2500, 3)], rate_bp=200, cap=10_000
        )
        assert balances == sorted(three_days * 3)
        assert per_player[0] > three_days[0]
        assert sum(r["interest"] for r in reports) == 3 * (sum(three_days) - 3500)
        assert installments == 3 * 3 and sum(c["paid"] for c in collected) == 9
        await sound(db)
    finally:
        await db.dispose()


async def test_a_deposit_withdrawn_twice_at_once_while_the_job_runs_pays_out_once(database_url: str) -> None:
    db = Database(database_url)
    clock = ManualClock(START)
    try:
        admin = await factories.admin(db, "boss", clock=clock)
        saver = await factories.player(db, "saver", coins=3000, by=admin, clock=clock)
        ids = []
        async with db.transaction() as session:
            for amount in (1000, 2000):
                made = await savings.deposit(
                    session, actor_id=saver.id, amount=amount, term_days=30, idempotency_key=None, clock=clock
                )
                ids.append(int(made.deposit.id or 0))
        clock.advance(days=2)

        async def withdraw(deposit_id: int) -> str:
            try:
                async with db.transaction() as session:
                    await savings.withdraw(session, actor_id=saver.id, deposit_id=deposit_id, clock=clock)
            except DomainError as refused:
                return refused.code
            return "ok"

        async def settle() -> str:
            async with db.transaction() as session:
                await savings.settle(session, user_id=saver.id, clock=clock)
            return "settled"

        outcomes = await asyncio.gather(withdraw(ids[1]), settle(), withdraw(ids[1]), withdraw(ids[0]))
        assert sorted(outcomes) == sorted(["ok", "settled", "DEPOSIT_CLOSED", "ok"])
        balances = model_payouts([(START.date(), 1000, 2), (START.date(), 2000, 2)], rate_bp=200, cap=10_000)
        penalties = 100 + 200
        assert await factories.balance(db, saver) == sum(balances) - penalties
        async with db.reader() as session:
            accruals = (await session.execute(select(func.count()).select_from(DepositAccrual))).scalar_one()
        assert accruals == 2 * 2
        await sound(db)
    finally:
        await db.dispose()
