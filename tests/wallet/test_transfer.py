from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tests.conftest import GraphQLClient
from tests.ledger.helpers import assert_sound, snapshot

TRANSFER = """mutation($to: ID!, $amount: Amount!, $currency: String!, $key: String, $memo: String) {
  walletTransfer(input: {toUserId: $to, amount: $amount, currency: $currency, idempotencyKey: $key, memo: $memo}) {
    transfer { id amount asset direction counterparty memo kind }
    balances { currency amount }
    errors { code field message }
  }
}"""
GRANT = """mutation($u: ID!, $amount: Amount!, $key: String) {
  adminGrant(input: {userId: $u, amount: $amount, reason: "test", idempotencyKey: $key}) {
    transfer { id amount } errors { code field message }
  }
}"""


@pytest.fixture
async def players(app: Any) -> dict[str, Any]:
    db, secret = app.state.services.db, app.state.services.token_policy.secret
    admin = await factories.admin(db, secret=secret)
    alice = await factories.player(db, "alice", coins=100, by=admin, secret=secret)
    bob = await factories.player(db, "bob", secret=secret)
    return {
        "admin": admin.token,
        "alice": alice.token,
        "alice_id": alice.id,
        "bob": bob.token,
        "bob_id": bob.id,
    }


async def pay(
    gql: GraphQLClient,
    token: str,
    to: Any,
    amount: Any,
    *,
    key: str | None = None,
    currency: str = "COIN",
    memo: str | None = None,
) -> dict[str, Any]:
    body = await gql(
        TRANSFER,
        {"to": str(to), "amount": amount, "currency": currency, "key": key, "memo": memo},
        token=token,
    )
    return dict(body["data"]["walletTransfer"])


async def test_payment_moves_money_and_notifies(
    app: Any, gql: GraphQLClient, players: dict[str, Any]
) -> None:
    result = await pay(gql, players["alice"], players["bob_id"], 30, memo="for the sword")
    assert result["errors"] == []
    assert result["transfer"] == {
        "id": result["transfer"]["id"],
        "amount": 30,
        "asset": "COIN",
        "direction": "OUT",
        "counterparty": "bob",
        "memo": "for the sword",
        "kind": "payment",
    }
    assert result["balances"] == [{"currency": "COIN", "amount": 70}]
    body = await gql(
        "{ me { balances { currency amount } } notifications { unreadCount edges { node { title body } } } }",
        token=players["bob"],
    )
    assert body["data"]["me"]["balances"] == [{"currency": "COIN", "amount": 30}]
    assert body["data"]["notifications"]["unreadCount"] == 1
    assert body["data"]["notifications"]["edges"][0]["node"] == {
        "title": "+30 COIN",
        "body": "alice sent you 30 COIN: for the sword",
    }
    await assert_sound(app.state.services.db)


