"""No N+1 in the bank's lists: the page's query costs the same for one deposit and loan as for five."""

from __future__ import annotations

from pathlib import Path

from db.engine import Database
from resolvers.bank import loans, savings
from tests import factories
from tests.conftest import make_settings
from tests.server.support import count_statements, running

BANK = """{ myDeposits { id balance accruedInterest penalty }
  myLoans { id outstanding schedule { day amount status } nextInstallment { amount } }
  myCreditScore { score limit } }"""
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


async def banking(db: Database, who: factories.Player, n: int) -> None:
    """``n`` deposits and ``n`` loans (each repaid but the last)."""
    for i in range(n):
        async with db.transaction() as session:
            await savings.deposit(
                session, actor_id=who.id, amount=10, term_days=7, idempotency_key=None, clock=factories.CLOCK
            )
            taken = await loans.request(
                session, actor_id=who.id, amount=20, term_days=7, idempotency_key=None, clock=factories.CLOCK
            )
            if i < n - 1:
                await loans.repay(
                    session,
                    actor_id=who.id,
                    loan_id=taken.loan.id,
                    amount=taken.loan.outstanding,
                    idempotency_key=None,
                    clock=factories.CLOCK,
                )


async def test_the_bank_page_costs_the_same_for_one_or_five_of_each(
    tmp_path: Path, database_url: str
) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        db = app.state.services.db
        secret = app.state.services.token_policy.secret
        one, five = await factories.players(db, "onesaver", "fivesaver", coins=1000, secret=secret)
        await banking(db, one, 1)
        await banking(db, five, 5)
        counts = []
        for who, n in ((one, 1), (five, 5)):
            with count_statements(db) as seen:
                body = await gql(BANK, token=who.token)
            assert len(body["data"]["myDeposits"]) == len(body["data"]["myLoans"]) == n
            counts.append(len([s for s in seen if not s.lstrip().upper().startswith(CONTROL)]))
        assert counts[0] == counts[1], counts
