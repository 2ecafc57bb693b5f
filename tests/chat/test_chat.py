"""Chat through GraphQL: channels, masking, refusals with nothing changed, and who reads what."""

from __future__ import annotations

from typing import Any

from resolvers.chat import messages
from resolvers.clans import membership
from server.settings import Settings
from tests import factories
from tests.chat.support import MESSAGES, SEARCH, codes, send
from tests.server.support import running
from tests.snapshot import changed, snapshot


async def _clan(app: Any, leader: factories.Player, *members: factories.Player) -> int:
    async with app.state.services.db.transaction() as session:
        clan = await membership.create(session, actor_id=leader.id, name="Wolves", clock=factories.CLOCK)
        for member in members:
            await membership.join(session, actor_id=member.id, clan_id=clan.id, clock=factories.CLOCK)
    return int(clan.id or 0)


async def test_a_global_message_is_stored_masked_and_read_newest_first(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        ann, ben = await factories.players(app.state.services.db, "ann", "ben", secret=settings.secret_key)
        assert ann.token and ben.token
        first = await send(gql, ann.token, "global", "hello everyone")
        second = await send(gql, ann.token, "GLOBAL", "what the fuuuck, сука")
        assert first["errors"] == [] and second["errors"] == []
        assert first["message"]["channel"] == "global"
        assert first["message"]["author"] == {"username": "ann"}
        assert second["message"]["text"] == "what the ******, ****"
        read = (await gql(MESSAGES, {"c": "global", "n": 10}, token=ben.token))["data"]["chatMessages"]
        assert [m["text"] for m in read] == ["what the ******, ****", "hello everyone"]
        assert [m["author"]["username"] for m in read] == ["ann", "ann"]
        one = (await gql(MESSAGES, {"c": "global", "n": 1}, token=ben.token))["data"]["chatMessages"]
        assert [m["id"] for m in one] == [second["message"]["id"]]


async def test_refusals_name_their_code_and_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        ann, ben = await factories.players(db, "ann", "ben", secret=settings.secret_key)
        assert ann.token and ben.token
        cases = [
            ("global", "   ", "EMPTY", "text"),
            ("global", "x" * (messages.MAX_TEXT + 1), "TOO_LONG", "text"),
            ("lobby", "hi", "INVALID_CHANNEL", "channel"),
            ("dm:999999", "hi", "INVALID_CHANNEL", "channel"),
            (f"dm:{ann.id}", "hi", "INVALID_CHANNEL", "channel"),
            ("clan", "hi", "NOT_IN_CLAN", "channel"),
        ]
        for channel, text, code, field in cases:
            before = await snapshot(db)
            payload = await send(gql, ann.token, channel, text)
            assert codes(payload) == [code], (channel, payload)
            assert payload["errors"][0]["field"] == field and payload["message"] is None
            assert changed(before, await snapshot(db)) == {}


async def test_the_clan_channel_is_the_senders_clan_and_only_members_read_it(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        ann, ben, cat = await factories.players(db, "ann", "ben", "cat", secret=settings.secret_key)
        assert ann.token and ben.token and cat.token
        clan_id = await _clan(app, ann, ben)
        sent = await send(gql, ben.token, "clan", "meet at the gate")
        assert sent["errors"] == [] and sent["message"]["channel"] == "clan"
        read = (await gql(MESSAGES, {"c": "clan"}, token=ann.token))["data"]["chatMessages"]
        assert [m["text"] for m in read] == ["meet at the gate"]
        # An outsider neither reads the clan by its key nor finds its messages
        body = await gql(MESSAGES, {"c": f"clan:{clan_id}"}, token=cat.token, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert (await gql(SEARCH, {"q": "gate"}, token=cat.token))["data"]["chatSearch"] == []
        found = (await gql(SEARCH, {"q": "GATE"}, token=ann.token))["data"]["chatSearch"]
        assert [(m["text"], m["channel"]) for m in found] == [("meet at the gate", "clan")]
        # Global is not the clan's: a global message stays out of it
        await send(gql, cat.token, "global", "hi all")
        assert len((await gql(MESSAGES, {"c": "clan"}, token=ben.token))["data"]["chatMessages"]) == 1


async def test_a_private_channel_is_read_by_its_two_players_and_refused_when_blocked(
    settings: Settings,
) -> None:
    from resolvers import friends

    async with running(settings) as (app, gql):
        db = app.state.services.db
        ann, ben, cat = await factories.players(db, "ann", "ben", "cat", secret=settings.secret_key)
        assert ann.token and ben.token and cat.token
        sent = await send(gql, ann.token, f"dm:{ben.id}", "Привет, Бен")
        assert sent["errors"] == [] and sent["message"]["channel"] == f"dm:{ben.id}"
        read = (await gql(MESSAGES, {"c": f"dm:{ann.id}"}, token=ben.token))["data"]["chatMessages"]
        assert [(m["text"], m["channel"]) for m in read] == [("Привет, Бен", f"dm:{ann.id}")]
        low, high = sorted((ann.id, ben.id))
        body = await gql(MESSAGES, {"c": f"dm:{low}:{high}"}, token=cat.token, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert (await gql(MESSAGES, {"c": f"dm:{ann.id}"}, token=cat.token))["data"]["chatMessages"] == []
        found = (await gql(SEARCH, {"q": "привет"}, token=ben.token))["data"]["chatSearch"]
        assert [m["channel"] for m in found] == [f"dm:{ann.id}"]
        assert (await gql(SEARCH, {"q": "привет"}, token=cat.token))["data"]["chatSearch"] == []
        # When ben blocks ann, neither may write to the other
        async with db.transaction() as session:
            await friends.block(session, actor_id=ben.id, user_id=ann.id, clock=factories.CLOCK)
        for who, other in ((ann, ben), (ben, ann)):
            assert who.token
            before = await snapshot(db)
            payload = await send(gql, who.token, f"dm:{other.id}", "hello?")
            assert codes(payload) == ["BLOCKED"]
            assert changed(before, await snapshot(db)) == {}
        # Global still works for both
        assert (await send(gql, ann.token, "global", "fine"))["errors"] == []
