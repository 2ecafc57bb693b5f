"""Savings: a deposit for 7, 30 or 90 days earns daily interest and returns with it at its term.

The coins of every open deposit sit in the ``escrow:bank`` system account. Interest for calendar
day D is paid to each deposit open on D (opened before D, D at most its term's last day), out of the
``interest`` faucet, at the first settlement on or after D: ``settle`` catches up every missed day
in order. A player's deposits earn on at most ``bank.interest_cap`` together; the cap is shared out
by deposit id (the oldest deposit first), so a day's interest is the same whenever it is paid. Each
(deposit, day) is one ``bank_deposit_accruals`` row, its primary key the guard that pays it once;
the player's open deposits are locked while they settle, so concurrent runs wait for each other.

Interest shows in the player's history: it is paid to them and saved into the deposit at once (two
transfers that leave their balance as it was). Withdrawing before the term forfeits 10% of the
principal (rounded up) to the burn account; at or after the term the deposit returns whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models.bank import Deposit, DepositAccrual
from resolvers import events, ledger, movement, notifications
from resolvers.bank import common
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "bank.savings",
    "UNKNOWN_DEPOSIT",
    "DEPOSIT_CLOSED",
    uses=(common.ERRORS, movement.ERRORS),
)

TERMS = (7, 30, 90)
PENALTY_PERCENT = 10
ESCROW = ("system", common.BANK_ESCROW)
OPEN, WITHDRAWN, MATURED = "OPEN", "WITHDRAWN", "MATURED"
LIST_LIMIT = 100


@dataclass(frozen=True, kw_only=True)
class Opened:
    deposit: Deposit
    replayed: bool = False


@dataclass(frozen=True, kw_only=True)
class Closed:
    deposit: Deposit
    payout: int
    penalty: int


@dataclass(frozen=True, kw_only=True)
class Settled:
    days: int = 0
    interest: int = 0
    matured: int = 0


async def deposit(
    session: AsyncSession,
    *,
    actor_id: int,
    amount: Any,
    term_days: Any,
    idempotency_key: str | None,
    clock: Clock,
) -> Opened:
    value = ledger.parse_amount(amount)
    term = common.parse_term(term_days, TERMS)
    now = clock.now()

    async def effects(transfers: list[Any]) -> Effects:
        row = Deposit(
            user_id=actor_id,
            currency=common.CURRENCY,
            principal=value,
            balance=value,
            term_days=term,
            status=OPEN,
            opened_at=now,
            matures_at=now + timedelta(days=term),
            accrued_through=now.date(),
        )
        session.add(row)
        await session.flush()
        return Effects(
            result={"deposit_id": row.id},
            events=[_event("bank.deposited", actor_id, row, transfers)],
            audit=Audit(
                action="bank.deposit", subject=f"deposit:{row.id}", data={"amount": value, "term": term}
            ),
        )

    moved = await movement.move(
        session,
        movement.Movement(
            operation="bank.deposit",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"amount": value, "term": term},
            legs=[
                ledger.Leg(
                    debit=("user", actor_id),
                    credit=ESCROW,
                    asset=common.CURRENCY,
                    amount=value,
                    kind="bank.deposit",
                    memo=f"{term} days",
                )
            ],
        ),
        clock=clock,
        effects=effects,
    )
    row = await session.get(Deposit, moved.result["deposit_id"])
    assert row is not None
    return Opened(deposit=row, replayed=moved.replayed)


async def withdraw(session: AsyncSession, *, actor_id: int, deposit_id: Any, clock: Clock) -> Closed:
    """Closes a deposit: whole at or after its term, less the penalty before it."""
    ident = to_id(deposit_id)
    row = await session.get(Deposit, ident) if ident is not None else None
    if row is None or row.user_id != actor_id:
        raise DomainError("UNKNOWN_DEPOSIT", "No such deposit.", "depositId")
    # The player's open deposits are locked in id order, as the interest job locks them.
    if row not in await _open_deposits(session, actor_id):
        raise DomainError("DEPOSIT_CLOSED", "This deposit is already closed.", "depositId")
    await _accrue(session, actor_id, clock)
    early = clock.now() < row.matures_at
    penalty = common.ceil_div(row.principal * PENALTY_PERCENT, 100) if early else 0
    await _close(session, row, penalty=penalty, clock=clock, actor_id=actor_id)
    return Closed(deposit=row, payout=row.balance - penalty, penalty=penalty)


async def settle(session: AsyncSession, *, user_id: int, clock: Clock) -> Settled:
    """Pays every day of interest due to the player's deposits, then returns the matured ones."""
    days, paid = await _accrue(session, user_id, clock)
    matured = 0
    now = clock.now()
    for row in await _open_deposits(session, user_id):
        if now >= row.matures_at:
            await _close(session, row, penalty=0, clock=clock, actor_id=None)
            matured += 1
    return Settled(days=days, interest=paid, matured=matured)


async def savers(session: AsyncSession) -> list[int]:
    """Players with an open deposit (the daily job settles each in its own transaction)."""
    query = select(col(Deposit.user_id)).where(col(Deposit.status) == OPEN).distinct()
    return sorted(int(u) for u in (await session.execute(query)).scalars().all())


async def of_user(session: AsyncSession, *, user_id: int) -> list[Deposit]:
    query = (
        select(Deposit)
        .where(col(Deposit.user_id) == user_id)
        .order_by(col(Deposit.id).desc())
        .limit(LIST_LIMIT)
    )
    return list((await session.execute(query)).scalars().all())


