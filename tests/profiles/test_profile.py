"""Profiles: editing (each refusal with its code, changing nothing), privacy per viewer, badges,
featured achievements reused from the achievements domain."""

from __future__ import annotations

from typing import Any

import pytest

from server.settings import Settings
from tests import factories
from tests.profiles.support import befriend
from tests.server.support import running, set_role
from tests.snapshot import changed, snapshot

UPDATE = """mutation($i: ProfileUpdateInput!) { profileUpdate(input: $i) {
  profile { bio links { site url handle } privacy { balance activity friends } }
  errors { code field message } } }"""
PROFILE = """query($u: String!) { profile(username: $u) {
  username bio avatarUrl badges balance friends { username } links { site url }
  featuredAchievements { key } stats { level xp achievementsUnlocked friendCount }
  privacy { balance activity friends } activity { kind } } }"""


async def test_a_player_edits_bio_links_and_privacy_and_others_see_the_bio(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=70, secret=settings.secret_key)
        links = [
            {"site": "GITHUB", "value": "@alice"},
            {"site": "TELEGRAM", "value": "https://t.me/alice_tg"},
        ]
        body = await gql(UPDATE, {"i": {"bio": "  Hi, I play chess.  ", "links": links}}, token=alice.token)
        payload = body["data"]["profileUpdate"]
        assert payload["errors"] == []
        assert payload["profile"]["bio"] == "Hi, I play chess."
        assert payload["profile"]["links"] == [
            {"site": "GITHUB", "url": "https://github.com/alice", "handle": "alice"},
            {"site": "TELEGRAM", "url": "https://t.me/alice_tg", "handle": None},
        ]
        # an anonymous reader sees the bio, the links and the stats, but not the balance (FRIENDS by default)
        shown = (await gql(PROFILE, {"u": "Alice"}))["data"]["profile"]
        assert shown["bio"] == "Hi, I play chess." and shown["balance"] is None
        assert shown["stats"] == {"level": 1, "xp": 0, "achievementsUnlocked": 0, "friendCount": 0}
        assert shown["privacy"] == {"balance": "FRIENDS", "activity": "EVERYONE", "friends": "EVERYONE"}
        assert shown["avatarUrl"] is None and shown["friends"] == [] and shown["activity"] == []
        assert (await gql(PROFILE, {"u": "nobody"}))["data"]["profile"] is None
        # her own view shows the balance; an empty bio clears it and leaves the links
        mine = (await gql(PROFILE, {"u": "alice"}, token=alice.token))["data"]["profile"]
        assert mine["balance"] == 70
        cleared = await gql(UPDATE, {"i": {"bio": ""}}, token=alice.token)
        assert cleared["data"]["profileUpdate"]["profile"]["bio"] is None
        assert len(cleared["data"]["profileUpdate"]["profile"]["links"]) == 2


REFUSALS: list[tuple[dict[str, Any], str, str]] = [
    ({"bio": "x" * 281}, "BIO_TOO_LONG", "bio"),
    ({"bio": "bell\x07"}, "INVALID_BIO", "bio"),
    ({"links": [{"site": "GITHUB", "value": "http://github.com/a"}]}, "INVALID_LINK", "links.0"),
    ({"links": [{"site": "GITHUB", "value": "https://evil.example/github.com"}]}, "INVALID_LINK", "links.0"),
    ({"links": [{"site": "X", "value": "https://user:pw@x.com/a"}]}, "INVALID_LINK", "links.0"),
    ({"links": [{"site": "VK", "value": "javascript:alert(1)"}]}, "INVALID_LINK", "links.0"),
    (
        {"links": [{"site": "VK", "value": "@same"}, {"site": "VK", "value": "https://vk.com/same"}]},
        "INVALID_LINK",
        "links",
    ),
    ({"links": [{"site": "GITHUB", "value": f"@user{n}"} for n in range(6)]}, "TOO_MANY_LINKS", "links"),
    ({"bio": "fine", "links": [{"site": "STEAM", "value": "not a handle!"}]}, "INVALID_LINK", "links.0"),
]


@pytest.mark.parametrize(("given", "code", "field"), REFUSALS)
async def test_a_refused_edit_names_its_code_and_changes_nothing(
    settings: Settings, given: dict[str, Any], code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        assert (await gql(UPDATE, {"i": {"bio": "before"}}, token=alice.token))["data"]["profileUpdate"][
            "errors"
        ] == []
        before = await snapshot(db)
        body = await gql(UPDATE, {"i": given}, token=alice.token)
        assert body["data"]["profileUpdate"]["profile"] is None
        [error] = body["data"]["profileUpdate"]["errors"]
        assert (error["code"], error["field"]) == (code, field)
        assert changed(before, await snapshot(db)) == {}


async def test_an_anonymous_caller_may_not_edit(settings: Settings) -> None:
    async with running(settings) as (_, gql):
        body = await gql(UPDATE, {"i": {"bio": "x"}}, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_privacy_guards_balance_friends_and_activity_per_viewer(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=40, secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        carol = await factories.player(db, "carol", secret=settings.secret_key)
        await befriend(db, alice.id, bob.id)

        async def seen(token: str | None) -> dict[str, Any]:
            body = await gql(PROFILE, {"u": "alice"}, token=token)
            found: dict[str, Any] = body["data"]["profile"]
            return {k: found[k] for k in ("balance", "friends", "activity")}

        # defaults: balance to friends, friends and activity to everyone
        assert await seen(bob.token) == {"balance": 40, "friends": [{"username": "bob"}], "activity": []}
        assert await seen(carol.token) == {"balance": None, "friends": [{"username": "bob"}], "activity": []}
        privacy = {"balance": "EVERYONE", "friends": "FRIENDS", "activity": "NOBODY"}
        body = await gql(UPDATE, {"i": {"privacy": privacy}}, token=alice.token)
        assert body["data"]["profileUpdate"]["profile"]["privacy"] == privacy
        assert await seen(carol.token) == {"balance": 40, "friends": None, "activity": None}
        assert await seen(None) == {"balance": 40, "friends": None, "activity": None}
        assert await seen(bob.token) == {"balance": 40, "friends": [{"username": "bob"}], "activity": None}
        # only what is given changes
        await gql(UPDATE, {"i": {"privacy": {"balance": "NOBODY"}}}, token=alice.token)
        assert await seen(bob.token) == {"balance": None, "friends": [{"username": "bob"}], "activity": None}
        assert (await seen(alice.token))["balance"] == 40 and (await seen(alice.token))["activity"] == []


async def test_badges_come_from_role_the_coin_top_ten_and_featured_achievements_are_reused(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        mod = await factories.player(db, "mod", coins=500, secret=settings.secret_key)
        await set_role(db, mod.id, "moderator")
        await factories.player(db, "poor")
        shown = (await gql(PROFILE, {"u": "mod"}))["data"]["profile"]
        assert shown["badges"] == ["MODERATOR", "TOP_10_COINS"]
        assert (await gql(PROFILE, {"u": "poor"}))["data"]["profile"]["badges"] == []
        assert shown["featuredAchievements"] == []
