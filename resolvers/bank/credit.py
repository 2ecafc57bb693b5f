"""The credit score (300–850) from a player's history, and what it buys: a loan's rate and limit.

500 to start; up to +100 for the account's age (2 a day), up to +100 for activity (5 per transfer
in the last 30 days), up to +150 for repayments (10 per installment paid, 25 per loan repaid), and
−50 per missed installment. The limit is 10× the player's balance; the rate falls as the score rises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, or_, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Account, Transfer, User
from db.models.bank import Loan, LoanDay
from resolvers import ledger
from resolvers.bank import common
from resolvers.clock import Clock

LOWEST, HIGHEST, START = 300, 850, 500
LIMIT_MULTIPLE = 10
ACTIVITY_DAYS = 30
# (lowest score, total interest in basis points of the principal), best first
RATES = ((750, 500), (650, 1000), (550, 1500), (450, 2000), (LOWEST, 3000))


@dataclass(frozen=True, kw_only=True)
class Score:
    score: int
    rate_bp: int
    limit: int
    balance: int
    account_age_days: int
    activity: int
    installments_paid: int
    loans_repaid: int
    installments_missed: int


def rate_for(score: int) -> int:
    return next(bp for lowest, bp in RATES if score >= lowest)


def combine(*, age_days: int, activity: int, paid: int, repaid: int, missed: int) -> int:
    raw = START + min(100, 2 * age_days) + min(100, 5 * activity) + min(150, 10 * paid + 25 * repaid)
    return max(LOWEST, min(HIGHEST, raw - 50 * missed))


async def score(session: AsyncSession, *, user_id: int, clock: Clock) -> Score:
    now = clock.now()
    user = await session.get(User, user_id)
    age = max(0, (now - user.created_at).days) if user is not None else 0
    accounts = select(col(Account.id)).where(
        col(Account.owner_kind) == "user", col(Account.owner_id) == str(user_id)
    )
    recent = (
        select(col(Transfer.id))
        .where(
            or_(col(Transfer.debit_account).in_(accounts), col(Transfer.credit_account).in_(accounts)),
            col(Transfer.created_at) >= now - timedelta(days=ACTIVITY_DAYS),
        )
        .limit(20)
        .subquery()
    )
    activity = int((await session.execute(select(func.count()).select_from(recent))).scalar_one())
    days = (
        select(col(LoanDay.status), func.count())
        .join(Loan, col(Loan.id) == col(LoanDay.loan_id))
        .where(col(Loan.user_id) == user_id)
        .group_by(col(LoanDay.status))
    )
    counted = {str(s): int(n) for s, n in (await session.execute(days)).all()}
    repaid_query = select(func.count()).where(col(Loan.user_id) == user_id, col(Loan.status) == "REPAID")
    repaid = int((await session.execute(repaid_query)).scalar_one())
    paid, missed = counted.get("PAID", 0), counted.get("MISSED", 0)
    value = combine(age_days=age, activity=activity, paid=paid, repaid=repaid, missed=missed)
    balance = (await ledger.balances_of(session, "user", user_id)).get(common.CURRENCY, 0)
    return Score(
        score=value,
        rate_bp=rate_for(value),
        limit=LIMIT_MULTIPLE * balance,
        balance=balance,
        account_age_days=age,
        activity=activity,
        installments_paid=paid,
        loans_repaid=repaid,
        installments_missed=missed,
    )
