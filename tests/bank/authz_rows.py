"""The authorization matrix's rows for the bank fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, World


async def bank_own_deposit(world: World, actor: str) -> dict[str, Any]:
    data = await world.must(
        world.owner(actor), "mutation { bankDeposit(input: {amount: 1, termDays: 7}) { deposit { id } } }"
    )
    return {"id": data["bankDeposit"]["deposit"]["id"]}


async def bank_own_loan(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    loans = (await world.must(owner, "{ myLoans { id status } }"))["myLoans"]
    open_ids = [loan["id"] for loan in loans if loan["status"] == "OPEN"]
    if not open_ids:
        data = await world.must(
            owner, "mutation { loanRequest(input: {amount: 5, termDays: 7}) { loan { id } } }"
        )
        open_ids = [data["loanRequest"]["loan"]["id"]]
    return {"id": open_ids[0]}


ROWS: list[Row] = [
    Row(
        "writer",
        "mutation { bankDeposit(input: {amount: 1, termDays: 7}) { deposit { id } errors { code } } }",
    ),
    Row(
        "writer",
        "mutation($id: ID!) { bankWithdraw(input: {depositId: $id}) { deposit { id } errors { code } } }",
        bank_own_deposit,
    ),
    Row(
        "writer", "mutation { loanRequest(input: {amount: 2, termDays: 7}) { loan { id } errors { code } } }"
    ),
    Row(
        "writer",
        "mutation($id: ID!) { loanRepay(input: {loanId: $id, amount: 1}) { loan { id } errors { code } } }",
        bank_own_loan,
    ),
    Row("reader", "{ myDeposits { id balance maturesAt } }"),
    Row("reader", "{ myLoans { id principal outstanding rate schedule { day } } }"),
    Row("reader", "{ myCreditScore { score limit } }"),
]
