"""The clan treasury: a ledger account clan:<id>; members contribute, the leader pays members."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers import ledger
from resolvers.clans import treasury
from server.settings import Settings
from tests import factories
from tests.clans.support import CLAN, clan_of
from tests.server.support import running
from tests.snapshot import changed, snapshot

CONTRIBUTE = """mutation($a: Amount!, $k: String) { clanContribute(input: {amount: $a, idempotencyKey: $k}) {
  clan { treasury } errors { code field } } }"""
PAY = """mutation($u: ID!, $a: Amount!, $k: String) { clanTreasuryPay(input: {userId: $u, amount: $a, idempotencyKey: $k}) {
  clan { treasury } errors { code field } } }"""


async def test_members_contribute_and_the_leader_pays_a_member(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob = await factories.players(db, "alice", "bob", coins=100, secret=settings.secret_key)
        cid = await clan_of(db, alice, "Owls", bob)
        # bob gives 40, twice with the same key: it moves once
        for _ in range(2):
            body = await gql(CONTRIBUTE, {"a": "40", "k": "c-1"}, token=bob.token)
            assert body["data"]["clanContribute"] == {"clan": {"treasury": 40}, "errors": []}
        assert await factories.balance(db, bob) == 60
        # alice pays bob 15 back from the treasury
        paid = await gql(PAY, {"u": str(bob.id), "a": "15"}, token=alice.token)
        assert paid["data"]["clanTreasuryPay"] == {"clan": {"treasury": 25}, "errors": []}
        assert await factories.balance(db, bob) == 75
        assert (await gql(CLAN, {"id": str(cid)}, token=bob.token))["data"]["clan"]["treasury"] == 25
        async with db.reader() as session:
            assert await treasury.balance(session, cid) == 25
            assert all(v == 0 for v in (await ledger.conservation(session)).values())


REFUSALS: list[tuple[str, str, str, dict[str, Any], str, str | None]] = [
    ("dan", CONTRIBUTE, "clanContribute", {"a": "5"}, "NOT_IN_CLAN", None),
    ("bob", CONTRIBUTE, "clanContribute", {"a": "0"}, "INVALID_AMOUNT", "amount"),
    ("bob", CONTRIBUTE, "clanContribute", {"a": "1000"}, "INSUFFICIENT_FUNDS", "amount"),
    ("bob", PAY, "clanTreasuryPay", {"u": "carol", "a": "5"}, "NOT_ALLOWED", "userId"),
    ("alice", PAY, "clanTreasuryPay", {"u": "dan", "a": "5"}, "NOT_A_MEMBER", "userId"),
    ("alice", PAY, "clanTreasuryPay", {"u": "bob", "a": "11"}, "INSUFFICIENT_FUNDS", "amount"),
    ("dan", PAY, "clanTreasuryPay", {"u": "bob", "a": "1"}, "NOT_IN_CLAN", None),
]


@pytest.mark.parametrize(("who", "doc", "name", "variables", "code", "field"), REFUSALS)
async def test_a_refused_treasury_move_says_why_and_changes_nothing(
    settings: Settings, who: str, doc: str, name: str, variables: dict[str, Any], code: str, field: str | None
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        people = await factories.players(
            db, "alice", "bob", "carol", "dan", coins=50, secret=settings.secret_key
        )
        by = {p.username: p for p in people}
        await clan_of(db, by["alice"], "Owls", by["bob"], by["carol"])
        assert (await gql(CONTRIBUTE, {"a": "10"}, token=by["carol"].token))["data"]["clanContribute"][
            "errors"
        ] == []
        if "u" in variables:
            variables = variables | {"u": str(by[variables["u"]].id)}
        before = await snapshot(db)
        payload = (await gql(doc, variables, token=by[who].token))["data"][name]
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
        assert payload["clan"] is None
        assert changed(before, await snapshot(db)) == {}
