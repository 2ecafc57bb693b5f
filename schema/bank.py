"""The bank: savings deposits with a term, loans with a daily schedule, the viewer's credit score."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.bank import LoanDaysByLoanLoader
from db.models.bank import Deposit as DepositRow
from db.models.bank import Loan as LoanRow
from resolvers.bank import common, credit, loans, savings
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated
from schema.core.scalars import Amount

BankErrorCode = error_codes("Bank", savings.ERRORS, loans.ERRORS)


@strawberry.type
class BankError:
    code: Enum = strawberry.field(graphql_type=BankErrorCode)
    field: str | None
    message: str


@strawberry.enum
class DepositStatus(Enum):
    OPEN = "OPEN"
    WITHDRAWN = "WITHDRAWN"
    MATURED = "MATURED"


@strawberry.enum
class LoanStatus(Enum):
    OPEN = "OPEN"
    REPAID = "REPAID"


@strawberry.enum
class InstallmentStatus(Enum):
    SCHEDULED = "SCHEDULED"
    PAID = "PAID"
    MISSED = "MISSED"
    COVERED = "COVERED"


@strawberry.type(description="A savings deposit: its coins are with the bank until its term.")
class Deposit:
    row: strawberry.Private[DepositRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field(description="What was deposited.")
    def principal(self) -> Amount:  # type: ignore[valid-type]
        return self.row.principal

    @strawberry.field(description="The principal plus the interest paid into it so far.")
    def balance(self) -> Amount:  # type: ignore[valid-type]
        return self.row.balance

    @strawberry.field
    def accrued_interest(self) -> Amount:  # type: ignore[valid-type]
        return self.row.balance - self.row.principal

    @strawberry.field
    def term_days(self) -> int:
        return self.row.term_days

    @strawberry.field
    def status(self) -> DepositStatus:
        return DepositStatus(self.row.status)

    @strawberry.field
    def opened_at(self) -> datetime:
        return self.row.opened_at

    @strawberry.field
    def matures_at(self) -> datetime:
        return self.row.matures_at

    @strawberry.field
    def closed_at(self) -> datetime | None:
        return self.row.closed_at

    @strawberry.field(description="What was paid back when it closed.")
    def payout(self) -> Amount | None:  # type: ignore[valid-type]
        return self.row.payout

    @strawberry.field(
        description="What an early withdrawal forfeited (while open: what it would forfeit before the term)."
    )
    def penalty(self) -> Amount:  # type: ignore[valid-type]
        if self.row.penalty is not None:
            return self.row.penalty
        return common.ceil_div(self.row.principal * savings.PENALTY_PERCENT, 100)


@strawberry.type
class LoanInstallment:
    day: int
    due_at: datetime
    amount: Amount  # type: ignore[valid-type]
    paid: Amount  # type: ignore[valid-type]
    fee: Amount  # type: ignore[valid-type]
    status: InstallmentStatus


@strawberry.type(description="A loan, repaid in daily installments.")
class Loan:
    row: strawberry.Private[LoanRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field
    def principal(self) -> Amount:  # type: ignore[valid-type]
        return self.row.principal

    @strawberry.field(description="What is left to repay, late fees included.")
    def outstanding(self) -> Amount:  # type: ignore[valid-type]
        return self.row.outstanding

    @strawberry.field(description="The interest as a fraction of the principal (0.15 is 15%).")
    def rate(self) -> float:
        return self.row.rate_bp / common.BP

    @strawberry.field(description="The principal plus the interest, as first owed.")
    def total(self) -> Amount:  # type: ignore[valid-type]
        return self.row.total

    @strawberry.field(description="The credit score the loan was priced at.")
    def score(self) -> int:
        return self.row.score

    @strawberry.field
    def term_days(self) -> int:
        return self.row.term_days

    @strawberry.field
    def status(self) -> LoanStatus:
        return LoanStatus(self.row.status)

    @strawberry.field
    def missed_installments(self) -> int:
        return self.row.missed

    @strawberry.field
    def late_fees(self) -> Amount:  # type: ignore[valid-type]
        return self.row.late_fees

    @strawberry.field
    def opened_at(self) -> datetime:
        return self.row.opened_at

    @strawberry.field
    def closed_at(self) -> datetime | None:
        return self.row.closed_at

    @strawberry.field(description="Each day: taken, missed, covered by an early repayment, or to come.")
    async def schedule(self, info: Info) -> list[LoanInstallment]:
        days = await info.context.loaders.get(LoanDaysByLoanLoader).load(int(self.row.id or 0))
        return [
            LoanInstallment(
                day=i.day,
                due_at=i.due_at,
                amount=i.amount,
                paid=i.paid,
                fee=i.fee,
                status=InstallmentStatus(i.status),
            )
            for i in loans.schedule(self.row, days)
        ]

    @strawberry.field(description="What the next installment will take (0 when nothing is left).")
    async def next_installment(self, info: Info) -> LoanInstallment | None:
        upcoming = [i for i in await self.schedule(info) if i.status == InstallmentStatus.SCHEDULED]
        return upcoming[0] if upcoming and self.row.status == loans.OPEN else None


@strawberry.type(description="The viewer's credit score and what it buys.")
class CreditScore:
    score: int = strawberry.field(description="300 to 850.")
    rate: float = strawberry.field(description="The interest a loan taken now would cost (0.15 is 15%).")
    limit: Amount = strawberry.field(description="The most one may borrow: 10× the balance.")  # type: ignore[valid-type]
    minimum_score: int = strawberry.field(description="The score a loan needs.")
    balance: Amount  # type: ignore[valid-type]
    account_age_days: int
    activity: int = strawberry.field(description="Transfers in the last 30 days (counted up to 20).")
    installments_paid: int
    loans_repaid: int
    installments_missed: int


@strawberry.input
class BankDepositInput:
    amount: Amount  # type: ignore[valid-type]
    term_days: int = strawberry.field(description="7, 30 or 90.")
    idempotency_key: str | None = None


@strawberry.input
class BankWithdrawInput:
    deposit_id: strawberry.ID


@strawberry.input
class LoanRequestInput:
    amount: Amount  # type: ignore[valid-type]
    term_days: int = strawberry.field(description="7, 14 or 30.")
    idempotency_key: str | None = None


@strawberry.input
class LoanRepayInput:
    loan_id: strawberry.ID
    amount: Amount  # type: ignore[valid-type]
    idempotency_key: str | None = None


@strawberry.type
class BankDepositPayload:
    deposit: Deposit | None = None
    errors: list[BankError] = strawberry.field(default_factory=list)


@strawberry.type
class BankWithdrawPayload:
    deposit: Deposit | None = None
    payout: Amount | None = None  # type: ignore[valid-type]
    penalty: Amount | None = None  # type: ignore[valid-type]
    errors: list[BankError] = strawberry.field(default_factory=list)


@strawberry.type
class LoanRequestPayload:
    loan: Loan | None = None
    errors: list[BankError] = strawberry.field(default_factory=list)


@strawberry.type
class LoanRepayPayload:
    loan: Loan | None = None
    errors: list[BankError] = strawberry.field(default_factory=list)


def _score(s: credit.Score) -> CreditScore:
    return CreditScore(
        score=s.score,
        rate=s.rate_bp / common.BP,
        limit=s.limit,
        minimum_score=loans.MIN_SCORE,
        balance=s.balance,
        account_age_days=s.account_age_days,
        activity=s.activity,
        installments_paid=s.installments_paid,
        loans_repaid=s.loans_repaid,
        installments_missed=s.installments_missed,
    )


@strawberry.type
class BankQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="Your deposits, newest first.")
    async def my_deposits(self, info: Info) -> list[Deposit]:
        async with info.context.db.reader() as session:
            rows = await savings.of_user(session, user_id=info.context.actor.user_id or 0)
        return [Deposit(row=r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated], description="Your loans, newest first.")
    async def my_loans(self, info: Info) -> list[Loan]:
        async with info.context.db.reader() as session:
            rows = await loans.of_user(session, user_id=info.context.actor.user_id or 0)
        return [Loan(row=r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated], description="Your credit score, rate and limit.")
    async def my_credit_score(self, info: Info) -> CreditScore:
        async with info.context.db.reader() as session:
            found = await credit.score(
                session, user_id=info.context.actor.user_id or 0, clock=info.context.clock
            )
        return _score(found)


@strawberry.type
class BankMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Put coins in a deposit for termDays (7, 30 or 90): they earn daily interest.",
    )
    async def bank_deposit(self, info: Info, input: BankDepositInput) -> BankDepositPayload:
        ctx = info.context
        return await mutate(
            info,
            BankDepositPayload,
            lambda s: savings.deposit(
                s,
                actor_id=ctx.actor.user_id or 0,
                amount=input.amount,
                term_days=input.term_days,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            lambda opened: BankDepositPayload(deposit=Deposit(row=opened.deposit)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Close a deposit: whole with its interest at its term, less 10% of the principal before.",
    )
    async def bank_withdraw(self, info: Info, input: BankWithdrawInput) -> BankWithdrawPayload:
        ctx = info.context
        return await mutate(
            info,
            BankWithdrawPayload,
            lambda s: savings.withdraw(
                s, actor_id=ctx.actor.user_id or 0, deposit_id=input.deposit_id, clock=ctx.clock
            ),
            lambda closed: BankWithdrawPayload(
                deposit=Deposit(row=closed.deposit), payout=closed.payout, penalty=closed.penalty
            ),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Borrow up to 10× your balance for termDays (7, 14 or 30), repaid in daily installments.",
    )
    async def loan_request(self, info: Info, input: LoanRequestInput) -> LoanRequestPayload:
        ctx = info.context
        return await mutate(
            info,
            LoanRequestPayload,
            lambda s: loans.request(
                s,
                actor_id=ctx.actor.user_id or 0,
                amount=input.amount,
                term_days=input.term_days,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            lambda taken: LoanRequestPayload(loan=Loan(row=taken.loan)),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Repay part or all of a loan early.")
    async def loan_repay(self, info: Info, input: LoanRepayInput) -> LoanRepayPayload:
        ctx = info.context
        return await mutate(
            info,
            LoanRepayPayload,
            lambda s: loans.repay(
                s,
                actor_id=ctx.actor.user_id or 0,
                loan_id=input.loan_id,
                amount=input.amount,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            lambda taken: LoanRepayPayload(loan=Loan(row=taken.loan)),
        )


ROOTS = (BankQuery, BankMutation)
