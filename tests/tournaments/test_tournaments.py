"""Tournaments through GraphQL: a whole single elimination of five with byes and prizes, a double
elimination, a round robin, disputes and moderators, leaving and cancelling with refunds."""

from __future__ import annotations

from collections import Counter
from typing import Any

from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.tournaments.support import (
    CANCEL,
    END,
    LEAVE,
    LIST,
    NOTES,
    REPORT,
    START,
    SUPPLY,
    arena,
    created,
    escrow_balance,
    faucet_balance,
    joined_all,
    one,
    play_out,
)


async def test_a_single_elimination_of_five_plays_out_with_byes_and_pays_50_30_20(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db, secret = app.state.services.db, settings.secret_key
        m = await arena(db, secret, count=5)
        ann, ben, cid, dan, eve = m.players
        # Given an admin's cup with a 10 coin fee and a 7 coin bonus, and five players in it
        t = await created(gql, m.admin, bonus="7")
        ident = t["id"]
        assert t["status"] == "REGISTRATION" and t["prizePool"] == 7 and t["matches"] == []
        assert await faucet_balance(db) == -7
        await joined_all(gql, ident, m.players)
        assert await escrow_balance(db, int(ident)) == 57
        assert await factories.balance(db, ann) == 90
        # When a moderator starts it
        started = (await gql(START, {"id": ident}, token=m.moderator.token))["data"]["tournamentStart"]
        assert started["errors"] == []
        t = started["tournament"]
        assert t["status"] == "RUNNING" and [e["seed"] for e in t["players"]] == [1, 2, 3, 4, 5]
        # Then the bracket is on 8: four first-round matches, three of them byes, then 2, then 1, and a bronze
        winners = [x for x in t["matches"] if x["bracket"] == "WINNERS"]
        assert Counter(x["round"] for x in winners) == {1: 4, 2: 2, 3: 1}
        first = [x for x in winners if x["round"] == 1]
        byes = [x for x in first if x["decidedBy"] == "BYE"]
        assert len(byes) == 3 and all(len(x["players"]) == 1 for x in byes)
        assert all(x["decidedBy"] != "BYE" for x in t["matches"] if x["round"] > 1)
        placed = [p["id"] for x in first for p in x["players"]]
        assert sorted(placed) == sorted(str(p.id) for p in m.players)
        real = next(x for x in first if len(x["players"]) == 2)
        assert {p["id"] for p in real["players"]} == {str(dan.id), str(eve.id)} and real["status"] == "READY"
        assert real["deadlineAt"] is not None
        second = [x for x in winners if x["round"] == 2]
        assert {p["id"] for p in second[1]["players"]} == {str(ben.id), str(cid.id)}
        assert second[1]["status"] == "READY" and second[0]["status"] == "PENDING"
        note = (await gql(NOTES, token=dan.token))["data"]["notifications"]["edges"][0]["node"]
        assert note["kind"] == "tournament.match_ready"
        # When every match is reported by both players, the better seed winning
        done = await play_out(gql, m, ident)
        # Then it is finished: ann first, ben second, cid third (bronze over dan)
        assert done["status"] == "FINISHED"
        final = next(x for x in done["matches"] if x["bracket"] == "WINNERS" and x["round"] == 3)
        assert final["winner"] == {"id": str(ann.id)}
        places = {e["user"]["id"]: (e["place"], e["prize"]) for e in done["players"]}
        # 57: 28 + 17 + 11 = 56, the remainder to the winner
        assert (
            places[str(ann.id)] == (1, 29)
            and places[str(ben.id)] == (2, 17)
            and places[str(cid.id)] == (3, 11)
        )
        assert places[str(dan.id)] == (None, 0) and places[str(eve.id)] == (None, 0)
        assert sum(prize for _, prize in places.values()) == 57
        assert [await factories.balance(db, p) for p in m.players] == [119, 107, 101, 90, 90]
        assert await escrow_balance(db, int(ident)) == 0
        kinds = [
            e["node"]["kind"] for e in (await gql(NOTES, token=ann.token))["data"]["notifications"]["edges"]
        ]
        assert kinds[0] == "tournament.prize"
        supply = (await gql(SUPPLY, token=m.admin.token))["data"]["adminEconomySupply"]
        assert all(row["balanced"] and row["escrow"] == 0 for row in supply)
        listed = (await gql(LIST, {"status": "FINISHED"}))["data"]["tournaments"]["edges"]
        assert [e["node"]["id"] for e in listed] == [ident]


async def test_a_double_elimination_sends_losers_down_and_ends_with_a_grand_final(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db, secret = app.state.services.db, settings.secret_key
        m = await arena(db, secret, count=4)
        ann, ben, cid, dan = m.players
        t = await created(gql, m.moderator, format="DOUBLE_ELIMINATION", fee="20")
        await joined_all(gql, t["id"], m.players)
        started = (await gql(START, {"id": t["id"]}, token=m.moderator.token))["data"]["tournamentStart"]
        brackets = Counter((x["bracket"], x["round"]) for x in started["tournament"]["matches"])
        assert brackets == {
            ("WINNERS", 1): 2,
            ("WINNERS", 2): 1,
            ("LOSERS", 1): 1,
            ("LOSERS", 2): 1,
            ("FINAL", 1): 1,
        }

        # The lower seed wins every match it can: dan (seed 4) comes through the losers' bracket
        def upset(match: dict[str, Any], seeds: dict[str, int]) -> str:
            return str(max((p["id"] for p in match["players"]), key=lambda i: seeds[i]))

        done = await play_out(gql, m, t["id"], upset)
        assert done["status"] == "FINISHED"
        grand = next(x for x in done["matches"] if x["bracket"] == "FINAL")
        assert len(grand["players"]) == 2 and grand["winner"] is not None
        losers_final = next(x for x in done["matches"] if x["bracket"] == "LOSERS" and x["round"] == 2)
        # Every player but the champion lost twice, or is the runner-up of the grand final
        losses = Counter(
            p["id"]
            for x in done["matches"]
            if x["winner"] is not None and len(x["players"]) == 2
            for p in x["players"]
            if p["id"] != x["winner"]["id"]
        )
        champion = grand["winner"]["id"]
        assert losses[champion] <= 1
        assert all(
            losses[str(p.id)] == 2
            for p in m.players
            if str(p.id) not in {champion, *[q["id"] for q in grand["players"]]}
        )
        places = {e["place"]: (e["user"]["id"], e["prize"]) for e in done["players"] if e["place"]}
        assert places[1][0] == champion and places[3][0] != losers_final["winner"]["id"]
        assert [places[i][1] for i in (1, 2, 3)] == [40, 24, 16]
        assert await escrow_balance(db, int(t["id"])) == 0
        assert sum([await factories.balance(db, p) for p in (ann, ben, cid, dan)]) == 400


async def test_a_round_robin_pairs_everyone_once_and_ranks_by_wins(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db, secret = app.state.services.db, settings.secret_key
        m = await arena(db, secret, count=5)
        t = await created(gql, m.moderator, format="ROUND_ROBIN", fee="1")
        await joined_all(gql, t["id"], m.players)
        started = (await gql(START, {"id": t["id"]}, token=m.moderator.token))["data"]["tournamentStart"]
        matches = started["tournament"]["matches"]
        pairs = [frozenset(p["id"] for p in x["players"]) for x in matches]
        assert len(pairs) == 10 and len(set(pairs)) == 10
        assert all(x["status"] == "READY" and x["bracket"] == "LEAGUE" for x in matches)
        done = await play_out(gql, m, t["id"])
        assert done["status"] == "FINISHED"
        ranked = sorted(done["players"], key=lambda e: e["place"])
        assert [e["user"]["id"] for e in ranked] == [str(p.id) for p in m.players]
        # 5: 2 + 1 + 1 = 4, the remainder to the winner
        assert [e["prize"] for e in ranked] == [3, 1, 1, 0, 0]
        assert await escrow_balance(db, int(t["id"])) == 0


async def test_disagreeing_reports_make_a_dispute_that_a_moderator_decides(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db, secret = app.state.services.db, settings.secret_key
        m = await arena(db, secret, count=2)
        ann, ben = m.players
        t = await created(gql, m.moderator, fee="0")
        await joined_all(gql, t["id"], m.players)
        started = (await gql(START, {"id": t["id"]}, token=m.moderator.token))["data"]["tournamentStart"]
        match = started["tournament"]["matches"][0]
        first = (await gql(REPORT, {"m": match["id"], "w": ann.id}, token=ann.token))["data"]
        assert first["tournamentReportResult"]["match"]["status"] == "READY"
        second = (await gql(REPORT, {"m": match["id"], "w": ben.id}, token=ben.token))["data"]
        assert second["tournamentReportResult"]["match"]["status"] == "DISPUTED"
        kinds = [
            e["node"]["kind"] for e in (await gql(NOTES, token=ann.token))["data"]["notifications"]["edges"]
        ]
        assert kinds[0] == "tournament.disputed"
        decided = (await gql(REPORT, {"m": match["id"], "w": ben.id}, token=m.moderator.token))["data"]
        payload = decided["tournamentReportResult"]
        assert payload["errors"] == [] and payload["match"]["decidedBy"] == "MODERATOR"
        assert (
            payload["match"]["winner"] == {"id": str(ben.id)}
            and payload["tournament"]["status"] == "FINISHED"
        )


async def test_leaving_refunds_and_cancelling_refunds_everyone_and_returns_the_bonus(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db, secret = app.state.services.db, settings.secret_key
        m = await arena(db, secret, count=4)
        t = await created(gql, m.admin, fee="25", bonus="30")
        await joined_all(gql, t["id"], m.players)
        left = (await gql(LEAVE, {"id": t["id"]}, token=m.players[3].token))["data"]["tournamentLeave"]
        assert left["errors"] == [] and left["tournament"]["playerCount"] == 3
        assert await factories.balance(db, m.players[3]) == 100
        await gql(START, {"id": t["id"]}, token=m.moderator.token)
        match = next(x for x in (await one(gql, t["id"]))["matches"] if x["status"] == "READY")
        for p in match["players"]:
            await gql(
                REPORT, {"m": match["id"], "w": match["players"][0]["id"]}, token=m.by_id(p["id"]).token
            )
        assert await escrow_balance(db, int(t["id"])) == 105
        cancelled = (await gql(CANCEL, {"id": t["id"]}, token=m.admin.token))["data"]["tournamentCancel"]
        assert cancelled["errors"] == [] and cancelled["tournament"]["status"] == "CANCELLED"
        assert [await factories.balance(db, p) for p in m.players] == [100, 100, 100, 100]
        assert await escrow_balance(db, int(t["id"])) == 0 and await faucet_balance(db) == 0
        kinds = [
            e["node"]["kind"]
            for e in (await gql(NOTES, token=m.players[0].token))["data"]["notifications"]["edges"]
        ]
        assert kinds[0] == "tournament.cancelled"


async def test_an_admin_ends_a_running_tournament_and_the_prizes_are_paid(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db, secret = app.state.services.db, settings.secret_key
        m = await arena(db, secret, count=6)
        t = await created(gql, m.moderator, format="DOUBLE_ELIMINATION", fee="10")
        await joined_all(gql, t["id"], m.players)
        await gql(START, {"id": t["id"]}, token=m.moderator.token)
        ended = (await gql(END, {"id": t["id"]}, token=m.admin.token))["data"]["tournamentEnd"]
        assert ended["errors"] == [] and ended["tournament"]["status"] == "FINISHED"
        assert all(x["status"] == "DONE" for x in ended["tournament"]["matches"])
        prizes = sorted((e["prize"] for e in ended["tournament"]["players"]), reverse=True)
        assert prizes[:3] == [30, 18, 12] and sum(prizes) == 60
        assert await escrow_balance(db, int(t["id"])) == 0
