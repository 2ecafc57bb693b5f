"""Loans: paid out from the ``loans`` faucet, repaid to it in daily installments.

A loan of P for N days (7, 14 or 30) at the rate its credit score gives owes P plus the interest
(rounded up), split into N daily installments (the first ones a unit larger when it does not divide).
On day k (k days after it was taken) the job takes what is due: the outstanding amount less what the
days after k are scheduled to pay, so arrears and late fees fall due at once and an early repayment
lowers what is taken. A player who cannot pay misses the day: 10% of that day's installment (rounded up) is
added as a late fee. Each (loan, day) is one ``bank_loan_days`` row, its primary key the guard that
takes it once; the loan row is locked while it is collected. After the term every day takes what is
left, and each day missed adds 10% of the last installment. One open loan per player (a partial
unique index), at most 10× their balance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models.bank import Loan, LoanDay
from resolvers import events, ledger, movement, notifications
from resolvers.bank import common, credit
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "bank.loans",
    "CREDIT_SCORE_TOO_LOW",
    "LOAN_ALREADY_OPEN",
    "LOAN_CLOSED",
    "LOAN_LIMIT_EXCEEDED",
    "REPAYMENT_TOO_LARGE",
    "UNKNOWN_LOAN",
    uses=(common.ERRORS, movement.ERRORS),
)

TERMS = (7, 14, 30)
MIN_SCORE = 400
LATE_FEE_PERCENT = 10
OPEN, REPAID = "OPEN", "REPAID"
PAID, MISSED, COVERED, SCHEDULED = "PAID", "MISSED", "COVERED", "SCHEDULED"
LIST_LIMIT = 100


@dataclass(frozen=True, kw_only=True)
class Taken:
    loan: Loan
    replayed: bool = False


@dataclass(frozen=True, kw_only=True)
class Installment:
    day: int
    due_at: datetime
    amount: int
    paid: int
    fee: int
    status: str


@dataclass(kw_only=True)
class Collected:
    paid: int = 0
    missed: int = 0
    repaid: int = 0
    amounts: list[int] = field(default_factory=list)


def installments(total: int, term: int) -> list[int]:
    """The scheduled amount of each day 1..term: equal parts, the remainder on the first days."""
    base, extra = divmod(total, term)
    return [base + (1 if k < extra else 0) for k in range(term)]


def due_on(loan: Loan, day: int) -> int:
    """What day ``day`` takes: the outstanding amount less what the later days are scheduled to pay."""
    later = sum(installments(loan.total, loan.term_days)[day:])
    return max(0, loan.outstanding - later)


def late_fee(loan: Loan, day: int, due: int) -> int:
    """10% (rounded up) of the day's installment: arrears already carry their own fee."""
    planned = installments(loan.total, loan.term_days)[min(day, loan.term_days) - 1]
    return common.ceil_div(min(due, planned) * LATE_FEE_PERCENT, 100)


async def request(
    session: AsyncSession,
    *,
    actor_id: int,
    amount: Any,
    term_days: Any,
    idempotency_key: str | None,
    clock: Clock,
) -> Taken:
    value = ledger.parse_amount(amount)
    term = common.parse_term(term_days, TERMS)
    rating = await credit.score(session, user_id=actor_id, clock=clock)
    interest = common.ceil_div(value * rating.rate_bp, common.BP)
    now = clock.now()

    async def effects(transfers: list[Any]) -> Effects:
        # Checked here, after the key is claimed: a repeat returns its loan whatever changed since.
        await _check_eligible(session, actor_id, value, rating)
        loan = Loan(
            user_id=actor_id,
            currency=common.CURRENCY,
            principal=value,
            rate_bp=rating.rate_bp,
            score=rating.score,
            total=value + interest,
            outstanding=value + interest,
            term_days=term,
            status=OPEN,
            opened_at=now,
        )
        session.add(loan)
        await session.flush()
        return Effects(
            result={"loan_id": loan.id},
            events=[_event("loan.granted", loan, transfers)],
            notes=[
                notifications.Note(
                    user_id=actor_id,
                    kind="loan.granted",
                    title=f"🏦 +{value} {loan.currency}",
                    body=f"Loan #{loan.id}: {loan.total} to repay in {term} daily installments.",
                    data={"loan_id": loan.id, "amount": value, "total": loan.total, "days": term}
                    | {"currency": loan.currency},
                )
            ],
            audit=Audit(
                action="loan.request",
                subject=f"loan:{loan.id}",
                data={"amount": value, "term": term, "score": rating.score, "rate_bp": rating.rate_bp},
            ),
        )

    moved = await movement.move(
        session,
        movement.Movement(
            operation="loan.request",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"amount": value, "term": term},
            legs=[
                ledger.Leg(
                    debit=("system", common.LOANS),
                    credit=("user", actor_id),
                    asset=common.CURRENCY,
                    amount=value,
                    kind="loan.payout",
                    memo=f"{term} days",
                )
            ],
        ),
        clock=clock,
        effects=effects,
    )
    loan = await session.get(Loan, moved.result["loan_id"])
    assert loan is not None
    return Taken(loan=loan, replayed=moved.replayed)


