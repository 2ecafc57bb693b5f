"""The feed: items from other domains' events through the durable consumer (once per event), the
player's and friends' feed with filters and privacy, reactions, and feedUpdated live."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlmodel import col

from db.engine import Database
from db.models import ConfigValue, ConsumerOffset
from server.settings import Settings
from tests import factories
from tests.conftest import make_settings
from tests.profiles.support import befriend, happen, relay
from tests.server.support import running
from tests.snapshot import changed, snapshot

FEED = """query($f: Int, $k: [FeedKind!], $s: FeedScope) { feed(first: $f, kinds: $k, scope: $s) {
  id kind user { username } achievement tier level game name amount reactions { emoji count mine } } }"""
REACT = """mutation($i: ID!, $e: String!) { feedReact(input: {itemId: $i, emoji: $e}) {
  item { id reactions { emoji count mine } } errors { code field } } }"""
PRIVACY = (
    "mutation($a: ProfileVisibility!) { profileUpdate(input: {privacy: {activity: $a}}) { errors { code } } }"
)


async def kinds_of(gql: Any, token: str | None, **variables: Any) -> list[tuple[str, str]]:
    body = await gql(FEED, variables, token=token)
    return [(i["kind"], i["user"]["username"]) for i in body["data"]["feed"]]


async def test_events_become_feed_items_once_and_friends_see_them(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db: Database = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        carol = await factories.player(db, "carol", secret=settings.secret_key)
        await befriend(db, alice.id, bob.id)
        await happen(db, "achievement.unlocked", alice.id, key="first_transfer", tier=None, coin=10)
        await happen(db, "progression.level_up", alice.id, level=3, from_level=2)
        await happen(db, "game.rewarded", bob.id, game="dice", amount=40, session_id=1)
        await happen(db, "shop.purchase", alice.id, item_id=999, quantity=1, total=20)  # small: no item
        await happen(db, "shop.purchase", alice.id, item_id=999, quantity=2, total=800)
        await happen(db, "wallet.transfer", alice.id, amount=5)  # not an activity
        await happen(db, "game.rewarded", carol.id, game="dice", amount=5)
        await relay(db)
        items_before = (await snapshot(db))["feed_items"]
        # read again from the start (at least once): no item is made twice
        async with db.transaction() as session:
            await session.execute(
                update(ConsumerOffset)
                .where(col(ConsumerOffset.consumer) == "feed")
                .values(last_event_id=0, last_tx=0)
            )
        await relay(db)
        assert (await snapshot(db))["feed_items"] == items_before and len(items_before) == 5
        # alice's feed (FRIENDS by default) holds hers and bob's, newest first, not carol's
        assert await kinds_of(gql, alice.token) == [
            ("BIG_PURCHASE", "alice"),
            ("WIN", "bob"),
            ("LEVEL_UP", "alice"),
            ("ACHIEVEMENT", "alice"),
        ]
        items = (await gql(FEED, {"f": 50}, token=alice.token))["data"]["feed"]
        assert items[0]["amount"] == 800 and items[1]["game"] == "dice" and items[2]["level"] == 3
        assert items[3]["achievement"] == "first_transfer"
        # MINE, a filter by kind, and first
        assert await kinds_of(gql, alice.token, s="MINE", k=["ACHIEVEMENT", "WIN"]) == [
            ("ACHIEVEMENT", "alice")
        ]
        assert await kinds_of(gql, alice.token, f=1) == [("BIG_PURCHASE", "alice")]
        assert await kinds_of(gql, carol.token) == [("WIN", "carol")]
        # when alice hides her activity, bob sees only his own; she still sees hers
        assert (await gql(PRIVACY, {"a": "NOBODY"}, token=alice.token))["data"]["profileUpdate"][
            "errors"
        ] == []
        assert await kinds_of(gql, bob.token) == [("WIN", "bob")]
        assert len(await kinds_of(gql, alice.token, s="MINE")) == 3


async def test_a_big_purchase_threshold_is_an_admin_setting(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db: Database = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        async with db.transaction() as session:
            session.add(ConfigValue(key="profiles.big_purchase", value=10))
        await happen(db, "shop.purchase", alice.id, item_id=1, quantity=1, total=20)
        await relay(db)
        assert await kinds_of(gql, alice.token) == [("BIG_PURCHASE", "alice")]


async def test_reactions_toggle_from_the_allowed_set_on_items_one_can_see(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db: Database = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        carol = await factories.player(db, "carol", secret=settings.secret_key)
        await befriend(db, alice.id, bob.id)
        await happen(db, "progression.level_up", alice.id, level=5)
        await relay(db)
        [item] = (await gql(FEED, {}, token=alice.token))["data"]["feed"]

        async def react(token: str | None, emoji: str, ident: str = item["id"]) -> dict[str, Any]:
            body = await gql(REACT, {"i": ident, "e": emoji}, token=token)
            out: dict[str, Any] = body["data"]["feedReact"]
            return out

        assert (await react(bob.token, "🔥"))["item"]["reactions"] == [
            {"emoji": "🔥", "count": 1, "mine": True}
        ]
        both = (await react(alice.token, "🔥"))["item"]["reactions"]
        assert both == [{"emoji": "🔥", "count": 2, "mine": True}]
        assert (await react(bob.token, "🔥"))["item"]["reactions"] == [
            {"emoji": "🔥", "count": 1, "mine": False}
        ]
        before = await snapshot(db)
        for token, emoji, ident, code in (
            (bob.token, "💩", item["id"], "INVALID_EMOJI"),
            (bob.token, "🔥", "999999", "UNKNOWN_FEED_ITEM"),
            (bob.token, "🔥", "x", "UNKNOWN_FEED_ITEM"),
        ):
            refused = await react(token, emoji, ident)
            assert refused["item"] is None and [e["code"] for e in refused["errors"]] == [code]
        # alice's activity is for everyone by default: carol, not a friend, may react; with FRIENDS she may not
        assert changed(before, await snapshot(db)) == {}
        assert (await react(carol.token, "👍"))["errors"] == []
        await gql(PRIVACY, {"a": "FRIENDS"}, token=alice.token)
        before = await snapshot(db)
        assert [e["code"] for e in (await react(carol.token, "👍"))["errors"]] == ["UNKNOWN_FEED_ITEM"]
        assert changed(before, await snapshot(db)) == {}


async def test_feed_updated_pushes_a_friends_new_item_live(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    from tests.events.test_subscriptions import (
        http_client,
        make_admin_via,
        receive,
        subscribe,
        wait_subscribed,
        ws_session,
    )

    server = live_server_factory(make_settings(tmp_path, database_url))
    run_relay = 'mutation { adminJobRun(input: {name: "outbox_relay"}) { errors { code } } }'
    updated = "subscription { feedUpdated { kind level user { username } reactions { emoji count } } }"
    async with http_client(server) as gql:
        admin = await make_admin_via(gql, database_url)
        alice_token, alice_id = await gql.register("alice")
        _, bob_id = await gql.register("bob")
        db = Database(database_url)
        try:
            await befriend(db, alice_id, bob_id)
            async with ws_session(server, {"authorization": f"Bearer {alice_token}"}) as ws:
                await subscribe(ws, updated)
                await wait_subscribed(server, alice_id)
                # When bob levels up and the consumers run
                await happen(db, "progression.level_up", bob_id, level=7)
                assert (await gql(run_relay, token=admin))["data"]["adminJobRun"]["errors"] == []
                pushed = (await receive(ws))["payload"]["data"]["feedUpdated"]
        finally:
            await db.dispose()
    # Then alice, his friend, saw it at once
    assert pushed == {"kind": "LEVEL_UP", "level": 7, "user": {"username": "bob"}, "reactions": []}


async def test_the_feed_costs_the_same_statements_for_two_or_ten_items(settings: Settings) -> None:
    from tests.server.support import count_statements

    query = "{ feed(first: 50) { id user { username } reactions { emoji count mine } } }"
    async with running(settings) as (app, gql):
        db: Database = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        mates = await factories.players(db, *(f"mate{n}" for n in range(10)))
        for mate in mates:
            await befriend(db, alice.id, mate.id)

        async def counted() -> tuple[int, int]:
            with count_statements(db) as seen:
                body = await gql(query, token=alice.token)
            return len(seen), len(body["data"]["feed"])

        for mate in mates[:2]:
            await happen(db, "progression.level_up", mate.id, level=2)
        await relay(db)
        two = await counted()
        for mate in mates[2:]:
            await happen(db, "progression.level_up", mate.id, level=2)
        await relay(db)
        ten = await counted()
    assert (two[1], ten[1]) == (2, 10)
    assert two[0] == ten[0], (two, ten)
