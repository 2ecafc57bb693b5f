"""Clans: create (unique names, any case), join open clans at once or closed ones by request, leave,
kick, roles, leadership transfer; at most 50 members even under concurrent joins."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update
from sqlmodel import col

from db.engine import Database
from db.models import Event
from db.models.clans import Clan, ClanMember
from resolvers.clans import membership
from resolvers.errors import DomainError
from server.settings import Settings
from tests import factories
from tests.clans.support import (
    CLAN,
    CREATE,
    DECIDE,
    JOIN,
    KICK,
    LEAVE,
    MY_CLAN,
    ROLE,
    TRANSFER,
    UPDATE,
    clan_of,
)
from tests.server.support import running
from tests.snapshot import changed, snapshot

_round = itertools.count()


async def kinds(db: Database, clan_id: int) -> list[str]:
    async with db.reader() as session:
        rows = await session.execute(
            select(col(Event.kind)).where(col(Event.subject) == f"clan:{clan_id}").order_by(col(Event.id))
        )
        return list(rows.scalars().all())


async def test_a_player_founds_a_clan_others_join_and_leave(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob = await factories.players(db, "alice", "bob", secret=settings.secret_key)
        # When alice founds "Night Owls", she leads it and it is open
        made = (await gql(CREATE, {"name": "  Night   Owls "}, token=alice.token))["data"]["clanCreate"]
        assert made["errors"] == []
        clan = made["clan"]
        assert clan | {"id": 0} == {
            "id": 0,
            "name": "Night Owls",
            "open": True,
            "memberCount": 1,
            "treasury": 0,
            "leader": {"username": "alice"},
        }
        # And bob joins at once
        joined = (await gql(JOIN, {"id": clan["id"]}, token=bob.token))["data"]["clanJoin"]
        assert joined == {"clan": {"id": clan["id"], "memberCount": 2}, "request": None, "errors": []}
        shown = (await gql(CLAN, {"id": clan["id"]}, token=bob.token))["data"]["clan"]
        assert shown["memberCount"] == 2 and shown["treasury"] == 0
        assert shown["members"] == [
            {"user": {"username": "alice"}, "role": "LEADER"},
            {"user": {"username": "bob"}, "role": "MEMBER"},
        ]
        assert (await gql(MY_CLAN, token=bob.token))["data"]["myClan"]["name"] == "Night Owls"
        # Then bob leaves; alice, alone, leaves too and the clan is disbanded
        left = (await gql(LEAVE, token=bob.token))["data"]["clanLeave"]
        assert left == {"clan": {"id": clan["id"], "memberCount": 1}, "errors": []}
        assert (await gql(MY_CLAN, token=bob.token))["data"]["myClan"] is None
        assert (await gql(LEAVE, token=alice.token))["data"]["clanLeave"] == {"clan": None, "errors": []}
        assert (await gql(CLAN, {"id": clan["id"]}, token=bob.token))["data"]["clan"] is None
        assert await kinds(db, int(clan["id"])) == [
            "clan.created",
            "clan.joined",
            "clan.left",
            "clan.left",
            "clan.disbanded",
        ]


async def test_a_closed_clan_takes_requests_that_an_officer_decides(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, carol, dan = await factories.players(
            db, "alice", "bob", "carol", "dan", secret=settings.secret_key
        )
        cid = await clan_of(db, alice, "Owls", bob)
        assert (await gql(UPDATE, {"o": False}, token=alice.token))["data"]["clanUpdate"]["clan"] == {
            "open": False
        }
        assert (await gql(ROLE, {"u": str(bob.id), "r": "OFFICER"}, token=alice.token))["data"][
            "clanRoleSet"
        ]["errors"] == []
        # When carol and dan ask to join, they are not members yet
        asked = (await gql(JOIN, {"id": str(cid)}, token=carol.token))["data"]["clanJoin"]
        assert asked["errors"] == [] and asked["request"]["user"] == {"username": "carol"}
        assert asked["clan"]["memberCount"] == 2
        dan_asked = (await gql(JOIN, {"id": str(cid)}, token=dan.token))["data"]["clanJoin"]
        again = (await gql(JOIN, {"id": str(cid)}, token=carol.token))["data"]["clanJoin"]
        assert again["errors"] == [{"code": "ALREADY_REQUESTED", "field": "clanId"}]
        listed = (await gql(MY_CLAN, token=bob.token))["data"]["clanRequests"]
        assert [r["user"]["username"] for r in listed] == ["carol", "dan"]
        assert (await gql(MY_CLAN, token=carol.token))["data"]["clanRequests"] == []
        # Then the officer accepts carol and declines dan
        ok = await gql(DECIDE, {"r": asked["request"]["id"], "a": True}, token=bob.token)
        assert ok["data"]["clanRequestDecide"] == {"clan": {"memberCount": 3}, "errors": []}
        no = await gql(DECIDE, {"r": dan_asked["request"]["id"], "a": False}, token=bob.token)
        assert no["data"]["clanRequestDecide"] == {"clan": {"memberCount": 3}, "errors": []}
        assert (await gql(MY_CLAN, token=dan.token))["data"]["myClan"] is None
        assert (await gql(MY_CLAN, token=bob.token))["data"]["clanRequests"] == []


async def test_kick_roles_and_leadership_transfer(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, carol = await factories.players(db, "alice", "bob", "carol", secret=settings.secret_key)
        cid = await clan_of(db, alice, "Owls", bob, carol)
        await gql(ROLE, {"u": str(bob.id), "r": "OFFICER"}, token=alice.token)
        # An officer kicks a member
        kicked = await gql(KICK, {"u": str(carol.id)}, token=bob.token)
        assert kicked["data"]["clanKick"] == {"clan": {"memberCount": 2}, "errors": []}
        # The leader hands over to bob and becomes an officer
        moved = (await gql(TRANSFER, {"u": str(bob.id)}, token=alice.token))["data"]["clanLeaderTransfer"]
        assert moved["errors"] == [] and moved["clan"]["leader"] == {"username": "bob"}
        assert {m["user"]["username"]: m["role"] for m in moved["clan"]["members"]} == {
            "alice": "OFFICER",
            "bob": "LEADER",
        }
        # Now alice may leave (she no longer leads)
        assert (await gql(LEAVE, token=alice.token))["data"]["clanLeave"]["errors"] == []
        assert (await kinds(db, cid))[-3:] == ["clan.kicked", "clan.leader_changed", "clan.left"]


async def test_names_are_unique_whatever_their_case(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob = await factories.players(db, "alice", "bob", secret=settings.secret_key)
        await clan_of(db, alice, "Night Owls")
        before = await snapshot(db)
        body = await gql(CREATE, {"name": "NIGHT owls"}, token=bob.token)
        assert body["data"]["clanCreate"] == {
            "clan": None,
            "errors": [{"code": "NAME_TAKEN", "field": "name"}],
        }
        assert changed(before, await snapshot(db)) == {}


REFUSALS: list[tuple[str, str, str, dict[str, Any], str, str | None]] = [
    # (who acts, mutation, payload field, variables, code, field)
    ("dan", CREATE, "clanCreate", {"name": "ab"}, "INVALID_NAME", "name"),
    ("dan", CREATE, "clanCreate", {"name": "x" * 33}, "INVALID_NAME", "name"),
    ("bob", CREATE, "clanCreate", {"name": "Other"}, "ALREADY_IN_CLAN", None),
    ("dan", JOIN, "clanJoin", {"id": "999999"}, "UNKNOWN_CLAN", "clanId"),
    ("dan", JOIN, "clanJoin", {"id": "nope"}, "UNKNOWN_CLAN", "clanId"),
    ("bob", JOIN, "clanJoin", {"id": "owls"}, "ALREADY_IN_CLAN", None),
    ("erin", JOIN, "clanJoin", {"id": "owls"}, "ALREADY_IN_CLAN", None),
    ("dan", LEAVE, "clanLeave", {}, "NOT_IN_CLAN", None),
    ("alice", LEAVE, "clanLeave", {}, "LEADER_MUST_TRANSFER", None),
    ("carol", KICK, "clanKick", {"u": "bob"}, "NOT_ALLOWED", "userId"),
    ("bob", KICK, "clanKick", {"u": "alice"}, "NOT_ALLOWED", "userId"),
    ("alice", KICK, "clanKick", {"u": "erin"}, "NOT_A_MEMBER", "userId"),
    ("dan", KICK, "clanKick", {"u": "bob"}, "NOT_IN_CLAN", None),
    ("bob", ROLE, "clanRoleSet", {"u": "carol", "r": "OFFICER"}, "NOT_ALLOWED", "userId"),
    ("alice", ROLE, "clanRoleSet", {"u": "alice", "r": "MEMBER"}, "INVALID_ROLE", "role"),
    ("alice", ROLE, "clanRoleSet", {"u": "carol", "r": "LEADER"}, "INVALID_ROLE", "role"),
    ("bob", TRANSFER, "clanLeaderTransfer", {"u": "carol"}, "NOT_ALLOWED", "userId"),
    ("alice", TRANSFER, "clanLeaderTransfer", {"u": "alice"}, "INVALID_ROLE", "userId"),
    ("alice", TRANSFER, "clanLeaderTransfer", {"u": "dan"}, "NOT_A_MEMBER", "userId"),
    ("carol", UPDATE, "clanUpdate", {"o": False}, "NOT_ALLOWED", "open"),
    ("carol", DECIDE, "clanRequestDecide", {"r": "request", "a": True}, "NOT_ALLOWED", "requestId"),
    ("alice", DECIDE, "clanRequestDecide", {"r": "999999", "a": True}, "UNKNOWN_REQUEST", "requestId"),
    ("dan", JOIN, "clanJoin", {"id": "full"}, "CLAN_FULL", "clanId"),
]


@pytest.mark.parametrize(("who", "doc", "name", "variables", "code", "field"), REFUSALS)
async def test_a_refusal_says_why_and_changes_nothing(
    settings: Settings, who: str, doc: str, name: str, variables: dict[str, Any], code: str, field: str | None
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        people = await factories.players(
            db, "alice", "bob", "carol", "dan", "erin", "fay", secret=settings.secret_key
        )
        by = {p.username: p for p in people}
        owls = await clan_of(db, by["alice"], "Owls", by["bob"], by["carol"])
        async with db.transaction() as session:
            await membership.set_role(
                session, actor_id=by["alice"].id, user_id=by["bob"].id, role="officer", clock=factories.CLOCK
            )
        # erin leads the open "Larks"; fay asks to join the closed "Owls"
        larks = await clan_of(db, by["erin"], "Larks")
        async with db.transaction() as session:
            await membership.set_open(session, actor_id=by["alice"].id, open=False, clock=factories.CLOCK)
            asked = await membership.join(session, actor_id=by["fay"].id, clan_id=owls, clock=factories.CLOCK)
            assert asked.request is not None
        if variables.get("r") == "request":
            variables = variables | {"r": str(asked.request.id)}
        if variables.get("id") == "owls":
            variables = {"id": str(owls)}
        if variables.get("id") == "full":
            async with db.transaction() as session:
                await session.execute(update(Clan).where(col(Clan.id) == larks).values(member_count=50))
            variables = {"id": str(larks)}
        if "u" in variables:
            variables = variables | {"u": str(by[variables["u"]].id)}
        before = await snapshot(db)
        body = await gql(doc, variables or None, token=by[who].token)
        payload = body["data"][name]
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
        assert payload["clan"] is None
        assert changed(before, await snapshot(db)) == {}


async def test_concurrent_joins_never_pass_fifty_members(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        names = [f"mem{i}" for i in range(membership.MAX_MEMBERS + 5)]
        people = await factories.players(db, *names, secret=settings.secret_key)
        cid = await clan_of(db, people[0], "Crowd", *people[1:46])
        # Given 46 members, when 9 players join at once, exactly 4 get in
        outcomes = await asyncio.gather(*(gql(JOIN, {"id": str(cid)}, token=p.token) for p in people[46:]))
        codes = sorted(tuple(e["code"] for e in o["data"]["clanJoin"]["errors"]) for o in outcomes)
        assert codes == [()] * 4 + [("CLAN_FULL",)] * 5
        async with db.reader() as session:
            assert await membership.count_members(session, cid) == membership.MAX_MEMBERS
            clan = await session.get(Clan, cid)
            assert clan is not None and clan.member_count == membership.MAX_MEMBERS


async def test_one_player_joining_two_clans_at_once_ends_in_one(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        a, b, c = await factories.players(db, "ann1", "ben1", "cat1", secret=settings.secret_key)
        one, two = await clan_of(db, a, "One"), await clan_of(db, b, "Two")
        outcomes = await asyncio.gather(
            gql(JOIN, {"id": str(one)}, token=c.token), gql(JOIN, {"id": str(two)}, token=c.token)
        )
        codes = sorted(tuple(e["code"] for e in o["data"]["clanJoin"]["errors"]) for o in outcomes)
        assert codes == [(), ("ALREADY_IN_CLAN",)]
        async with db.reader() as session:
            assert (
                await membership.count_members(session, one) + await membership.count_members(session, two)
                == 3
            )


STEP = st.tuples(st.sampled_from(["join", "leave", "kick"]), st.integers(0, 7), st.integers(0, 2))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, max_size=25), limit=st.integers(2, 4))
def test_membership_never_exceeds_the_limit_and_each_player_is_in_one_clan(
    database_url: str, steps: list[tuple[str, int, int]], limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Property: whatever joins, leaves and kicks are tried, no clan has more than its limit, each
    clan's counter equals its rows, and each player is in at most one clan (the limit is lowered so
    random sequences reach it)."""
    monkeypatch.setattr(membership, "MAX_MEMBERS", limit)

    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            people = await factories.players(db, *(f"h{n}p{i}" for i in range(8)))
            clans = [await clan_of(db, people[i], f"h{n}c{i}") for i in range(3)]
            for verb, who, which in steps:
                try:
                    async with db.transaction() as session:
                        actor = people[who].id
                        if verb == "join":
                            await membership.join(
                                session, actor_id=actor, clan_id=clans[which], clock=factories.CLOCK
                            )
                        elif verb == "leave":
                            await membership.leave(session, actor_id=actor, clock=factories.CLOCK)
                        else:
                            await membership.kick(
                                session, actor_id=people[which].id, user_id=actor, clock=factories.CLOCK
                            )
                except DomainError as exc:
                    assert exc.code in membership.ERRORS.all()
                async with db.reader() as session:
                    rows = (
                        (
                            await session.execute(
                                select(ClanMember).where(col(ClanMember.user_id).in_([p.id for p in people]))
                            )
                        )
                        .scalars()
                        .all()
                    )
                    per: dict[int, int] = {}
                    for row in rows:
                        per[row.clan_id] = per.get(row.clan_id, 0) + 1
                    assert all(v <= limit for v in per.values())
                    assert len({r.user_id for r in rows}) == len(rows)
                    for cid, count in per.items():
                        clan = await session.get(Clan, cid)
                        assert clan is not None and clan.member_count == count
                    query = select(func.count()).select_from(Clan).where(col(Clan.id).in_(clans))
                    assert int((await session.execute(query)).scalar_one()) >= len(per)
        finally:
            await db.dispose()

    asyncio.run(body())