def interest_for(balances: list[int], *, rate_bp: int, cap: int) -> list[tuple[int, int]]:
    """(base, interest) per deposit, oldest first: the cap goes to the oldest deposits first."""
    left = cap
    out = []
    for balance in balances:
        base = min(balance, left)
        left -= base
        out.append((base, base * rate_bp // common.BP))
    return out


def last_day(row: Deposit) -> date:
    return row.opened_at.date() + timedelta(days=row.term_days)


async def _open_deposits(session: AsyncSession, user_id: int) -> list[Deposit]:
    query = (
        select(Deposit)
        .where(col(Deposit.user_id) == user_id, col(Deposit.status) == OPEN)
        .order_by(col(Deposit.id))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list((await session.execute(query)).scalars().all())


async def _accrue(session: AsyncSession, user_id: int, clock: Clock) -> tuple[int, int]:
    """Every day of interest due to the player's open deposits up to today, in day order."""
    rows = await _open_deposits(session, user_id)
    if not rows:
        return 0, 0
    today = clock.now().date()
    rate = await common.setting(session, common.RATE_KEY, common.DAILY_RATE_BP)
    cap = await common.setting(session, common.CAP_KEY, common.INTEREST_CAP)
    day = min(r.accrued_through for r in rows) + timedelta(days=1)
    end = min(today, max(last_day(r) for r in rows))
    days = paid = 0
    while day <= end:
        earning = [r for r in rows if r.accrued_through < day <= last_day(r)]
        if earning:
            paid += await _pay_day(session, user_id, earning, day, rate=rate, cap=cap, clock=clock)
            days += 1
        day += timedelta(days=1)
    return days, paid


async def _pay_day(
    session: AsyncSession, user_id: int, rows: list[Deposit], day: date, *, rate: int, cap: int, clock: Clock
) -> int:
    legs: list[ledger.Leg] = []
    paid = 0
    for row, (base, amount) in zip(
        rows, interest_for([r.balance for r in rows], rate_bp=rate, cap=cap), strict=True
    ):
        ident = int(row.id or 0)
        stmt = insert_for(session, DepositAccrual).values(
            deposit_id=ident, day=day, base=base, amount=amount, created_at=clock.now()
        )
        claimed = (
            await session.execute(stmt.on_conflict_do_nothing().returning(col(DepositAccrual.day)))
        ).scalar_one_or_none()
        if claimed is None:
            continue
        row.accrued_through = day
        if amount > 0:
            row.balance += amount
            memo = f"deposit #{ident}, {day.isoformat()}"
            legs += [
                ledger.Leg(
                    debit=("system", common.INTEREST),
                    credit=("user", user_id),
                    asset=row.currency,
                    amount=amount,
                    kind="bank.interest",
                    ref=f"deposit:{ident}",
                    memo=memo,
                ),
                ledger.Leg(
                    debit=("user", user_id),
                    credit=ESCROW,
                    asset=row.currency,
                    amount=amount,
                    kind="bank.interest_saved",
                    ref=f"deposit:{ident}",
                    memo=memo,
                ),
            ]
            paid += amount
        session.add(row)
    await session.flush()
    if legs:
        transfers = await ledger.post(session, legs, clock=clock, actor_id=None)
        await events.append(
            session,
            kind="bank.interest",
            clock=clock,
            subject=f"user:{user_id}",
            audience=[user_id],
            payload={"day": day.isoformat(), "amount": paid, "transfer_id": transfers[0].id},
        )
    return paid


async def _close(
    session: AsyncSession, row: Deposit, *, penalty: int, clock: Clock, actor_id: int | None
) -> None:
    ident = int(row.id or 0)
    user = row.user_id
    legs = [
        ledger.Leg(
            debit=ESCROW,
            credit=("user", user),
            asset=row.currency,
            amount=row.balance,
            kind="bank.withdrawal" if penalty else "bank.matured",
            ref=f"deposit:{ident}",
            memo=f"deposit #{ident}",
        )
    ]
    if penalty:
        legs.append(
            ledger.Leg(
                debit=("user", user),
                credit=("system", ledger.BURN),
                asset=row.currency,
                amount=penalty,
                kind="bank.penalty",
                ref=f"deposit:{ident}",
                memo=f"deposit #{ident}",
            )
        )
    status = WITHDRAWN if actor_id is not None and penalty else MATURED
    payout = row.balance - penalty
    row.status, row.closed_at, row.payout, row.penalty = status, clock.now(), payout, penalty
    session.add(row)
    await session.flush()
    interest = row.balance - row.principal
    data = {"deposit_id": ident, "amount": payout, "interest": interest, "penalty": penalty}
    matured = status == MATURED
    note = notifications.Note(
        user_id=user,
        kind="bank.deposit_matured" if matured else "bank.deposit_withdrawn",
        title=f"🏦 +{payout} {row.currency}",
        body=(
            f"Your deposit #{ident} matured: {row.principal} back with {interest} interest."
            if matured
            else f"Your deposit #{ident} was withdrawn early: {penalty} forfeited, {interest} interest kept."
        ),
        data=data | {"principal": row.principal, "currency": row.currency},
    )

    def effects(transfers: list[Any]) -> Effects:
        kind = "bank.matured" if status == MATURED else "bank.withdrawn"
        return Effects(
            events=[_event(kind, user, row, transfers)],
            notes=[note],
            audit=Audit(action=kind, subject=f"deposit:{ident}", data=data),
        )

    await movement.move(
        session,
        movement.Movement(operation="bank.close", actor_id=actor_id, legs=legs),
        clock=clock,
        effects=effects,
    )


def _event(kind: str, user_id: int, row: Deposit, transfers: list[Any]) -> events.Spec:
    return events.Spec(
        kind=kind,
        actor_id=user_id,
        subject=f"deposit:{row.id}",
        audience=[user_id],
        payload={"deposit_id": row.id, "transfer_id": transfers[0].id if transfers else None},
    )