async def _check_eligible(session: AsyncSession, actor_id: int, value: int, rating: credit.Score) -> None:
    query = select(col(Loan.id)).where(col(Loan.user_id) == actor_id, col(Loan.status) == OPEN)
    if (await session.execute(query)).first() is not None:
        raise DomainError("LOAN_ALREADY_OPEN", "Repay your open loan before taking another.", None)
    if rating.score < MIN_SCORE:
        raise DomainError(
            "CREDIT_SCORE_TOO_LOW",
            f"A loan needs a credit score of {MIN_SCORE}; yours is {rating.score}.",
            None,
        )
    if value > rating.limit:
        raise DomainError(
            "LOAN_LIMIT_EXCEEDED", f"You may borrow at most {rating.limit} (10× your balance).", "amount"
        )


async def repay(
    session: AsyncSession,
    *,
    actor_id: int,
    loan_id: Any,
    amount: Any,
    idempotency_key: str | None,
    clock: Clock,
) -> Taken:
    """An early repayment of part or all of what is outstanding."""
    loan = await _locked(session, loan_id)
    if loan is None or loan.user_id != actor_id:
        raise DomainError("UNKNOWN_LOAN", "No such loan.", "loanId")
    value = ledger.parse_amount(amount)

    def effects(transfers: list[Any]) -> Effects:
        # Checked after the key is claimed: a repeat returns the loan as it is now.
        if loan.status != OPEN:
            raise DomainError("LOAN_CLOSED", "This loan is repaid.", "loanId")
        if value > loan.outstanding:
            raise DomainError("REPAYMENT_TOO_LARGE", f"Only {loan.outstanding} is left to repay.", "amount")
        return _paid(loan, value, transfers, clock=clock, kind="loan.payment")

    moved = await movement.move(
        session,
        movement.Movement(
            operation="loan.repay",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"loan": loan.id, "amount": value},
            legs=[_repayment(loan, value, "loan.repayment")],
        ),
        clock=clock,
        effects=effects,
    )
    session.add(loan)
    await session.flush()
    return Taken(loan=loan, replayed=moved.replayed)


async def collect(session: AsyncSession, *, loan_id: int, clock: Clock) -> Collected:
    """Takes every installment of the loan that fell due and was not taken yet, in day order."""
    done = Collected()
    loan = await _locked(session, loan_id)
    if loan is None:
        return done
    now = clock.now()
    while loan.status == OPEN and loan.opened_at + timedelta(days=loan.days_done + 1) <= now:
        day = loan.days_done + 1
        due = due_on(loan, day)
        held = (await ledger.balances_of(session, "user", loan.user_id)).get(loan.currency, 0)
        status = COVERED if due == 0 else PAID if held >= due else MISSED
        fee = late_fee(loan, day, due) if status == MISSED else 0
        stmt = insert_for(session, LoanDay).values(
            loan_id=loan.id,
            day=day,
            due=due,
            paid=due if status == PAID else 0,
            fee=fee,
            status=status,
            created_at=now,
        )
        claimed = (
            await session.execute(stmt.on_conflict_do_nothing().returning(col(LoanDay.day)))
        ).scalar_one_or_none()
        loan.days_done = day
        if claimed is None:
            continue
        if status == PAID:
            await _take(session, loan, due, day, clock)
            done.paid += 1
            done.amounts.append(due)
        elif status == MISSED:
            await _miss(session, loan, due, fee, day, clock)
            done.missed += 1
        if loan.status == REPAID:
            done.repaid += 1
    session.add(loan)
    await session.flush()
    return done


async def open_loans(session: AsyncSession) -> list[int]:
    query = select(col(Loan.id)).where(col(Loan.status) == OPEN).order_by(col(Loan.id))
    return [int(i) for i in (await session.execute(query)).scalars().all()]


async def of_user(session: AsyncSession, *, user_id: int) -> list[Loan]:
    query = select(Loan).where(col(Loan.user_id) == user_id).order_by(col(Loan.id).desc()).limit(LIST_LIMIT)
    return list((await session.execute(query)).scalars().all())


