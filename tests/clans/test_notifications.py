"""What happens to a clan reaches its members through the one notification service, in their language."""

from __future__ import annotations

from server.settings import Settings
from tests import factories
from tests.clans.support import DECIDE, JOIN, KICK, LEAVE, ROLE, TRANSFER, UPDATE
from tests.server.support import running

NOTES = "{ notifications(first: 20) { edges { node { kind title body data } } } }"
CREATE = "mutation($n: String!) { clanCreate(input: {name: $n}) { clan { id } errors { code } } }"


async def test_members_hear_of_requests_joins_kicks_leaving_and_a_new_leader(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob, dan = await factories.players(db, "alice", "bob", "dan", secret=settings.secret_key)

        async def kinds(who: factories.Player) -> list[str]:
            body = await gql(NOTES, token=who.token)
            return [e["node"]["kind"] for e in reversed(body["data"]["notifications"]["edges"])]

        async def ok(doc: str, variables: dict[str, object], who: factories.Player) -> dict[str, object]:
            body = await gql(doc, variables, token=who.token)
            payload: dict[str, object] = next(iter(body["data"].values()))
            assert payload["errors"] == [], payload
            return payload

        cid = (await ok(CREATE, {"n": "Owls"}, alice))["clan"]["id"]  # type: ignore[index]
        await ok(JOIN, {"id": cid}, bob)
        await ok(ROLE, {"u": str(bob.id), "r": "OFFICER"}, alice)
        await ok(UPDATE, {"o": False}, alice)
        request = (await ok(JOIN, {"id": cid}, dan))["request"]["id"]  # type: ignore[index]
        # The leader and the officer are asked, each in their language
        ru = await gql(NOTES, token=bob.token, headers={"accept-language": "ru"})
        asked = ru["data"]["notifications"]["edges"][0]["node"]
        assert (asked["kind"], asked["title"]) == ("clan.join_request", "🏰 dan просится в клан Owls")
        assert asked["data"]["request_id"] == int(request)
        await ok(DECIDE, {"r": request, "a": True}, bob)
        await ok(KICK, {"u": str(dan.id)}, alice)
        await ok(TRANSFER, {"u": str(bob.id)}, alice)
        await ok(LEAVE, {}, alice)
        assert await kinds(alice) == ["clan.member_joined", "clan.join_request", "clan.member_joined"]
        assert await kinds(bob) == [
            "clan.join_request",
            "clan.member_joined",
            "clan.member_kicked",
            "clan.leader_changed",
            "clan.member_left",
        ]
        assert await kinds(dan) == ["clan.request_accepted", "clan.kicked"]
        en = (await gql(NOTES, token=dan.token))["data"]["notifications"]["edges"][0]["node"]
        assert (en["title"], en["body"]) == ("🏰 You were removed from Owls", "Removed by alice.")
