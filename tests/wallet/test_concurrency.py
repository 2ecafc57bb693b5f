"""Many clients pay each other between a few accounts at once, through the GraphQL API: afterwards
every asset still sums to zero, no balance is negative, and the stored balances match the transfers."""

from __future__ import annotations

import asyncio
import random
from typing import Any

from tests import factories
from tests.conftest import GraphQLClient
from tests.ledger.helpers import assert_sound

PAY = """mutation($to: ID!, $amount: Amount!, $key: String) {
  walletTransfer(input: {toUserId: $to, amount: $amount, idempotencyKey: $key}) { errors { code } } }"""
PLAYERS = 5
REQUESTS = 300
CONCURRENCY = 24


async def test_concurrent_transfers_conserve(app: Any, gql: GraphQLClient) -> None:
    db, secret = app.state.services.db, app.state.services.token_policy.secret
    admin = await factories.admin(db)
    made = await factories.players(
        db, *(f"player{i}" for i in range(PLAYERS)), coins=200, by=admin, secret=secret
    )
    players = [(p.token, p.id) for p in made]
    rng = random.Random(7)
    plan = []
    for n in range(REQUESTS):
        a, b = rng.sample(range(PLAYERS), 2)
        key = f"k{n // 2}" if n % 7 == 0 else None
        plan.append((players[a][0], players[b][1], rng.randint(1, 120), key))
    gate = asyncio.Semaphore(CONCURRENCY)
    outcomes: list[str] = []

    async def one(token: str, to: int, amount: int, key: str | None) -> None:
        async with gate:
            body = await gql(
                PAY, {"to": str(to), "amount": amount, "key": key}, token=token, expect_errors=True
            )
            assert "errors" not in body or not body["errors"], body
            errors = body["data"]["walletTransfer"]["errors"]
            outcomes.append(errors[0]["code"] if errors else "OK")

    await asyncio.gather(*(one(*p) for p in plan))
    assert len(outcomes) == REQUESTS
    assert set(outcomes) <= {"OK", "INSUFFICIENT_FUNDS", "IDEMPOTENCY_KEY_REUSED"}
    assert outcomes.count("OK") > REQUESTS // 3
    await assert_sound(app.state.services.db)
    total = 0
    for token, _ in players:
        balances = (await gql("{ me { balances { amount } } }", token=token))["data"]["me"]["balances"]
        total += sum(b["amount"] for b in balances)
    assert total == PLAYERS * 200