def schedule(loan: Loan, days: list[LoanDay]) -> list[Installment]:
    """Every day of the loan: what was taken or missed (``days``), then what the days to come take."""
    out = [
        Installment(
            day=r.day,
            due_at=loan.opened_at + timedelta(days=r.day),
            amount=r.due,
            paid=r.paid,
            fee=r.fee,
            status=r.status,
        )
        for r in sorted(days, key=lambda d: d.day)
    ]
    planned = installments(loan.total, loan.term_days)
    left = loan.outstanding if loan.status == OPEN else 0
    day = loan.days_done + 1
    while day <= loan.term_days or (left > 0 and day == loan.days_done + 1):
        amount = max(0, left - sum(planned[day:]))
        left -= amount
        out.append(
            Installment(
                day=day,
                due_at=loan.opened_at + timedelta(days=day),
                amount=amount,
                paid=0,
                fee=0,
                status=SCHEDULED,
            )
        )
        day += 1
    return out


async def days_of(session: AsyncSession, loan_ids: list[int]) -> dict[int, list[LoanDay]]:
    rows = await session.execute(select(LoanDay).where(col(LoanDay.loan_id).in_(loan_ids)))
    out: dict[int, list[LoanDay]] = {i: [] for i in loan_ids}
    for row in rows.scalars().all():
        out[row.loan_id].append(row)
    return out


async def _locked(session: AsyncSession, loan_id: Any) -> Loan | None:
    ident = to_id(loan_id)
    if ident is None:
        return None
    query = select(Loan).where(col(Loan.id) == ident).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


def _repayment(loan: Loan, amount: int, kind: str) -> ledger.Leg:
    return ledger.Leg(
        debit=("user", loan.user_id),
        credit=("system", common.LOANS),
        asset=loan.currency,
        amount=amount,
        kind=kind,
        ref=f"loan:{loan.id}",
        memo=f"loan #{loan.id}",
    )


def _paid(loan: Loan, amount: int, transfers: list[Any], *, clock: Clock, kind: str) -> Effects:
    loan.outstanding -= amount
    if loan.outstanding == 0:
        loan.status, loan.closed_at = REPAID, clock.now()
    data = {"loan_id": loan.id, "amount": amount, "outstanding": loan.outstanding}
    notes = [
        notifications.Note(
            user_id=loan.user_id,
            kind=kind,
            title=f"🏦 −{amount} {loan.currency}",
            body=f"Paid on loan #{loan.id}; {loan.outstanding} left.",
            data=data | {"currency": loan.currency},
        )
    ]
    if loan.status == REPAID:
        notes.append(
            notifications.Note(
                user_id=loan.user_id,
                kind="loan.repaid",
                title=f"🏦 Loan #{loan.id} repaid",
                body="Nothing is left to pay.",
                data={"loan_id": loan.id},
            )
        )
    return Effects(
        events=[_event("loan.repaid" if loan.status == REPAID else "loan.installment", loan, transfers)],
        notes=notes,
        audit=Audit(action=kind, subject=f"loan:{loan.id}", data=data),
    )


async def _take(session: AsyncSession, loan: Loan, due: int, day: int, clock: Clock) -> None:
    def effects(transfers: list[Any]) -> Effects:
        return _paid(loan, due, transfers, clock=clock, kind="loan.installment_paid")

    await movement.move(
        session,
        movement.Movement(
            operation="loan.installment",
            actor_id=None,
            legs=[_repayment(loan, due, "loan.installment")],
        ),
        clock=clock,
        effects=effects,
    )


async def _miss(session: AsyncSession, loan: Loan, due: int, fee: int, day: int, clock: Clock) -> None:
    loan.outstanding += fee
    loan.late_fees += fee
    loan.missed += 1
    data = {"loan_id": loan.id, "amount": due, "fee": fee, "day": day, "outstanding": loan.outstanding}
    await movement.move(
        session,
        movement.Movement(operation="loan.missed", actor_id=None, legs=[]),
        clock=clock,
        effects=lambda _: Effects(
            events=[_event("loan.missed", loan, [])],
            notes=[
                notifications.Note(
                    user_id=loan.user_id,
                    kind="loan.installment_missed",
                    title=f"⚠️ Missed {due} {loan.currency}",
                    body=f"Loan #{loan.id}: not enough money; a late fee of {fee} was added.",
                    data=data | {"currency": loan.currency},
                )
            ],
            audit=Audit(action="loan.missed", subject=f"loan:{loan.id}", data=data),
        ),
    )


def _event(kind: str, loan: Loan, transfers: list[Any]) -> events.Spec:
    return events.Spec(
        kind=kind,
        actor_id=loan.user_id,
        subject=f"loan:{loan.id}",
        audience=[loan.user_id],
        payload={"loan_id": loan.id, "transfer_id": transfers[0].id if transfers else None},
    )
