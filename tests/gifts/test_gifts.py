"""Gifts: currency or items with a message, in both histories, at most N a day per sender."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import col

from db.engine import Database
from db.models import ConfigValue, Transfer
from resolvers import gifts, ledger
from resolvers.accounts import tokens
from resolvers.errors import DomainError
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot

SEND = """mutation($to: ID!, $amount: Amount!, $currency: String, $item: ID, $message: String, $key: String) {
  giftSend(input: {toUserId: $to, amount: $amount, currency: $currency, itemId: $item, message: $message,
                   idempotencyKey: $key}) {
    gift { id amount currency message item { name } sender { username } recipient { username } }
    errors { code field message } } }"""
MY_GIFTS = "{ myGifts(first: 20) { edges { node { amount message sender { username } } } } giftsLeftToday }"
HISTORY = "{ myTransfers(first: 5) { edges { node { kind amount memo counterparty direction } } } }"
NOTES = "{ notifications(first: 5) { edges { node { kind title body } } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
_round = itertools.count()


async def set_config(db: Database, key: str, value: Any) -> None:
    async with db.transaction() as session:
        session.add(ConfigValue(key=key, value=value))


async def gift_transfers(db: Database) -> int:
    async with db.reader() as session:
        query = select(func.count()).select_from(Transfer).where(col(Transfer.kind) == "gift")
        return int((await session.execute(query)).scalar_one())


async def two_players(app: Any, settings: Settings, coins: int = 100) -> tuple[Any, Any]:
    db = app.state.services.db
    alice = await factories.player(db, "alice", coins=coins, secret=settings.secret_key)
    bob = await factories.player(db, "bob", secret=settings.secret_key)
    return alice, bob


async def test_a_currency_gift_moves_coins_with_its_message_into_both_histories(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        alice, bob = await two_players(app, settings)
        # When alice gives bob 30 COIN with a message
        body = await gql(
            SEND, {"to": str(bob.id), "amount": "30", "currency": "COIN", "message": "gg"}, token=alice.token
        )
        payload = body["data"]["giftSend"]
        assert payload["errors"] == []
        assert payload["gift"] == {
            "id": payload["gift"]["id"],
            "amount": 30,
            "currency": "COIN",
            "message": "gg",
            "item": None,
            "sender": {"username": "alice"},
            "recipient": {"username": "bob"},
        }
        db = app.state.services.db
        assert await factories.balance(db, alice) == 70
        assert await factories.balance(db, bob) == 30
        # Then both see it in their history and their gift list; bob is notified
        alice_history = (await gql(HISTORY, token=alice.token))["data"]["myTransfers"]["edges"][0]["node"]
        bob_history = (await gql(HISTORY, token=bob.token))["data"]["myTransfers"]["edges"][0]["node"]
        assert alice_history == {
            "kind": "gift",
            "amount": 30,
            "memo": "gg",
            "counterparty": "bob",
            "direction": "OUT",
        }
        assert bob_history == {
            "kind": "gift",
            "amount": 30,
            "memo": "gg",
            "counterparty": "alice",
            "direction": "IN",
        }
        for who in (alice, bob):
            listed = (await gql(MY_GIFTS, token=who.token))["data"]
            assert [e["node"] for e in listed["myGifts"]["edges"]] == [
                {"amount": 30, "message": "gg", "sender": {"username": "alice"}}
            ]
        assert (await gql(MY_GIFTS, token=alice.token))["data"]["giftsLeftToday"] == gifts.DAILY_LIMIT - 1
        note = (await gql(NOTES, token=bob.token))["data"]["notifications"]["edges"][0]["node"]
        assert note["kind"] == "gift.received" and "alice" in note["body"] and "gg" in note["body"]
        async with db.reader() as session:
            assert all(v == 0 for v in (await ledger.conservation(session)).values())


async def test_an_item_gift_moves_the_item(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob = await two_players(app, settings)
        cake = await factories.item(db, name="Cake", price=5)
        await factories.holding(db, alice, cake, 3)
        body = await gql(SEND, {"to": str(bob.id), "amount": "2", "item": str(cake.id)}, token=alice.token)
        assert body["data"]["giftSend"]["errors"] == []
        assert body["data"]["giftSend"]["gift"]["item"] == {"name": "Cake"}
        assert body["data"]["giftSend"]["gift"]["currency"] is None
        assert await factories.balance(db, alice, ledger.item_asset(int(cake.id or 0))) == 1
        assert await factories.balance(db, bob, ledger.item_asset(int(cake.id or 0))) == 2


@pytest.mark.parametrize(
    ("variables", "code", "field"),
    [
        ({"amount": "10", "currency": "COIN", "to": "self"}, "SELF_GIFT", "toUserId"),
        ({"amount": "10", "currency": "COIN", "to": "999999"}, "UNKNOWN_USER", "toUserId"),
        ({"amount": "10", "currency": "COIN", "to": "nope"}, "UNKNOWN_USER", "toUserId"),
        ({"amount": "10"}, "INVALID_GIFT", "itemId"),
        ({"amount": "10", "currency": "COIN", "item": "nontradeable"}, "INVALID_GIFT", "itemId"),
        ({"amount": "0", "currency": "COIN"}, "INVALID_AMOUNT", "amount"),
        ({"amount": "1.5", "currency": "COIN"}, "INVALID_AMOUNT", "amount"),
        ({"amount": "500", "currency": "COIN"}, "INSUFFICIENT_FUNDS", "amount"),
        ({"amount": "5", "currency": "GOLD"}, "UNKNOWN_CURRENCY", "currency"),
        ({"amount": "1", "item": "999999"}, "UNKNOWN_ITEM", "itemId"),
        ({"amount": "1", "item": "nontradeable"}, "NOT_TRADEABLE", "itemId"),
        ({"amount": "1", "currency": "COIN", "message": "x" * 281}, "INVALID_MESSAGE", "message"),
    ],
)
async def test_a_refused_gift_says_why_and_changes_nothing(
    settings: Settings, variables: dict[str, str], code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob = await two_players(app, settings)
        badge = await factories.item(db, name="Badge", price=0, tradeable=False)
        await factories.holding(db, alice, badge, 1)
        sent = {"to": str(bob.id), **variables}
        if sent["to"] == "self":
            sent["to"] = str(alice.id)
        if sent.get("item") == "nontradeable":
            sent["item"] = str(badge.id)
        before = await snapshot(db)
        body = await gql(SEND, sent, token=alice.token)
        assert body["data"]["giftSend"]["gift"] is None
        assert [(e["code"], e["field"]) for e in body["data"]["giftSend"]["errors"]] == [(code, field)]
        assert changed(before, await snapshot(db)) == {}


async def test_the_daily_limit_refuses_the_next_gift_until_the_clock_passes_midnight(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        alice, bob = await two_players(app, settings)
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        # Given a limit of 3 a day (an admin's setting)
        await set_config(db, gifts.LIMIT_KEY, 3)
        for _ in range(3):
            body = await gql(SEND, {"to": str(bob.id), "amount": "1", "currency": "COIN"}, token=alice.token)
            assert body["data"]["giftSend"]["errors"] == []
        # When a fourth is sent the same day, it is refused and moves nothing
        before = await snapshot(db)
        body = await gql(SEND, {"to": str(bob.id), "amount": "1", "currency": "COIN"}, token=alice.token)
        assert [e["code"] for e in body["data"]["giftSend"]["errors"]] == ["GIFT_LIMIT_REACHED"]
        assert changed(before, await snapshot(db)) == {}
        assert (await gql(MY_GIFTS, token=alice.token))["data"]["giftsLeftToday"] == 0
        # Then after the admin moves the clock a day forward, alice may give again
        moved = await gql(ADVANCE, {"s": 86400}, token=admin.token)
        assert moved["data"]["adminClockAdvance"]["errors"] == []
        # (a day later her access token has expired: she signs in again)
        now = app.state.services.clock.now()
        token = tokens.issue_access_token(secret=settings.secret_key, user_id=alice.id, now=now, minutes=15)
        body = await gql(SEND, {"to": str(bob.id), "amount": "1", "currency": "COIN"}, token=token)
        assert body["data"]["giftSend"]["errors"] == []
        assert await factories.balance(db, bob) == 4


async def test_a_repeated_key_returns_the_first_gift_and_moves_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        alice, bob = await two_players(app, settings)
        variables = {"to": str(bob.id), "amount": "7", "currency": "COIN", "key": "gift-1"}
        first = await gql(SEND, variables, token=alice.token)
        again = await gql(SEND, variables, token=alice.token)
        assert again["data"]["giftSend"]["gift"]["id"] == first["data"]["giftSend"]["gift"]["id"]
        assert await factories.balance(app.state.services.db, bob) == 7
        other = await gql(SEND, {**variables, "amount": "8"}, token=alice.token)
        assert [e["code"] for e in other["data"]["giftSend"]["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]


async def test_concurrent_gifts_never_pass_the_daily_limit(settings: Settings) -> None:
    # Given 15 gifts sent at once in two assets (different balance rows lock nothing in common)
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob = await two_players(app, settings)
        cake = await factories.item(db, name="Cake", price=1)
        await factories.holding(db, alice, cake, 20)

        async def one(i: int) -> list[str]:
            what = {"currency": "COIN"} if i % 2 else {"item": str(cake.id)}
            body = await gql(SEND, {"to": str(bob.id), "amount": "1", **what}, token=alice.token)
            return [e["code"] for e in body["data"]["giftSend"]["errors"]]

        outcomes = await asyncio.gather(*(one(i) for i in range(15)))
    assert sorted(map(tuple, outcomes)) == [()] * gifts.DAILY_LIMIT + [("GIFT_LIMIT_REACHED",)] * 5


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(1, 60)), max_size=14))
def test_gifts_conserve_coins_and_never_overdraw(
    database_url: str, moves: list[tuple[int, int, int]]
) -> None:
    """Property (the plan's "gift conservation"): whatever gifts are tried, every asset sums to zero,
    no balance goes negative, the three players together hold what they started with, and each
    accepted gift is one ``gift`` transfer."""

    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            people = await factories.players(db, f"g{n}a", f"g{n}b", f"g{n}c", coins=50)
            accepted = 0
            gifts_before = await gift_transfers(db)
            for a, b, amount in moves:
                try:
                    async with db.transaction() as session:
                        await gifts.send(
                            session,
                            actor_id=people[a].id,
                            to_user_id=people[b].id,
                            currency="COIN",
                            item_id=None,
                            amount=amount,
                            message=None,
                            idempotency_key=None,
                            clock=factories.CLOCK,
                        )
                    accepted += 1
                except DomainError as exc:
                    assert exc.code in {"SELF_GIFT", "INSUFFICIENT_FUNDS", "GIFT_LIMIT_REACHED"}
            held = [await factories.balance(db, p) for p in people]
            assert min(held) >= 0 and sum(held) == 150
            async with db.reader() as session:
                assert all(v == 0 for v in (await ledger.conservation(session)).values())
            assert await gift_transfers(db) - gifts_before == accepted
        finally:
            await db.dispose()

    asyncio.run(body())
