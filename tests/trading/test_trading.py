"""Trading through the API: offers with escrow, accept (one swap, fees on currency), decline, cancel,
counter; every refusal says why and changes nothing; repeats with a key move once."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers import ledger
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot
from tests.trading.support import (
    ACCEPT,
    CANCEL,
    COUNTER,
    CREATE,
    DECLINE,
    NOTES,
    OFFERS,
    SUPPLY,
    coins,
    conserved,
    escrow,
    fees,
    items,
    stocked,
)


async def cast(app: Any, settings: Settings) -> tuple[factories.Player, factories.Player, int]:
    """alice holds 200 COIN, bob two swords bought at 30 each."""
    db = app.state.services.db
    alice = await factories.player(db, "alice", coins=200, secret=settings.secret_key)
    bob = await factories.player(db, "bob", secret=settings.secret_key)
    sword = await stocked(db, bob, price=30, quantity=2, name="Sword")
    return alice, bob, sword


async def test_an_accepted_offer_swaps_both_sides_at_once_less_the_currency_fee(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, sword = await cast(app, settings)
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        # When alice offers 100 COIN for bob's two swords
        made = await gql(
            CREATE,
            {"to": str(bob.id), "give": [coins(100)], "want": [items(sword, 2)], "message": "deal?"},
            token=alice.token,
        )
        payload = made["data"]["tradeOfferCreate"]
        assert payload["errors"] == []
        offer = payload["offer"]
        assert offer["status"] == "OPEN" and offer["incoming"] is False and offer["message"] == "deal?"
        assert offer["give"] == [{"currency": "COIN", "amount": 100, "fee": 5, "item": None}]
        assert offer["want"] == [{"currency": None, "amount": 2, "fee": 0, "item": {"name": "Sword"}}]
        # Then her coins wait in escrow, and bob sees the offer with its market values and a note
        assert await factories.balance(db, alice) == 100
        assert await escrow(db) == {"COIN": 100}
        seen = (await gql(OFFERS, {"status": "OPEN"}, token=bob.token))["data"]["tradeOffers"]["edges"]
        assert [e["node"]["id"] for e in seen] == [offer["id"]]
        node = seen[0]["node"]
        assert (node["incoming"], node["lopsided"], node["giveValue"], node["wantValue"]) == (
            True,
            False,
            100,
            60,
        )
        note = (await gql(NOTES, token=bob.token))["data"]["notifications"]["edges"][0]["node"]
        assert note["kind"] == "trade.offered" and "alice" in note["body"]
        # When bob accepts
        done = await gql(ACCEPT, {"id": offer["id"]}, token=bob.token)
        assert done["data"]["tradeOfferAccept"] == {
            "offer": {"id": offer["id"], "status": "ACCEPTED"},
            "errors": [],
        }
        # Then both sides moved in one go: bob gets 95 (5 to fees), alice both swords
        sword_asset = ledger.item_asset(sword)
        assert await factories.balance(db, bob) == 95
        assert await factories.balance(db, bob, sword_asset) == 0
        assert await factories.balance(db, alice, sword_asset) == 2
        assert await factories.balance(db, alice) == 100
        assert await escrow(db) == {}
        assert await fees(db) == 5
        note = (await gql(NOTES, token=alice.token))["data"]["notifications"]["edges"][0]["node"]
        assert note["kind"] == "trade.accepted" and "bob" in note["body"]
        # And both see it in their history; the economy is balanced
        for who in (alice, bob):
            listed = (await gql(OFFERS, token=who.token))["data"]["tradeOffers"]["edges"]
            assert [e["node"]["status"] for e in listed] == ["ACCEPTED"]
        supply = (await gql(SUPPLY, token=admin.token))["data"]["adminEconomySupply"]
        assert all(row["balanced"] for row in supply)
        assert await conserved(db)


async def test_fees_round_up_on_each_currency_amount_and_items_pay_none(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, sword = await cast(app, settings)
        await factories.grant(db, bob, 21)
        # alice gives 41 COIN for one sword
        made = await gql(
            CREATE, {"to": str(bob.id), "give": [coins(41)], "want": [items(sword, 1)]}, token=alice.token
        )
        offer_id = made["data"]["tradeOfferCreate"]["offer"]["id"]
        assert (await gql(ACCEPT, {"id": offer_id}, token=bob.token))["data"]["tradeOfferAccept"][
            "errors"
        ] == []
        # 41 × 5% = 2.05 → 3 to fees, 38 to bob; the sword arrives whole
        assert await factories.balance(db, bob) == 21 + 38
        assert await fees(db) == 3
        assert await factories.balance(db, alice, ledger.item_asset(sword)) == 1
        # bob now offers 21 COIN for nothing in return: alice receives 21 − 2
        made = await gql(CREATE, {"to": str(alice.id), "give": [coins(21)], "want": []}, token=bob.token)
        offer_id = made["data"]["tradeOfferCreate"]["offer"]["id"]
        assert (await gql(ACCEPT, {"id": offer_id}, token=alice.token))["data"]["tradeOfferAccept"][
            "errors"
        ] == []
        assert await factories.balance(db, alice) == 200 - 41 + 19
        assert await fees(db) == 3 + 2
        assert await conserved(db)


async def test_declining_or_cancelling_returns_the_escrow(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, sword = await cast(app, settings)
        for verb, document, who in (("Decline", DECLINE, bob), ("Cancel", CANCEL, alice)):
            made = await gql(
                CREATE, {"to": str(bob.id), "give": [coins(50)], "want": [items(sword, 1)]}, token=alice.token
            )
            offer_id = made["data"]["tradeOfferCreate"]["offer"]["id"]
            assert await factories.balance(db, alice) == 150
            body = await gql(document, {"id": offer_id}, token=who.token)
            status = "DECLINED" if verb == "Decline" else "CANCELLED"
            assert body["data"][f"tradeOffer{verb}"] == {
                "offer": {"id": offer_id, "status": status},
                "errors": [],
            }
            assert await factories.balance(db, alice) == 200
            assert await factories.balance(db, bob, ledger.item_asset(sword)) == 2
            assert await escrow(db) == {}
        kinds = [
            e["node"]["kind"] for e in (await gql(NOTES, token=alice.token))["data"]["notifications"]["edges"]
        ]
        assert [k for k in kinds if k.startswith("trade.")] == ["trade.declined"]
        assert await fees(db) == 0 and await conserved(db)


async def test_a_counter_offer_closes_the_old_one_and_can_be_accepted(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, sword = await cast(app, settings)
        made = await gql(
            CREATE, {"to": str(bob.id), "give": [coins(40)], "want": [items(sword, 2)]}, token=alice.token
        )
        first = made["data"]["tradeOfferCreate"]["offer"]["id"]
        # bob answers: one sword for 40
        body = await gql(
            COUNTER,
            {"id": first, "give": [items(sword, 1)], "want": [coins(40)], "message": "one only", "key": "c1"},
            token=bob.token,
        )
        payload = body["data"]["tradeOfferCounter"]
        assert payload["errors"] == []
        counter = payload["offer"]
        assert counter["counterOf"] == first and counter["status"] == "OPEN"
        assert counter["sender"]["username"] == "bob" and counter["recipient"]["username"] == "alice"
        # alice's 40 came back; bob's sword waits in escrow
        assert await factories.balance(db, alice) == 200
        assert await escrow(db) == {ledger.item_asset(sword): 1}
        statuses = {
            e["node"]["id"]: e["node"]["status"]
            for e in (await gql(OFFERS, token=alice.token))["data"]["tradeOffers"]["edges"]
        }
        assert statuses == {first: "COUNTERED", counter["id"]: "OPEN"}
        note = (await gql(NOTES, token=alice.token))["data"]["notifications"]["edges"][0]["node"]
        assert note["kind"] == "trade.countered" and note["data"]["counter_id"] == int(counter["id"])
        # the same counter again with its key: the same offer, nothing moves
        before = await snapshot(db)
        again = await gql(
            COUNTER,
            {"id": first, "give": [items(sword, 1)], "want": [coins(40)], "message": "one only", "key": "c1"},
            token=bob.token,
        )
        assert again["data"]["tradeOfferCounter"]["offer"]["id"] == counter["id"]
        assert changed(before, await snapshot(db)) == {}
        # alice accepts the counter
        done = await gql(ACCEPT, {"id": counter["id"]}, token=alice.token)
        assert done["data"]["tradeOfferAccept"]["errors"] == []
        assert await factories.balance(db, alice) == 160
        assert await factories.balance(db, bob) == 38
        assert await factories.balance(db, alice, ledger.item_asset(sword)) == 1
        assert await conserved(db)


GOOD_REFUSALS = [
    ({"to": "self"}, "SELF_TRADE", "toUserId"),
    ({"to": "999999"}, "UNKNOWN_USER", "toUserId"),
    ({"to": "nope"}, "UNKNOWN_USER", "toUserId"),
    ({"give": [], "want": []}, "EMPTY_OFFER", "give"),
    ({"give": [{"amount": "5"}]}, "INVALID_GOOD", "give"),
    ({"give": [{"amount": "5", "currency": "COIN", "itemId": "sword"}]}, "INVALID_GOOD", "give"),
    ({"give": [coins(5)], "want": [coins(5)]}, "INVALID_GOOD", "want"),
    ({"give": [coins(0)]}, "INVALID_AMOUNT", "give"),
    ({"give": [coins("1.5")]}, "INVALID_AMOUNT", "give"),
    ({"want": [{"itemId": "sword", "amount": "-1"}]}, "INVALID_AMOUNT", "want"),
    ({"give": [coins(500)]}, "INSUFFICIENT_FUNDS", "give"),
    ({"give": [coins(150), coins(60)]}, "INSUFFICIENT_FUNDS", "give"),
    ({"give": [coins(5, "GOLD")]}, "UNKNOWN_CURRENCY", "give"),
    ({"want": [items(999999, 1)]}, "UNKNOWN_ITEM", "want"),
    ({"want": [{"itemId": "badge", "amount": "1"}]}, "NOT_TRADEABLE", "want"),
    ({"give": [{"itemId": "badge", "amount": "1"}]}, "NOT_TRADEABLE", "give"),
    ({"give": [coins(1)] * 11}, "TOO_MANY_GOODS", "give"),
    ({"message": "x" * 281}, "INVALID_MESSAGE", "message"),
    ({"give": [coins(10**13)]}, "AMOUNT_TOO_LARGE", "give"),
]


@pytest.mark.parametrize(("variables", "code", "field"), GOOD_REFUSALS)
async def test_a_refused_offer_says_why_and_changes_nothing(
    settings: Settings, variables: dict[str, Any], code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, sword = await cast(app, settings)
        badge = await factories.item(db, name="Badge", price=0, tradeable=False)
        await factories.holding(db, alice, badge, 1)
        sent = {"to": str(bob.id), "give": [coins(10)], "want": [items(sword, 1)], **variables}
        sent["to"] = str(alice.id) if sent["to"] == "self" else sent["to"]
        for side in ("give", "want"):
            sent[side] = [
                {**g, "itemId": str(sword if g["itemId"] == "sword" else badge.id)}
                if g.get("itemId") in ("sword", "badge")
                else g
                for g in sent[side]
            ]
        before = await snapshot(db)
        body = await gql(CREATE, sent, token=alice.token)
        payload = body["data"]["tradeOfferCreate"]
        assert payload["offer"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
        assert changed(before, await snapshot(db)) == {}


async def test_only_the_right_party_may_close_an_offer_and_only_while_it_is_open(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, sword = await cast(app, settings)
        carol = await factories.player(db, "carol", secret=settings.secret_key)
        made = await gql(
            CREATE, {"to": str(bob.id), "give": [coins(10)], "want": [items(sword, 1)]}, token=alice.token
        )
        offer_id = made["data"]["tradeOfferCreate"]["offer"]["id"]
        counter = {"give": [coins(1)], "want": []}
        cases = [
            (ACCEPT, "tradeOfferAccept", alice, {"id": offer_id}, "NOT_RECIPIENT"),
            (DECLINE, "tradeOfferDecline", alice, {"id": offer_id}, "NOT_RECIPIENT"),
            (COUNTER, "tradeOfferCounter", alice, {"id": offer_id, **counter}, "NOT_RECIPIENT"),
            (CANCEL, "tradeOfferCancel", bob, {"id": offer_id}, "NOT_SENDER"),
            (ACCEPT, "tradeOfferAccept", carol, {"id": offer_id}, "UNKNOWN_OFFER"),
            (CANCEL, "tradeOfferCancel", carol, {"id": offer_id}, "UNKNOWN_OFFER"),
            (ACCEPT, "tradeOfferAccept", bob, {"id": "987654"}, "UNKNOWN_OFFER"),
            (DECLINE, "tradeOfferDecline", bob, {"id": "x"}, "UNKNOWN_OFFER"),
        ]
        for document, name, who, variables, code in cases:
            before = await snapshot(db)
            payload = (await gql(document, variables, token=who.token))["data"][name]
            assert payload["offer"] is None
            assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, "offerId")], name
            assert changed(before, await snapshot(db)) == {}
        # bob gives his swords away: he no longer has what alice wants, so accepting moves nothing
        await gql(
            "mutation($u: ID!, $i: ID!) { giftSend(input: {toUserId: $u, itemId: $i, amount: 2}) { errors { code } } }",
            {"u": str(carol.id), "i": str(sword)},
            token=bob.token,
        )
        before = await snapshot(db)
        payload = (await gql(ACCEPT, {"id": offer_id}, token=bob.token))["data"]["tradeOfferAccept"]
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INSUFFICIENT_FUNDS", "want")]
        assert changed(before, await snapshot(db)) == {}
        # once cancelled, nothing else closes it
        assert (await gql(CANCEL, {"id": offer_id}, token=alice.token))["data"]["tradeOfferCancel"][
            "errors"
        ] == []
        for document, name, who in ((ACCEPT, "tradeOfferAccept", bob), (CANCEL, "tradeOfferCancel", alice)):
            before = await snapshot(db)
            payload = (await gql(document, {"id": offer_id}, token=who.token))["data"][name]
            assert [(e["code"], e["field"]) for e in payload["errors"]] == [("OFFER_CLOSED", "offerId")]
            assert changed(before, await snapshot(db)) == {}
        assert await factories.balance(db, alice) == 200 and await conserved(db)


async def test_a_repeated_key_returns_the_first_offer_and_escrows_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, sword = await cast(app, settings)
        variables = {"to": str(bob.id), "give": [coins(30)], "want": [items(sword, 1)], "key": "t-1"}
        first = await gql(CREATE, variables, token=alice.token)
        again = await gql(CREATE, variables, token=alice.token)
        assert (
            again["data"]["tradeOfferCreate"]["offer"]["id"]
            == first["data"]["tradeOfferCreate"]["offer"]["id"]
        )
        assert await factories.balance(db, alice) == 170
        assert await escrow(db) == {"COIN": 30}
        before = await snapshot(db)
        other = await gql(CREATE, {**variables, "give": [coins(31)]}, token=alice.token)
        errors = other["data"]["tradeOfferCreate"]["errors"]
        assert [(e["code"], e["field"]) for e in errors] == [("IDEMPOTENCY_KEY_REUSED", "idempotencyKey")]
        assert changed(before, await snapshot(db)) == {}