@pytest.mark.parametrize(
    ("amount", "to", "currency", "code", "field"),
    [
        (-5, "bob", "COIN", "INVALID_AMOUNT", "amount"),
        (0, "bob", "COIN", "INVALID_AMOUNT", "amount"),
        ("1.5", "bob", "COIN", "INVALID_AMOUNT", "amount"),
        (1.5, "bob", "COIN", "INVALID_AMOUNT", "amount"),
        ("abc", "bob", "COIN", "INVALID_AMOUNT", "amount"),
        ("1e400", "bob", "COIN", "AMOUNT_TOO_LARGE", "amount"),
        ("Infinity", "bob", "COIN", "INVALID_AMOUNT", "amount"),
        (True, "bob", "COIN", "INVALID_AMOUNT", "amount"),
        (10**13, "bob", "COIN", "AMOUNT_TOO_LARGE", "amount"),
        ("99999999999999999999999", "bob", "COIN", "AMOUNT_TOO_LARGE", "amount"),
        (101, "bob", "COIN", "INSUFFICIENT_FUNDS", "amount"),
        (10, "nobody", "COIN", "UNKNOWN_USER", "toUserId"),
        (10, "garbage", "COIN", "UNKNOWN_USER", "toUserId"),
        (10, "alice", "COIN", "SELF_TRANSFER", "toUserId"),
        (10, "bob", "GOLD", "UNKNOWN_CURRENCY", "currency"),
        (10, "bob", "item:1", "UNKNOWN_CURRENCY", "currency"),
    ],
)
async def test_bad_transfers_are_refused_and_change_nothing(
    app: Any,
    gql: GraphQLClient,
    players: dict[str, Any],
    amount: Any,
    to: str,
    currency: str,
    code: str,
    field: str,
) -> None:
    target = {
        "bob": players["bob_id"],
        "alice": players["alice_id"],
        "nobody": 999999,
        "garbage": "x'; drop",
    }[to]
    before = await snapshot(app.state.services.db)
    result = await pay(gql, players["alice"], target, amount, currency=currency, key="k-bad")
    assert result["transfer"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [(code, field)]
    assert result["errors"][0]["message"]
    assert await snapshot(app.state.services.db) == before


async def test_reused_key_with_other_input_is_refused(
    app: Any, gql: GraphQLClient, players: dict[str, Any]
) -> None:
    first = await pay(gql, players["alice"], players["bob_id"], 10, key="k1")
    assert first["errors"] == []
    before = await snapshot(app.state.services.db)
    again = await pay(gql, players["alice"], players["bob_id"], 10, key="k1")
    assert again["errors"] == [] and again["transfer"]["id"] == first["transfer"]["id"]
    other = await pay(gql, players["alice"], players["bob_id"], 11, key="k1")
    assert [e["code"] for e in other["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]
    too_long = await pay(gql, players["alice"], players["bob_id"], 11, key="k" * 200)
    assert [e["code"] for e in too_long["errors"]] == ["INVALID_IDEMPOTENCY_KEY"]
    assert await snapshot(app.state.services.db) == before


async def test_same_key_from_another_user_is_independent(
    app: Any, gql: GraphQLClient, players: dict[str, Any]
) -> None:
    await gql(GRANT, {"u": str(players["bob_id"]), "amount": 50}, token=players["admin"])
    assert (await pay(gql, players["alice"], players["bob_id"], 10, key="shared"))["errors"] == []
    assert (await pay(gql, players["bob"], players["alice_id"], 5, key="shared"))["errors"] == []
    body = await gql("{ me { balances { amount } } }", token=players["alice"])
    assert body["data"]["me"]["balances"] == [{"amount": 95}]


async def test_history_is_paginated_newest_first(
    app: Any, gql: GraphQLClient, players: dict[str, Any]
) -> None:
    for amount in (1, 2, 3, 4, 5):
        assert (await pay(gql, players["alice"], players["bob_id"], amount))["errors"] == []
    query = """query($after: String) { myTransfers(first: 2, after: $after) {
        edges { node { amount direction counterparty kind } cursor } pageInfo { hasNextPage endCursor } } }"""
    seen: list[tuple[int, str]] = []
    after = None
    while True:
        page = (await gql(query, {"after": after}, token=players["alice"]))["data"]["myTransfers"]
        seen += [(e["node"]["amount"], e["node"]["direction"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [(5, "OUT"), (4, "OUT"), (3, "OUT"), (2, "OUT"), (1, "OUT"), (100, "IN")]
    bad = await gql(query, {"after": "bm90LWEtY3Vyc29y"}, token=players["alice"], expect_errors=True)
    assert bad["errors"][0]["extensions"]["reason"] == "INVALID_CURSOR"
    too_many = await gql(
        "{ myTransfers(first: 1000) { edges { cursor } } }", token=players["alice"], expect_errors=True
    )
    assert too_many["errors"][0]["extensions"]["reason"] == "INVALID_FIRST"
