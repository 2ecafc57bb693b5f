"""Every refusal of the tournament mutations: its exact code and field, and a snapshot proving that
nothing changed anywhere. Also a repeated join with its idempotency key."""

from __future__ import annotations

from typing import Any

from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot
from tests.tournaments.support import (
    BAN,
    CANCEL,
    CREATE,
    JOIN,
    LEAVE,
    REPORT,
    START,
    arena,
    codes,
    created,
    joined_all,
    one,
    play_out,
)


async def test_refusals_name_their_code_and_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db, secret = app.state.services.db, settings.secret_key
        m = await arena(db, secret, count=5)
        ann, ben, cid, dan, eve = m.players
        poor = await factories.player(db, "poor", secret=secret)
        duo = await created(gql, m.moderator, max=2)
        trio = await created(gql, m.moderator, name="Trio", max=3, fee="0")
        high = await created(gql, m.moderator, name="Pros", level=3)
        assert (await gql(BAN, {"u": eve.id}, token=m.moderator.token))["data"]["tournamentBan"][
            "banned"
        ] is True
        await joined_all(gql, duo["id"], [ann])
        await joined_all(gql, trio["id"], [ann, ben, cid])

        async def refused(query: str, variables: dict[str, Any], who: factories.Player, field: str) -> Any:
            before = await snapshot(db)
            body = await gql(query, variables, token=who.token)
            assert changed(before, await snapshot(db)) == {}
            return codes(body["data"][field])

        create = {"name": "X", "format": "SINGLE_ELIMINATION", "fee": "1", "max": 4}
        assert await refused(CREATE, create | {"bonus": "5"}, m.moderator, "tournamentCreate") == [
            ("BONUS_ADMIN_ONLY", "prizeBonus")
        ]
        assert await refused(CREATE, create | {"max": 1}, m.moderator, "tournamentCreate") == [
            ("INVALID_MAX_PLAYERS", "maxPlayers")
        ]
        assert await refused(
            CREATE, create | {"format": "DOUBLE_ELIMINATION", "max": 2}, m.admin, "tournamentCreate"
        ) == [("INVALID_MAX_PLAYERS", "maxPlayers")]
        assert await refused(CREATE, create | {"name": "  "}, m.moderator, "tournamentCreate") == [
            ("INVALID_NAME", "name")
        ]
        assert await refused(CREATE, create | {"fee": "-1"}, m.moderator, "tournamentCreate") == [
            ("INVALID_AMOUNT", "entryFee")
        ]
        before = await snapshot(db)
        forbidden = await gql(CREATE, create, token=ann.token, expect_errors=True)
        assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert changed(before, await snapshot(db)) == {}

        assert await refused(JOIN, {"id": "999999"}, ann, "tournamentJoin") == [
            ("UNKNOWN_TOURNAMENT", "tournamentId")
        ]
        assert await refused(JOIN, {"id": duo["id"]}, ann, "tournamentJoin") == [
            ("ALREADY_JOINED", "tournamentId")
        ]
        assert await refused(JOIN, {"id": duo["id"]}, poor, "tournamentJoin") == [
            ("INSUFFICIENT_FUNDS", "tournamentId")
        ]
        assert await refused(JOIN, {"id": duo["id"]}, eve, "tournamentJoin") == [("BANNED", "tournamentId")]
        assert await refused(JOIN, {"id": high["id"]}, ben, "tournamentJoin") == [
            ("LEVEL_TOO_LOW", "tournamentId")
        ]
        await joined_all(gql, duo["id"], [ben])
        assert await refused(JOIN, {"id": duo["id"]}, cid, "tournamentJoin") == [
            ("TOURNAMENT_FULL", "tournamentId")
        ]
        assert await refused(LEAVE, {"id": duo["id"]}, cid, "tournamentLeave") == [
            ("NOT_JOINED", "tournamentId")
        ]
        assert await refused(START, {"id": high["id"]}, m.moderator, "tournamentStart") == [
            ("NOT_ENOUGH_PLAYERS", "tournamentId")
        ]
        before = await snapshot(db)
        forbidden = await gql(START, {"id": duo["id"]}, token=ann.token, expect_errors=True)
        assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert changed(before, await snapshot(db)) == {}

        # Once the trio runs: registration is closed, results come from the match's players
        await gql(START, {"id": trio["id"]}, token=m.moderator.token)
        assert await refused(JOIN, {"id": trio["id"]}, dan, "tournamentJoin") == [
            ("NOT_REGISTERING", "tournamentId")
        ]
        assert await refused(LEAVE, {"id": trio["id"]}, ann, "tournamentLeave") == [
            ("NOT_REGISTERING", "tournamentId")
        ]
        assert await refused(START, {"id": trio["id"]}, m.moderator, "tournamentStart") == [
            ("NOT_REGISTERING", "tournamentId")
        ]
        matches = (await one(gql, trio["id"]))["matches"]
        ready = next(x for x in matches if x["status"] == "READY")
        pending = next(x for x in matches if x["status"] == "PENDING")
        done = next(x for x in matches if x["status"] == "DONE")
        players = [p["id"] for p in ready["players"]]
        outsider = next(p for p in (ann, ben, cid) if str(p.id) not in players)
        report = "tournamentReportResult"
        assert await refused(REPORT, {"m": ready["id"], "w": players[0]}, outsider, report) == [
            ("NOT_IN_MATCH", "matchId")
        ]
        assert await refused(REPORT, {"m": ready["id"], "w": outsider.id}, m.by_id(players[0]), report) == [
            ("INVALID_WINNER", "winnerId")
        ]
        assert await refused(REPORT, {"m": pending["id"], "w": players[0]}, m.moderator, report) == [
            ("MATCH_NOT_READY", "matchId")
        ]
        assert await refused(
            REPORT, {"m": done["id"], "w": done["players"][0]["id"]}, m.moderator, report
        ) == [("MATCH_DECIDED", "matchId")]
        assert await refused(REPORT, {"m": "999999", "w": players[0]}, m.moderator, report) == [
            ("UNKNOWN_MATCH", "matchId")
        ]
        await play_out(gql, m, trio["id"])
        assert await refused(REPORT, {"m": ready["id"], "w": players[0]}, m.moderator, report) == [
            ("NOT_RUNNING", "matchId")
        ]
        assert await refused(CANCEL, {"id": trio["id"]}, m.admin, "tournamentCancel") == [
            ("TOURNAMENT_OVER", "tournamentId")
        ]


async def test_a_repeated_join_with_its_key_pays_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db, secret = app.state.services.db, settings.secret_key
        m = await arena(db, secret, count=1)
        t = await created(gql, m.moderator)
        first = await gql(JOIN, {"id": t["id"], "key": "join-1"}, token=m.players[0].token)
        assert first["data"]["tournamentJoin"]["errors"] == []
        before = await snapshot(db)
        again = await gql(JOIN, {"id": t["id"], "key": "join-1"}, token=m.players[0].token)
        assert again["data"]["tournamentJoin"]["errors"] == []
        assert again["data"]["tournamentJoin"]["tournament"]["playerCount"] == 1
        assert changed(before, await snapshot(db)) == {}
        assert await factories.balance(db, m.players[0]) == 90
