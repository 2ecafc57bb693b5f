"""The bank in the ledger state machine: deposits, withdrawals, loans and repayments, and a day of
the bank's jobs (interest, maturity, installments) as a rule that moves the clock a day."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule
from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.bank import Deposit, Loan
from resolvers import ledger
from resolvers.bank import common, loans, savings
from tests.ledger.machine import LedgerMachine, domain_rules, key, player

term = st.sampled_from([7, 14, 30, 90])


@domain_rules
class BankRules(LedgerMachine):
    @rule(saver=player, amount=st.integers(-1, 80), days=term, key=key)
    def bank_deposit(self, saver: int, amount: int, days: int, key: str | None) -> None:
        actor = self.players[saver]
        self.attempt(
            "bank.deposit",
            actor=actor,
            key=key,
            use_case=lambda s: savings.deposit(
                s, actor_id=actor, amount=amount, term_days=days, idempotency_key=key, clock=self.clock
            ),
        )

    @rule(saver=player, which=st.integers(0, 3))
    def bank_withdraw(self, saver: int, which: int) -> None:
        """``which`` indexes the player's deposits, newest first (or none: UNKNOWN_DEPOSIT)."""
        actor = self.players[saver]

        async def use_case(session: AsyncSession) -> object:
            mine = await savings.of_user(session, user_id=actor)
            target = mine[which].id if which < len(mine) else None
            return await savings.withdraw(session, actor_id=actor, deposit_id=target, clock=self.clock)

        self.attempt("bank.withdraw", actor=actor, key=None, use_case=use_case)

    @rule(borrower=player, amount=st.integers(-1, 300), days=term, key=key)
    def bank_loan_request(self, borrower: int, amount: int, days: int, key: str | None) -> None:
        actor = self.players[borrower]
        self.attempt(
            "loan.request",
            actor=actor,
            key=key,
            use_case=lambda s: loans.request(
                s, actor_id=actor, amount=amount, term_days=days, idempotency_key=key, clock=self.clock
            ),
        )

    @rule(borrower=player, amount=st.integers(0, 120), key=key)
    def bank_loan_repay(self, borrower: int, amount: int, key: str | None) -> None:
        actor = self.players[borrower]

        async def use_case(session: AsyncSession) -> object:
            mine = await loans.of_user(session, user_id=actor)
            target = mine[0].id if mine else None
            return await loans.repay(
                session, actor_id=actor, loan_id=target, amount=amount, idempotency_key=key, clock=self.clock
            )

        self.attempt("loan.repay", actor=actor, key=key, use_case=use_case)

    @rule()
    def bank_next_day(self) -> None:
        """A day passes and the bank's jobs run for everyone (each player, each loan on its own)."""
        self.clock.advance(days=1)

        async def due(session: AsyncSession) -> tuple[list[int], list[int]]:
            return await savings.savers(session), await loans.open_loans(session)

        users, open_loans = self.run(self._read(due))
        for user in users:
            self.attempt(
                "bank.settle",
                actor=self.admin,
                key=None,
                use_case=lambda s, user=user: savings.settle(s, user_id=user, clock=self.clock),
            )
        for loan in open_loans:
            self.attempt(
                "bank.collect",
                actor=self.admin,
                key=None,
                use_case=lambda s, loan=loan: loans.collect(s, loan_id=loan, clock=self.clock),
            )

    @invariant()
    def bank_escrow_holds_the_open_deposits(self) -> None:
        """The bank's escrow holds exactly the open deposits' balances; no loan owes less than 0."""

        async def check(session: AsyncSession) -> tuple[int, int, int]:
            held = (await ledger.system_balances(session)).get((common.CURRENCY, common.BANK_ESCROW), 0)
            open_sum = select(func.coalesce(func.sum(col(Deposit.balance)), 0)).where(
                col(Deposit.status) == savings.OPEN
            )
            lowest = select(func.coalesce(func.min(col(Loan.outstanding)), 0))
            return (
                held,
                int((await session.execute(open_sum)).scalar_one()),
                int((await session.execute(lowest)).scalar_one()),
            )

        held, open_total, lowest = self.run(self._read(check))
        assert held == open_total, ("escrow", held, open_total)
        assert lowest >= 0, ("outstanding", lowest)
