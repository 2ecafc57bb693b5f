"""Property-based fuzzing of the whole API from the committed SDL, against a running server on
SQLite and PostgreSQL, as anonymous, player, admin and the Telegram bot: whatever is sent, no
response is a 5xx, no error is INTERNAL, and nothing is logged as an error.

``LUCAS_FUZZ_EXAMPLES`` sets the examples per test (default 20: about 40 s on 2 cores for the
whole module); the longer run is ``LUCAS_FUZZ_EXAMPLES=1000 pytest tests/fuzz`` (see the README).
"""

from __future__ import annotations

import os
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import Target
from tests.fuzz.strategies import documents, operations_with_variables

EXAMPLES = int(os.environ.get("LUCAS_FUZZ_EXAMPLES", "20"))
ROLES = ["anonymous", "player", "admin", "bot"]
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture(scope="module")
def http() -> Any:
    with httpx.Client(timeout=60) as client:
        yield client


def check(target: Target, role: str, body: Any, response: httpx.Response) -> None:
    logged = [f"{r.name}: {r.getMessage()}" for r in target.errors.records]
    target.errors.records.clear()
    assert response.status_code < 500, (role, body, response.status_code, response.text[:500])
    answer = response.json()
    codes = [(e.get("extensions") or {}).get("code") for e in answer.get("errors") or []]
    assert "INTERNAL" not in codes, (role, body, answer)
    assert logged == [], (role, body, logged)


@pytest.mark.parametrize("role", ROLES)
def test_generated_documents(target: Target, http: httpx.Client, role: str) -> None:
    @FUZZ
    @given(query=documents())
    def run(query: str) -> None:
        body = {"query": query}
        check(target, role, body, target.post(http, role, body))

    run()


@pytest.mark.parametrize("role", ROLES)
def test_generated_variables(target: Target, http: httpx.Client, role: str) -> None:
    @FUZZ
    @given(body=operations_with_variables())
    def run(body: dict[str, Any]) -> None:
        check(target, role, body, target.post(http, role, body))

    run()


@pytest.mark.parametrize("role", ["player", "admin"])
def test_generated_batches_of_value_moving_mutations(target: Target, http: httpx.Client, role: str) -> None:
    """Repeats with the same idempotency key and mixes of valid and invalid input."""

    @FUZZ
    @given(
        steps=st.lists(
            st.tuples(
                st.sampled_from(["walletTransfer", "shopPurchase", "adminGrant"]),
                st.sampled_from(["1", "2", "3", "99"]),
                st.one_of(st.integers(-2, 30), st.sampled_from(["5", "0.5", "x"])),
                st.sampled_from([None, "k1", "k2", "", "k" * 300]),
            ),
            min_size=1,
            max_size=6,
        )
    )
    def run(steps: list[tuple[str, str, Any, str | None]]) -> None:
        for field, target_id, amount, key in steps:
            query = {
                "walletTransfer": "mutation($i:ID!,$a:Amount!,$k:String){walletTransfer(input:"
                "{toUserId:$i,amount:$a,idempotencyKey:$k}){transfer{id amount} errors{code}}}",
                "shopPurchase": "mutation($i:ID!,$a:Int!,$k:String){shopPurchase(input:"
                "{itemId:$i,quantity:$a,idempotencyKey:$k}){quantity errors{code}}}",
                "adminGrant": "mutation($i:ID!,$a:Amount!,$k:String){adminGrant(input:"
                '{userId:$i,amount:$a,reason:"f",idempotencyKey:$k}){transfer{id} errors{code}}}',
            }[field]
            body = {"query": query, "variables": {"i": target_id, "a": amount, "k": key}}
            check(target, role, body, target.post(http, role, body))

    run()
