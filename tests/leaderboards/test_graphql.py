"""leaderboard(board, period, first) through GraphQL: ranks, the viewer, the clock, refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from resolvers.accounts import tokens
from server.settings import Settings
from tests import factories
from tests.conftest import make_settings
from tests.server.support import running

BOARD = """query($b: String!, $p: LeaderboardPeriod!, $n: Int) {
  leaderboard(board: $b, period: $p, first: $n) {
    periodKey entries { rank score user { username } } viewer { rank score } } }"""
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"


def rows(body: dict[str, Any]) -> list[tuple[int, str, int]]:
    return [(e["rank"], e["user"]["username"], e["score"]) for e in body["data"]["leaderboard"]["entries"]]


async def test_players_paid_different_amounts_are_ranked_and_see_their_own_rank(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        ann, ben, cat = await factories.players(db, "ann", "ben", "cat", secret=settings.secret_key)
        for who, amount in ((ann, 20), (ben, 70), (cat, 45)):
            await factories.grant(db, who, amount)
        for period in ("DAILY", "WEEKLY", "MONTHLY", "ALL_TIME"):
            body = await gql(BOARD, {"b": "coins", "p": period}, token=cat.token)
            assert rows(body) == [(1, "ben", 70), (2, "cat", 45), (3, "ann", 20)]
            assert body["data"]["leaderboard"]["viewer"] == {"rank": 2, "score": 45}
        # Anonymous callers see the board and no viewer; first limits the list and 1000 is capped
        anonymous = await gql(BOARD, {"b": "coins", "p": "ALL_TIME", "n": 1})
        assert rows(anonymous) == [(1, "ben", 70)] and anonymous["data"]["leaderboard"]["viewer"] is None
        assert len(rows(await gql(BOARD, {"b": "coins", "p": "ALL_TIME", "n": 1000}))) == 3


async def test_yesterdays_earnings_leave_daily_and_stay_weekly_in_the_same_week(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        ann, ben = await factories.players(db, "ann", "ben", secret=settings.secret_key)

        async def advance(seconds: int) -> None:
            token = tokens.issue_access_token(
                secret=settings.secret_key, user_id=boss.id, now=clock.now(), minutes=15
            )
            moved = await gql(ADVANCE, {"s": seconds}, token=token)
            assert moved["data"]["adminClockAdvance"]["errors"] == []

        async def board(period: str) -> list[tuple[int, str, int]]:
            return rows(await gql(BOARD, {"b": "coins", "p": period}))

        # Given the clock moved to the next Monday, 01:00 UTC, where ann earns 30 and ben 10
        now = clock.now()
        monday = (now + timedelta(days=7 - now.weekday())).replace(hour=1, minute=0, second=0, microsecond=0)
        await advance(int((monday - now).total_seconds()) + 1)
        await factories.grant(db, ann, 30, clock=clock)
        await factories.grant(db, ben, 10, clock=clock)
        assert await board("DAILY") == [(1, "ann", 30), (2, "ben", 10)]
        # When a day passes and ben earns 25 on Tuesday
        await advance(86400)
        await factories.grant(db, ben, 25, clock=clock)
        # Then today ranks ben alone; the week ranks ben 35 over ann 30; all time is held coins
        assert await board("DAILY") == [(1, "ben", 25)]
        moved = await gql('{ leaderboard(board: "coins", period: DAILY) { entries { previousRank } } }')
        assert moved["data"]["leaderboard"]["entries"] == [{"previousRank": 2}]
        assert await board("WEEKLY") == [(1, "ben", 35), (2, "ann", 30)]
        assert await board("ALL_TIME") == [(1, "ben", 35), (2, "ann", 30)]
        # And a week later the week is empty again
        await advance(7 * 86400)
        assert await board("WEEKLY") == []
        # And the past week is kept: asked for by a moment within it
        past = await gql(
            'query($at: DateTime!) { leaderboard(board: "coins", period: WEEKLY, at: $at) {'
            " periodKey entries { rank score user { username } } } }",
            {"at": (monday + timedelta(days=1)).isoformat()},
        )
        assert rows(past) == [(1, "ben", 35), (2, "ann", 30)]
        assert past["data"]["leaderboard"]["periodKey"] == f"WEEKLY:{monday.date().isoformat()}"
        future = await gql(
            'query($at: DateTime!) { leaderboard(board: "coins", period: DAILY, at: $at) { periodKey } }',
            {"at": (clock.now() + timedelta(days=2)).isoformat()},
            expect_errors=True,
        )
        assert future["errors"][0]["extensions"]["reason"] == "FUTURE_PERIOD"
        # A time without a zone is UTC (the fuzzer's find: it used to be an internal error)
        zoneless = await gql(
            'query($at: DateTime!) { leaderboard(board: "coins", period: WEEKLY, at: $at) { periodKey } }',
            {"at": (monday + timedelta(days=1)).replace(tzinfo=None).isoformat()},
        )
        assert zoneless["data"]["leaderboard"]["periodKey"] == f"WEEKLY:{monday.date().isoformat()}"
        token = tokens.issue_access_token(
            secret=settings.secret_key, user_id=ann.id, now=clock.now(), minutes=15
        )
        body = await gql(BOARD, {"b": "coins", "p": "WEEKLY"}, token=token)
        assert body["data"]["leaderboard"]["viewer"] is None


async def test_an_unknown_board_or_period_is_a_clear_error(settings: Settings) -> None:
    async with running(settings) as (_app, gql):
        body = await gql(BOARD, {"b": "gems", "p": "DAILY"}, expect_errors=True)
        assert body["data"] is None
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert (error["extensions"]["reason"], error["extensions"]["field"]) == ("UNKNOWN_BOARD", "board")
        assert "gems" in error["message"]
        body = await gql(BOARD, {"b": "coins", "p": "YEARLY"}, expect_errors=True)
        assert "YEARLY" in body["errors"][0]["message"] and body.get("data") is None
        body = await gql(BOARD, {"b": "coins", "p": "DAILY", "n": 0}, expect_errors=True)
        assert body["errors"][0]["extensions"]["reason"] == "INVALID_FIRST"


async def test_the_board_costs_the_same_statements_for_two_or_many_players(settings: Settings) -> None:
    from tests.server.support import count_statements

    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")

    async def counted(gql: Any, token: str | None) -> tuple[int, int]:
        with count_statements(db) as seen:
            body = await gql(BOARD, {"b": "coins", "p": "WEEKLY"}, token=token)
        sent = [s for s in seen if not s.lstrip().upper().startswith(control)]
        return len(sent), len(body["data"]["leaderboard"]["entries"])

    async with running(settings) as (app, gql):
        db = app.state.services.db
        first = await factories.player(db, "racer0", coins=5, secret=settings.secret_key)
        await factories.player(db, "racer1", coins=7)
        two = await counted(gql, first.token)
        await factories.players(db, *(f"racer{n}" for n in range(2, 12)), coins=7)
        many = await counted(gql, first.token)
        assert two[1] == 2 and many[1] == 12
        assert many[0] == two[0], (two, many)


async def test_leaderboard_changed_pushes_the_board_when_coins_move(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    from db.pubsub import subject_channel
    from tests.events.test_subscriptions import (
        GRANT,
        http_client,
        local_subscribers,
        make_admin_via,
        receive,
        subscribe,
        ws_session,
    )
    from tests.server.support import wait_until

    server = live_server_factory(make_settings(tmp_path, database_url))
    changed = (
        'subscription { leaderboardChanged(board: "coins", period: DAILY) {'
        " board entries { rank score user { username } } } }"
    )
    relay = 'mutation { adminJobRun(input: {name: "outbox_relay"}) { errors { code } } }'
    async with http_client(server) as gql:
        admin = await make_admin_via(gql, database_url)
        _, alice_id = await gql.register("alice")
        async with ws_session(server, {}) as ws:
            await subscribe(ws, changed)
            await wait_until(
                lambda: local_subscribers(server, subject_channel("leaderboard:coins")) >= 1,
                what="a leaderboard subscriber",
            )
            # When an admin grants alice 100 and the consumers run
            await gql(GRANT, {"u": str(alice_id), "a": 100}, token=admin)
            assert (await gql(relay, token=admin))["data"]["adminJobRun"]["errors"] == []
            pushed = (await receive(ws))["payload"]["data"]["leaderboardChanged"]
    # Then an anonymous watcher got the board with her on top
    assert pushed == {"board": "coins", "entries": [{"rank": 1, "score": 100, "user": {"username": "alice"}}]}


async def test_an_event_board_is_listed_and_read_through_graphql(settings: Settings) -> None:
    async with running(settings) as (_, gql):
        assert (await gql("{ leaderboardBoards }"))["data"]["leaderboardBoards"][:2] == [
            "coins",
            "achievements",
        ]
        body = await gql(BOARD, {"b": "achievements", "p": "WEEKLY"})
        assert body["data"]["leaderboard"]["entries"] == []


AROUND = """query { leaderboard(board: "coins", period: ALL_TIME, first: 1) {
  entries { rank } viewer { rank } around { rank score user { username } } } }"""


async def test_the_viewer_sees_the_players_just_above_and_below(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        names = [f"pl{n}" for n in range(1, 8)]
        players = await factories.players(db, *names, secret=settings.secret_key)
        for n, who in enumerate(players):
            await factories.grant(db, who, 100 - n)
        fifth = (await gql(AROUND, token=players[4].token))["data"]["leaderboard"]
        assert fifth["entries"] == [{"rank": 1}] and fifth["viewer"] == {"rank": 5}
        assert [(e["rank"], e["user"]["username"], e["score"]) for e in fifth["around"]] == [
            (3, "pl3", 98),
            (4, "pl4", 97),
            (5, "pl5", 96),
            (6, "pl6", 95),
            (7, "pl7", 94),
        ]
        first = (await gql(AROUND, token=players[0].token))["data"]["leaderboard"]
        assert [e["rank"] for e in first["around"]] == [1, 2, 3]
        assert (await gql(AROUND))["data"]["leaderboard"]["around"] == []
