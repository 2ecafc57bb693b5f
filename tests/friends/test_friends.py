"""Friends: requests with notifications, accept, decline, remove, block; the list and activity."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers import events, friends
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot

SEND = """mutation($u: ID!) { friendRequestSend(input: {userId: $u}) {
  request { id status sender { username } recipient { username } } errors { code field message } } }"""
ACCEPT = """mutation($r: ID!) { friendRequestAccept(input: {requestId: $r}) {
  request { id status } errors { code field message } } }"""
DECLINE = """mutation($r: ID!) { friendRequestDecline(input: {requestId: $r}) {
  request { id status } errors { code field message } } }"""
REMOVE = "mutation($u: ID!) { friendRemove(input: {userId: $u}) { user { username } errors { code field message } } }"
BLOCK = (
    "mutation($u: ID!) { userBlock(input: {userId: $u}) { user { username } errors { code field message } } }"
)
UNBLOCK = "mutation($u: ID!) { userUnblock(input: {userId: $u}) { user { username } errors { code field message } } }"
FRIENDS = "{ friends { user { username } online } }"
REQUESTS = """{ incoming: friendRequests(direction: INCOMING) { id sender { username } }
  outgoing: friendRequests(direction: OUTGOING) { id recipient { username } } }"""
BLOCKED = "{ blockedUsers { user { username } } }"
NOTES = "{ notifications(first: 5) { edges { node { kind title data } } } }"
GIFT = """mutation($to: ID!) { giftSend(input: {toUserId: $to, amount: "5", currency: "COIN"}) {
  gift { id } errors { code field } } }"""
ACTIVITY = "{ friendsActivity(first: 10) { kind user { username } itemName level achievement } }"


async def players(app: Any, settings: Settings, *names: str, coins: int = 0) -> list[factories.Player]:
    return await factories.players(app.state.services.db, *names, coins=coins, secret=settings.secret_key)


async def call(gql: Any, query: str, variables: dict[str, Any], who: factories.Player, field: str) -> Any:
    body = await gql(query, variables, token=who.token)
    return body["data"][field]


async def befriend(gql: Any, a: factories.Player, b: factories.Player) -> None:
    sent = await call(gql, SEND, {"u": str(b.id)}, a, "friendRequestSend")
    assert sent["errors"] == []
    accepted = await call(gql, ACCEPT, {"r": sent["request"]["id"]}, b, "friendRequestAccept")
    assert accepted["errors"] == []


async def names(gql: Any, who: factories.Player) -> list[str]:
    return [f["user"]["username"] for f in (await gql(FRIENDS, token=who.token))["data"]["friends"]]


async def test_a_request_notifies_and_accepting_makes_both_friends(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        alice, bob = await players(app, settings, "alice", "bob")
        # When alice asks bob
        sent = await call(gql, SEND, {"u": str(bob.id)}, alice, "friendRequestSend")
        assert sent["errors"] == []
        assert sent["request"]["status"] == "PENDING"
        assert sent["request"]["sender"] == {"username": "alice"}
        assert sent["request"]["recipient"] == {"username": "bob"}
        # Then bob sees the request and a notification; alice sees it as outgoing
        bob_view = (await gql(REQUESTS, token=bob.token))["data"]
        assert bob_view["incoming"] == [{"id": sent["request"]["id"], "sender": {"username": "alice"}}]
        assert bob_view["outgoing"] == []
        alice_view = (await gql(REQUESTS, token=alice.token))["data"]
        assert alice_view["outgoing"] == [{"id": sent["request"]["id"], "recipient": {"username": "bob"}}]
        note = (await gql(NOTES, token=bob.token))["data"]["notifications"]["edges"][0]["node"]
        assert note["kind"] == "friend.request" and "alice" in note["title"]
        assert note["data"]["from_username"] == "alice"
        assert note["data"]["request_id"] == int(sent["request"]["id"])
        # When bob accepts
        accepted = await call(gql, ACCEPT, {"r": sent["request"]["id"]}, bob, "friendRequestAccept")
        assert accepted == {"request": {"id": sent["request"]["id"], "status": "ACCEPTED"}, "errors": []}
        # Then each is the other's friend (offline: no live connection), and alice is told
        assert (await gql(FRIENDS, token=alice.token))["data"]["friends"] == [
            {"user": {"username": "bob"}, "online": False}
        ]
        assert await names(gql, bob) == ["alice"]
        assert (await gql(REQUESTS, token=bob.token))["data"]["incoming"] == []
        note = (await gql(NOTES, token=alice.token))["data"]["notifications"]["edges"][0]["node"]
        assert note["kind"] == "friend.accepted" and note["data"]["by_username"] == "bob"


async def test_asking_someone_who_already_asked_you_accepts_their_request(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        alice, bob = await players(app, settings, "alice", "bob")
        first = await call(gql, SEND, {"u": str(bob.id)}, alice, "friendRequestSend")
        back = await call(gql, SEND, {"u": str(alice.id)}, bob, "friendRequestSend")
        assert back["errors"] == []
        assert back["request"]["id"] == first["request"]["id"]
        assert back["request"]["status"] == "ACCEPTED"
        assert await names(gql, alice) == ["bob"]
        assert await names(gql, bob) == ["alice"]


async def test_declining_or_withdrawing_ends_the_request_and_allows_a_new_one(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        alice, bob = await players(app, settings, "alice", "bob")
        sent = await call(gql, SEND, {"u": str(bob.id)}, alice, "friendRequestSend")
        declined = await call(gql, DECLINE, {"r": sent["request"]["id"]}, bob, "friendRequestDecline")
        assert declined == {"request": {"id": sent["request"]["id"], "status": "DECLINED"}, "errors": []}
        assert await names(gql, alice) == [] and await names(gql, bob) == []
        again = await call(gql, SEND, {"u": str(bob.id)}, alice, "friendRequestSend")
        assert again["errors"] == [] and again["request"]["id"] != sent["request"]["id"]
        withdrawn = await call(gql, DECLINE, {"r": again["request"]["id"]}, alice, "friendRequestDecline")
        assert withdrawn["request"]["status"] == "CANCELLED"
        assert (await gql(REQUESTS, token=bob.token))["data"]["incoming"] == []


async def test_removing_a_friend_ends_it_for_both(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        alice, bob = await players(app, settings, "alice", "bob")
        await befriend(gql, alice, bob)
        removed = await call(gql, REMOVE, {"u": str(alice.id)}, bob, "friendRemove")
        assert removed == {"user": {"username": "alice"}, "errors": []}
        assert await names(gql, alice) == [] and await names(gql, bob) == []


async def test_blocking_ends_friendship_and_requests_and_refuses_requests_and_gifts(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, carol = await players(app, settings, "alice", "bob", "carol", coins=50)
        await befriend(gql, alice, bob)
        pending = await call(gql, SEND, {"u": str(carol.id)}, bob, "friendRequestSend")
        # When bob blocks alice, and carol, who has his request pending
        blocked = await call(gql, BLOCK, {"u": str(alice.id)}, bob, "userBlock")
        assert blocked == {"user": {"username": "alice"}, "errors": []}
        assert (await call(gql, BLOCK, {"u": str(carol.id)}, bob, "userBlock"))["errors"] == []
        # Then the friendship and the request are gone
        assert await names(gql, alice) == [] and await names(gql, bob) == []
        assert (await gql(REQUESTS, token=carol.token))["data"]["incoming"] == []
        refused = await call(gql, ACCEPT, {"r": pending["request"]["id"]}, carol, "friendRequestAccept")
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [("NOT_FOUND", "requestId")]
        listed = (await gql(BLOCKED, token=bob.token))["data"]["blockedUsers"]
        assert sorted(b["user"]["username"] for b in listed) == ["alice", "carol"]
        # And alice can neither ask bob again nor give him a gift; nothing changes
        before = await snapshot(db)
        asked = await call(gql, SEND, {"u": str(bob.id)}, alice, "friendRequestSend")
        assert [(e["code"], e["field"]) for e in asked["errors"]] == [("BLOCKED", "userId")]
        assert asked["request"] is None
        gift = await call(gql, GIFT, {"to": str(bob.id)}, alice, "giftSend")
        assert gift == {"gift": None, "errors": [{"code": "BLOCKED", "field": "toUserId"}]}
        assert changed(before, await snapshot(db)) == {}
        # But bob may still give alice a gift; after unblocking, alice may ask again
        assert (await call(gql, GIFT, {"to": str(alice.id)}, bob, "giftSend"))["errors"] == []
        unblocked = await call(gql, UNBLOCK, {"u": str(alice.id)}, bob, "userUnblock")
        assert unblocked == {"user": {"username": "alice"}, "errors": []}
        assert (await call(gql, SEND, {"u": str(bob.id)}, alice, "friendRequestSend"))["errors"] == []
        assert (await call(gql, GIFT, {"to": str(bob.id)}, alice, "giftSend"))["errors"] == []


SETUPS = ("none", "friends", "alice_asked", "bob_asked", "bob_blocked_alice", "alice_blocked_bob")


async def arrange(db: Any, setup: str, alice: factories.Player, bob: factories.Player, carol: Any) -> int:
    """Puts alice and bob in a state; returns a request id (of carol's to bob, when no other)."""
    clock = factories.CLOCK
    async with db.transaction() as session:
        stray = await friends.send(session, actor_id=carol.id, user_id=bob.id, clock=clock)
        request_id = int(stray.id or 0)
        if setup in ("friends", "alice_asked"):
            request_id = int(
                (await friends.send(session, actor_id=alice.id, user_id=bob.id, clock=clock)).id or 0
            )
        if setup == "bob_asked":
            request_id = int(
                (await friends.send(session, actor_id=bob.id, user_id=alice.id, clock=clock)).id or 0
            )
        if setup == "friends":
            await friends.accept(session, actor_id=bob.id, request_id=request_id, clock=clock)
        if setup == "bob_blocked_alice":
            await friends.block(session, actor_id=bob.id, user_id=alice.id, clock=clock)
        if setup == "alice_blocked_bob":
            await friends.block(session, actor_id=alice.id, user_id=bob.id, clock=clock)
    return request_id


@pytest.mark.parametrize(
    ("setup", "mutation", "target", "code", "field"),
    [
        ("none", "send", "self", "SELF", "userId"),
        ("none", "send", "999999", "NOT_FOUND", "userId"),
        ("none", "send", "nope", "NOT_FOUND", "userId"),
        ("friends", "send", "bob", "ALREADY_FRIENDS", "userId"),
        ("alice_asked", "send", "bob", "REQUEST_EXISTS", "userId"),
        ("bob_blocked_alice", "send", "bob", "BLOCKED", "userId"),
        ("alice_blocked_bob", "send", "bob", "BLOCKED", "userId"),
        ("none", "accept", "999999", "NOT_FOUND", "requestId"),
        ("none", "accept", "request", "NOT_FOUND", "requestId"),  # carol's request to bob
        ("alice_asked", "accept", "request", "NOT_FOUND", "requestId"),  # her own request
        ("friends", "accept", "request", "NOT_FOUND", "requestId"),  # already accepted
        ("none", "decline", "request", "NOT_FOUND", "requestId"),
        ("none", "decline", "x", "NOT_FOUND", "requestId"),
        ("none", "remove", "bob", "NOT_FRIENDS", "userId"),
        ("none", "remove", "self", "SELF", "userId"),
        ("none", "block", "self", "SELF", "userId"),
        ("none", "block", "999999", "NOT_FOUND", "userId"),
        ("alice_blocked_bob", "block", "bob", "ALREADY_BLOCKED", "userId"),
        ("bob_blocked_alice", "unblock", "bob", "NOT_BLOCKED", "userId"),
    ],
)
async def test_a_refusal_says_why_and_changes_nothing(
    settings: Settings, setup: str, mutation: str, target: str, code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, carol = await players(app, settings, "alice", "bob", "carol")
        request_id = await arrange(db, setup, alice, bob, carol)
        value = {"self": str(alice.id), "bob": str(bob.id), "request": str(request_id)}.get(target, target)
        document, name, key = {
            "send": (SEND, "friendRequestSend", "u"),
            "accept": (ACCEPT, "friendRequestAccept", "r"),
            "decline": (DECLINE, "friendRequestDecline", "r"),
            "remove": (REMOVE, "friendRemove", "u"),
            "block": (BLOCK, "userBlock", "u"),
            "unblock": (UNBLOCK, "userUnblock", "u"),
        }[mutation]
        before = await snapshot(db)
        payload = await call(gql, document, {key: value}, alice, name)
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
        assert payload["errors"][0]["message"]
        assert changed(before, await snapshot(db)) == {}


async def test_friends_activity_shows_friends_public_events_only(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, carol = await players(app, settings, "alice", "bob", "carol", coins=50)
        await befriend(gql, alice, bob)
        cake = await factories.item(db, name="Cake", price=5)
        buy = "mutation($i: ID!) { shopPurchase(input: {itemId: $i}) { errors { code } } }"
        assert (await call(gql, buy, {"i": str(cake.id)}, bob, "shopPurchase"))["errors"] == []
        assert (await call(gql, GIFT, {"to": str(carol.id)}, bob, "giftSend"))["errors"] == []
        assert (await call(gql, buy, {"i": str(cake.id)}, carol, "shopPurchase"))["errors"] == []
        # Level-ups and achievements (appended by their consumers) are public too; the payment is not
        async with db.transaction() as session:
            await events.append_many(
                session,
                [
                    events.Spec(kind=kind, actor_id=who.id, audience=[who.id], payload=payload)
                    for who, kind, payload in (
                        (bob, "progression.level_up", {"level": 3, "from_level": 2}),
                        (bob, "achievement.unlocked", {"key": "first_gift", "tier": "bronze"}),
                        (bob, "wallet.transfer", {"amount": 1}),
                        (carol, "progression.level_up", {"level": 2, "from_level": 1}),
                    )
                ],
                clock=factories.CLOCK,
            )
        seen = (await gql(ACTIVITY, token=alice.token))["data"]["friendsActivity"]
        plain = {"itemName": None, "level": None, "achievement": None}
        bob_ = {"username": "bob"}
        assert seen == [
            plain | {"kind": "achievement.unlocked", "user": bob_, "achievement": "first_gift"},
            plain | {"kind": "progression.level_up", "user": bob_, "level": 3},
            plain | {"kind": "gift.sent", "user": bob_},
            plain | {"kind": "shop.purchase", "user": bob_, "itemName": "Cake"},
        ]
        assert (await gql(ACTIVITY, token=carol.token))["data"]["friendsActivity"] == []
