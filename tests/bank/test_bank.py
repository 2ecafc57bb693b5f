"""The bank through GraphQL: deposits earn daily interest and return at their term, early
withdrawals forfeit 10% to the burn account, loans are taken in daily installments (a missed one
adds a late fee), every refusal says why and changes nothing, and the supply stays balanced."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from db.engine import Database
from db.models import ConfigValue
from resolvers.accounts import tokens
from resolvers.bank import common, credit, loans
from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient
from tests.server.support import running
from tests.snapshot import changed, snapshot

DAY = 86400
DEPOSIT = """mutation($amount: Amount!, $term: Int!, $key: String) {
  bankDeposit(input: {amount: $amount, termDays: $term, idempotencyKey: $key}) {
    deposit { id principal balance termDays status maturesAt } errors { code field message } } }"""
WITHDRAW = """mutation($id: ID!) { bankWithdraw(input: {depositId: $id}) {
  deposit { id status balance payout penalty } payout penalty errors { code field message } } }"""
DEPOSITS = "{ myDeposits { id principal balance accruedInterest status payout } }"
LOAN = """mutation($amount: Amount!, $term: Int!, $key: String) {
  loanRequest(input: {amount: $amount, termDays: $term, idempotencyKey: $key}) {
    loan { id principal outstanding rate total termDays status } errors { code field message } } }"""
REPAY = """mutation($id: ID!, $amount: Amount!) { loanRepay(input: {loanId: $id, amount: $amount}) {
  loan { id outstanding status } errors { code field message } } }"""
LOANS = """{ myLoans { id principal outstanding status missedInstallments lateFees
  schedule { day amount paid fee status } nextInstallment { amount } } }"""
SCORE = "{ myCreditScore { score rate limit minimumScore balance installmentsPaid installmentsMissed } }"
HISTORY = """{ myTransfers(first: 50) { edges { node { kind amount direction counterparty counterpartyKind } } } }"""
NOTES = "{ notifications(first: 20) { edges { node { kind title } } } }"
SUPPLY = "{ adminEconomySupply { asset minted burned escrow balanced } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code message } } }"
JOBS = "{ adminJobs { name schedule } }"


class Bank:
    """A running app on the manual clock with an admin and alice; tokens re-issued as time moves."""

    def __init__(self, app: Any, gql: GraphQLClient, settings: Settings) -> None:
        self.app, self.gql, self.settings = app, gql, settings
        self.db: Database = app.state.services.db

    def token(self, who: factories.Player) -> str:
        now = self.app.state.services.clock.now()
        return tokens.issue_access_token(secret=self.settings.secret_key, user_id=who.id, now=now, minutes=15)

    async def as_(self, who: factories.Player, query: str, variables: dict[str, Any] | None = None) -> Any:
        body = await self.gql(query, variables, token=self.token(who))
        assert "errors" not in body, body
        return body["data"]

    async def days(self, admin: factories.Player, n: int, *jobs: str) -> list[dict[str, Any]]:
        moved = await self.as_(admin, ADVANCE, {"s": n * DAY})
        assert moved["adminClockAdvance"]["errors"] == []
        reports = []
        for name in jobs:
            run = (await self.as_(admin, JOB, {"n": name}))["adminJobRun"]
            assert run["errors"] == [], run
            reports.append(run["report"])
        return reports

    async def balanced(self, admin: factories.Player) -> list[dict[str, Any]]:
        rows = (await self.as_(admin, SUPPLY))["adminEconomySupply"]
        assert all(r["balanced"] for r in rows), rows
        return rows


async def set_config(db: Database, key: str, value: Any) -> None:
    async with db.transaction() as session:
        await session.merge(ConfigValue(key=key, value=value))


def compound(balance: int, days: int, *, rate_bp: int = 200, cap: int = 10_000) -> int:
    for _ in range(days):
        balance += min(balance, cap) * rate_bp // 10_000
    return balance


async def setup(app: Any, settings: Settings, coins: int = 1000) -> tuple[factories.Player, factories.Player]:
    db = app.state.services.db
    clock = app.state.services.clock
    admin = await factories.admin(db, "boss", clock=clock)
    alice = await factories.player(db, "alice", coins=coins, by=admin, clock=clock)
    return admin, alice


async def test_a_deposit_earns_daily_interest_once_and_returns_with_it_at_its_term(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        bank = Bank(app, gql, settings)
        admin, alice = await setup(app, settings)
        # When alice deposits 1000 for 7 days, the coins go to the bank
        made = (await bank.as_(alice, DEPOSIT, {"amount": "1000", "term": 7}))["bankDeposit"]
        assert made["errors"] == []
        deposit = made["deposit"]
        assert (deposit["principal"], deposit["balance"], deposit["termDays"], deposit["status"]) == (
            1000,
            1000,
            7,
            "OPEN",
        )
        assert deposit["maturesAt"]
        assert await factories.balance(bank.db, alice) == 0
        supply = {r["asset"]: r for r in await bank.balanced(admin)}
        assert supply["COIN"]["escrow"] == 1000
        jobs = {j["name"]: j["schedule"] for j in (await bank.as_(admin, JOBS))["adminJobs"]}
        assert jobs["bank_interest"] == jobs["bank_loan_installments"] == "every 3600 s"
        # Then a day later the job pays 2% once, however often it runs
        first, again = await bank.days(admin, 1, "bank_interest", "bank_interest")
        assert (first["interest"], again["interest"]) == (20, 0)
        listed = (await bank.as_(alice, DEPOSITS))["myDeposits"]
        assert [(d["balance"], d["accruedInterest"]) for d in listed] == [(1020, 20)]
        # And a run six days late catches up every day, compounding, then returns the deposit
        (late,) = await bank.days(admin, 6, "bank_interest")
        expected = compound(1000, 7)
        assert (late["days"], late["interest"], late["matured"]) == (6, expected - 1020, 1)
        listed = (await bank.as_(alice, DEPOSITS))["myDeposits"]
        assert listed[0]["status"] == "MATURED" and listed[0]["payout"] == expected
        assert await factories.balance(bank.db, alice) == expected
        (after,) = await bank.days(admin, 1, "bank_interest")
        assert after["interest"] == 0
        # Every banking movement is in her history, named as the bank's
        history = [e["node"] for e in (await bank.as_(alice, HISTORY))["myTransfers"]["edges"]]
        kinds = [h["kind"] for h in history]
        assert kinds.count("bank.interest") == kinds.count("bank.interest_saved") == 7
        assert {"bank.deposit", "bank.matured"} <= set(kinds)
        assert {h["counterpartyKind"] for h in history if h["kind"].startswith("bank.")} == {"BANK"}
        notes = [n["node"]["kind"] for n in (await bank.as_(alice, NOTES))["notifications"]["edges"]]
        assert "bank.deposit_matured" in notes
        # The interest came from the interest faucet, shown as minted
        supply = {r["asset"]: r for r in await bank.balanced(admin)}
        assert supply["COIN"]["escrow"] == 0
        assert supply["COIN"]["minted"] == 1000 + expected - 1000


async def test_withdrawing_early_forfeits_a_tenth_of_the_principal_to_the_burn_account(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        bank = Bank(app, gql, settings)
        admin, alice = await setup(app, settings)
        made = (await bank.as_(alice, DEPOSIT, {"amount": "995", "term": 30}))["bankDeposit"]["deposit"]
        await bank.days(admin, 2)
        # When she withdraws on day 2, the two days' interest are paid first, then 10% (rounded up) burns
        closed = (await bank.as_(alice, WITHDRAW, {"id": made["id"]}))["bankWithdraw"]
        assert closed["errors"] == []
        balance = compound(995, 2)
        assert (closed["penalty"], closed["payout"]) == (100, balance - 100)
        assert closed["deposit"]["status"] == "WITHDRAWN"
        assert await factories.balance(bank.db, alice) == 5 + balance - 100
        supply = {r["asset"]: r for r in await bank.balanced(admin)}
        assert supply["COIN"]["burned"] == 100 and supply["COIN"]["escrow"] == 0
        notes = [n["node"]["kind"] for n in (await bank.as_(alice, NOTES))["notifications"]["edges"]]
        assert notes[0] == "bank.deposit_withdrawn"
        # And a withdrawal at the term forfeits nothing
        other = (await bank.as_(alice, DEPOSIT, {"amount": "100", "term": 7}))["bankDeposit"]["deposit"]
        await bank.days(admin, 7)
        closed = (await bank.as_(alice, WITHDRAW, {"id": other["id"]}))["bankWithdraw"]
        assert (closed["penalty"], closed["payout"], closed["deposit"]["status"]) == (
            0,
            compound(100, 7),
            "MATURED",
        )


async def test_interest_is_earned_on_at_most_the_cap_shared_oldest_deposit_first(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        bank = Bank(app, gql, settings)
        admin, alice = await setup(app, settings, coins=20_000)
        # Given an admin's rate of 1% a day and a cap of 10,000
        await set_config(bank.db, common.RATE_KEY, 100)
        await set_config(bank.db, common.CAP_KEY, 10_000)
        await bank.as_(alice, DEPOSIT, {"amount": "8000", "term": 30})
        await bank.as_(alice, DEPOSIT, {"amount": "5000", "term": 30})
        (report,) = await bank.days(admin, 1, "bank_interest")
        # Then the older deposit earns on 8000, the newer one on the 2000 left of the cap
        assert report["interest"] == 80 + 20
        listed = (await bank.as_(alice, DEPOSITS))["myDeposits"]
        assert [d["balance"] for d in listed] == [5020, 8080]
        (report,) = await bank.days(admin, 1, "bank_interest")
        assert report["interest"] == 80 + 19  # 8080 → 80; 10,000 − 8,080 = 1,920 → 19
        await bank.balanced(admin)


async def test_a_loan_is_taken_in_daily_installments_a_miss_adds_a_late_fee_and_early_repayment_closes_it(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        bank = Bank(app, gql, settings)
        admin, alice = await setup(app, settings, coins=100)
        bob = await factories.player(bank.db, "bob", clock=app.state.services.clock)
        score = (await bank.as_(alice, SCORE))["myCreditScore"]
        assert score["limit"] == 1000 and score["balance"] == 100 and score["score"] >= score["minimumScore"]
        # When alice borrows 700 for 7 days at her score's rate
        taken = (await bank.as_(alice, LOAN, {"amount": "700", "term": 7}))["loanRequest"]
        assert taken["errors"] == []
        loan = taken["loan"]
        interest = -(-700 * round(score["rate"] * 10_000) // 10_000)
        assert (loan["principal"], loan["outstanding"], loan["rate"]) == (700, 700 + interest, score["rate"])
        assert loan["status"] == "OPEN" and loan["termDays"] == 7
        assert await factories.balance(bank.db, alice) == 800
        plan = loans.installments(700 + interest, 7)
        listed = (await bank.as_(alice, LOANS))["myLoans"][0]
        assert [s["amount"] for s in listed["schedule"]] == plan
        assert listed["nextInstallment"] == {"amount": plan[0]}
        # Then a day later the job takes the first installment, once
        first, again = await bank.days(admin, 1, "bank_loan_installments", "bank_loan_installments")
        assert (first["paid"], again["paid"]) == (1, 0)
        assert await factories.balance(bank.db, alice) == 800 - plan[0]
        # When she gives her coins away, the next installment is missed and a 10% fee is added
        await bank.as_(
            alice,
            "mutation($to: ID!, $a: Amount!) { walletTransfer(input: {toUserId: $to, amount: $a}) { errors { code } } }",
            {"to": str(bob.id), "a": str(800 - plan[0])},
        )
        (missed,) = await bank.days(admin, 1, "bank_loan_installments")
        assert (missed["paid"], missed["missed"]) == (0, 1)
        fee = -(-plan[1] // 10)
        listed = (await bank.as_(alice, LOANS))["myLoans"][0]
        assert (listed["missedInstallments"], listed["lateFees"]) == (1, fee)
        assert listed["outstanding"] == 700 + interest - plan[0] + fee
        assert [s["status"] for s in listed["schedule"][:2]] == ["PAID", "MISSED"]
        notes = [n["node"]["kind"] for n in (await bank.as_(alice, NOTES))["notifications"]["edges"]]
        assert {"loan.installment_paid", "loan.installment_missed"} <= set(notes)
        assert (await bank.as_(alice, SCORE))["myCreditScore"]["installmentsMissed"] == 1
        # And when she has money again she repays everything early: the loan closes
        await factories.grant(bank.db, alice, 2000, by=admin, clock=app.state.services.clock)
        repaid = await bank.as_(alice, REPAY, {"id": loan["id"], "amount": str(listed["outstanding"])})
        assert repaid["loanRepay"]["errors"] == []
        assert repaid["loanRepay"]["loan"]["outstanding"] == 0
        assert repaid["loanRepay"]["loan"]["status"] == "REPAID"
        (after,) = await bank.days(admin, 1, "bank_loan_installments")
        assert after["paid"] == after["missed"] == 0
        history = [e["node"] for e in (await bank.as_(alice, HISTORY))["myTransfers"]["edges"]]
        assert {"loan.payout", "loan.installment", "loan.repayment"} <= {h["kind"] for h in history}
        supply = {r["asset"]: r for r in await bank.balanced(admin)}
        # the loans faucet got back more than it lent: the interest and the fee
        assert supply["COIN"]["minted"] == 100 + 2000 - interest - fee


async def test_a_loan_repaid_by_its_installments_closes_on_its_last_day(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        bank = Bank(app, gql, settings)
        admin, alice = await setup(app, settings, coins=500)
        loan = (await bank.as_(alice, LOAN, {"amount": "1000", "term": 7}))["loanRequest"]["loan"]
        (report,) = await bank.days(admin, 8, "bank_loan_installments")
        assert (report["paid"], report["missed"], report["repaid"]) == (7, 0, 1)
        assert await factories.balance(bank.db, alice) == 1500 - loan["total"]
        listed = (await bank.as_(alice, LOANS))["myLoans"][0]
        assert listed["status"] == "REPAID" and listed["nextInstallment"] is None
        await bank.balanced(admin)


REFUSALS: list[tuple[str, dict[str, Any], str, str | None]] = [
    (DEPOSIT, {"amount": "100", "term": 14}, "INVALID_TERM", "termDays"),
    (DEPOSIT, {"amount": "0", "term": 7}, "INVALID_AMOUNT", "amount"),
    (DEPOSIT, {"amount": "1.5", "term": 7}, "INVALID_AMOUNT", "amount"),
    (DEPOSIT, {"amount": "5000", "term": 7}, "INSUFFICIENT_FUNDS", "amount"),
    (WITHDRAW, {"id": "999999"}, "UNKNOWN_DEPOSIT", "depositId"),
    (WITHDRAW, {"id": "x"}, "UNKNOWN_DEPOSIT", "depositId"),
    (WITHDRAW, {"id": "bobs deposit"}, "UNKNOWN_DEPOSIT", "depositId"),
    (WITHDRAW, {"id": "closed deposit"}, "DEPOSIT_CLOSED", "depositId"),
    (LOAN, {"amount": "100", "term": 90}, "INVALID_TERM", "termDays"),
    (LOAN, {"amount": "-3", "term": 7}, "INVALID_AMOUNT", "amount"),
    (LOAN, {"amount": "10001", "term": 7}, "LOAN_LIMIT_EXCEEDED", "amount"),
    (LOAN, {"amount": "10", "term": 7, "given": "open loan"}, "LOAN_ALREADY_OPEN", None),
    (REPAY, {"id": "999999", "amount": "1"}, "UNKNOWN_LOAN", "loanId"),
    (REPAY, {"id": "bobs loan", "amount": "1"}, "UNKNOWN_LOAN", "loanId"),
    (REPAY, {"id": "open loan", "amount": "100000"}, "INSUFFICIENT_FUNDS", "amount"),
    (REPAY, {"id": "open loan", "amount": "900"}, "REPAYMENT_TOO_LARGE", "amount"),
    (REPAY, {"id": "open loan", "amount": "0"}, "INVALID_AMOUNT", "amount"),
    (REPAY, {"id": "repaid loan", "amount": "1"}, "LOAN_CLOSED", "loanId"),
]


async def given(bank: Bank, admin: factories.Player, alice: factories.Player, what: str) -> str:
    """The id of a deposit or loan in the state named (made through the API)."""
    clock = bank.app.state.services.clock
    owner = (
        await factories.player(bank.db, "bob", coins=1000, by=admin, clock=clock) if "bobs" in what else alice
    )
    if what.endswith("deposit"):
        made = (await bank.as_(owner, DEPOSIT, {"amount": "10", "term": 7}))["bankDeposit"]["deposit"]
        if what == "closed deposit":
            await bank.as_(owner, WITHDRAW, {"id": made["id"]})
        return str(made["id"])
    if what == "open loan":  # 500 owed 500 + interest, less than 900
        return str((await bank.as_(owner, LOAN, {"amount": "500", "term": 7}))["loanRequest"]["loan"]["id"])
    loan = (await bank.as_(owner, LOAN, {"amount": "10", "term": 7}))["loanRequest"]["loan"]
    if what == "repaid loan":
        await bank.as_(owner, REPAY, {"id": loan["id"], "amount": str(loan["outstanding"])})
    return str(loan["id"])


@pytest.mark.parametrize(("query", "variables", "code", "field"), REFUSALS)
async def test_a_refused_bank_operation_says_why_and_changes_nothing(
    settings: Settings, query: str, variables: dict[str, Any], code: str, field: str | None
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        bank = Bank(app, gql, settings)
        admin, alice = await setup(app, settings)
        sent = dict(variables)
        if " " in sent.get("id", ""):
            sent["id"] = await given(bank, admin, alice, sent["id"])
        if "given" in sent:
            await given(bank, admin, alice, sent.pop("given"))
        before = await snapshot(bank.db)
        body = await gql(query, sent, token=bank.token(alice))
        payload = next(iter(body["data"].values()))
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
        assert changed(before, await snapshot(bank.db)) == {}


async def test_a_repeated_key_takes_one_loan_and_makes_one_deposit(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        bank = Bank(app, gql, settings)
        _, alice = await setup(app, settings)
        first = await bank.as_(alice, LOAN, {"amount": "300", "term": 14, "key": "L1"})
        again = await bank.as_(alice, LOAN, {"amount": "300", "term": 14, "key": "L1"})
        assert again["loanRequest"]["loan"]["id"] == first["loanRequest"]["loan"]["id"]
        assert again["loanRequest"]["errors"] == []
        d1 = await bank.as_(alice, DEPOSIT, {"amount": "50", "term": 7, "key": "D1"})
        d2 = await bank.as_(alice, DEPOSIT, {"amount": "50", "term": 7, "key": "D1"})
        assert d1["bankDeposit"]["deposit"]["id"] == d2["bankDeposit"]["deposit"]["id"]
        assert await factories.balance(bank.db, alice) == 1000 + 300 - 50
        other = await bank.as_(alice, DEPOSIT, {"amount": "60", "term": 7, "key": "D1"})
        assert [e["code"] for e in other["bankDeposit"]["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]


async def test_missed_installments_lower_the_score_until_no_loan_is_granted(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        bank = Bank(app, gql, settings)
        admin, alice = await setup(app, settings, coins=10)
        clock = app.state.services.clock
        bob = await factories.player(bank.db, "bob", clock=clock)
        loan = (await bank.as_(alice, LOAN, {"amount": "100", "term": 7}))["loanRequest"]["loan"]
        await bank.as_(
            alice,
            "mutation($to: ID!) { walletTransfer(input: {toUserId: $to, amount: 110}) { errors { code } } }",
            {"to": str(bob.id)},
        )
        (report,) = await bank.days(admin, 7, "bank_loan_installments")
        assert (report["paid"], report["missed"]) == (0, 7)
        await factories.grant(bank.db, alice, 1000, by=admin, clock=clock)
        owed = (await bank.as_(alice, LOANS))["myLoans"][0]["outstanding"]
        await bank.as_(alice, REPAY, {"id": loan["id"], "amount": str(owed)})
        score = (await bank.as_(alice, SCORE))["myCreditScore"]
        assert score["installmentsMissed"] == 7 and score["score"] < score["minimumScore"]
        before = await snapshot(bank.db)
        refused = (await bank.as_(alice, LOAN, {"amount": "10", "term": 7}))["loanRequest"]
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [("CREDIT_SCORE_TOO_LOW", None)]
        assert changed(before, await snapshot(bank.db)) == {}


def test_the_score_rises_with_age_activity_and_repayments_and_falls_with_misses() -> None:
    base = credit.combine(age_days=0, activity=0, paid=0, repaid=0, missed=0)
    assert base == credit.START
    assert credit.combine(age_days=50, activity=20, paid=15, repaid=0, missed=0) == credit.HIGHEST
    assert credit.combine(age_days=0, activity=0, paid=0, repaid=0, missed=20) == credit.LOWEST
    assert credit.combine(age_days=10, activity=0, paid=0, repaid=0, missed=1) == base + 20 - 50
    assert [credit.rate_for(s) for s in (850, 750, 700, 600, 500, 400, 300)] == [
        500,
        500,
        1000,
        1500,
        2000,
        3000,
        3000,
    ]
