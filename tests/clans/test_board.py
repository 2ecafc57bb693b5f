"""The clan leaderboard: clans ranked by XP, all-time or gained within the period."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from resolvers.accounts import tokens
from server.settings import Settings
from tests import factories
from tests.clans.support import clan_of
from tests.server.support import running
from tests.snapshot import changed, snapshot
from workers import clans as clan_jobs  # noqa: F401  (registers the consumer and the jobs)

BOARD = """query($p: LeaderboardPeriod!, $f: Int) { clanLeaderboard(period: $p, first: $f) {
  period periodKey entries { rank score clan { name level } } viewer { rank score clan { name } } } }"""
CONTRIBUTE = "mutation($a: Amount!) { clanContribute(input: {amount: $a}) { errors { code } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code } } }"


def rows(board: dict[str, Any]) -> list[tuple[int, str, int]]:
    return [(e["rank"], e["clan"]["name"], e["score"]) for e in board["entries"]]


async def test_clans_rank_by_xp_all_time_and_within_the_day(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        alice, bob, carol, dan, eve = await factories.players(
            db, "alice", "bob", "carol", "dan", "eve", coins=50
        )
        boss = await factories.admin(db, "boss")

        def token(who: Any) -> str:
            return tokens.issue_access_token(
                secret=settings.secret_key, user_id=who.id, now=clock.now(), minutes=15
            )

        await clan_of(db, alice, "Owls", bob)
        await clan_of(db, carol, "Cats")
        await clan_of(db, dan, "Dogs")
        for who in (bob, bob, alice, carol):
            assert (await gql(CONTRIBUTE, {"a": "1"}, token=token(who)))["data"]["clanContribute"][
                "errors"
            ] == []
        await gql(JOB_RUN, {"n": "clan_leadership"}, token=token(boss))
        board = (await gql(BOARD, {"p": "ALL_TIME"}, token=token(carol)))["data"]["clanLeaderboard"]
        assert rows(board) == [(1, "Owls", 15), (2, "Cats", 5)]
        assert board["viewer"] == {"rank": 2, "score": 5, "clan": {"name": "Cats"}}
        assert board["periodKey"] == "ALL_TIME"
        # The next day only dan's clan has gained anything today; all time it ties with Cats
        assert (await gql(ADVANCE, {"s": 86400}, token=token(boss)))["data"]["adminClockAdvance"][
            "errors"
        ] == []
        assert (await gql(CONTRIBUTE, {"a": "1"}, token=token(dan)))["data"]["clanContribute"]["errors"] == []
        await gql(JOB_RUN, {"n": "clan_leadership"}, token=token(boss))
        daily = (await gql(BOARD, {"p": "DAILY"}, token=token(alice)))["data"]["clanLeaderboard"]
        assert rows(daily) == [(1, "Dogs", 5)]
        assert daily["viewer"] is None and daily["periodKey"].startswith("DAILY:")
        top = (await gql(BOARD, {"p": "ALL_TIME", "f": 1}, token=token(dan)))["data"]["clanLeaderboard"]
        assert rows(top) == [(1, "Owls", 15)]
        assert top["viewer"] == {"rank": 3, "score": 5, "clan": {"name": "Dogs"}}
        # A player in no clan sees the board and no standing of their own
        monthly = (await gql(BOARD, {"p": "MONTHLY"}, token=token(eve)))["data"]["clanLeaderboard"]
        assert {name for _, name, _ in rows(monthly)} <= {"Owls", "Cats", "Dogs"}
        assert ("Dogs", 5) in {(name, score) for _, name, score in rows(monthly)}
        assert monthly["viewer"] is None


PAST = """query($p: LeaderboardPeriod!, $at: DateTime) { clanLeaderboard(period: $p, at: $at) {
  periodKey entries { rank score previousRank clan { name } } viewer { rank score previousRank } } }"""


def ranked(board: dict[str, Any]) -> list[tuple[int, str, int, int | None]]:
    return [(e["rank"], e["clan"]["name"], e["score"], e["previousRank"]) for e in board["entries"]]


async def test_periods_reset_at_midnight_and_monday_past_ones_are_kept_with_rank_changes(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        alice, bob, carol = await factories.players(db, "alice", "bob", "carol", coins=50)
        boss = await factories.admin(db, "boss")

        def token(who: Any) -> str:
            return tokens.issue_access_token(
                secret=settings.secret_key, user_id=who.id, now=clock.now(), minutes=15
            )

        async def advance(seconds: int) -> None:
            moved = await gql(ADVANCE, {"s": seconds}, token=token(boss))
            assert moved["data"]["adminClockAdvance"]["errors"] == []

        async def give(who: Any, times: int) -> None:
            for _ in range(times):
                sent = await gql(CONTRIBUTE, {"a": "1"}, token=token(who))
                assert sent["data"]["clanContribute"]["errors"] == []
            await gql(JOB_RUN, {"n": "clan_leadership"}, token=token(boss))

        async def board(period: str, at: datetime | None = None, who: Any = None) -> dict[str, Any]:
            variables = {"p": period, "at": at.isoformat() if at else None}
            body = await gql(PAST, variables, token=token(who or alice))
            return dict(body["data"]["clanLeaderboard"])

        await clan_of(db, alice, "Owls")
        await clan_of(db, carol, "Cats", bob)
        # Given the clock on a Monday at 01:00 UTC: Owls gain 10 XP, Cats 5
        now = clock.now()
        monday = (now + timedelta(days=7 - now.weekday())).replace(hour=1, minute=0, second=0, microsecond=0)
        await advance(math.ceil((monday - now).total_seconds()))
        await give(alice, 2)
        await give(bob, 1)
        assert ranked(await board("DAILY")) == [(1, "Owls", 10, None), (2, "Cats", 5, None)]
        # The day holds until midnight and is empty from 00:00 UTC; the week goes on
        # (the movable clock is real time plus an offset, so a minute of margin either side)
        await advance(23 * 3600 - 60)
        assert [name for _, name, _, _ in ranked(await board("DAILY"))] == ["Owls", "Cats"]
        await advance(60)
        tuesday = await board("DAILY")
        assert tuesday["entries"] == [] and tuesday["viewer"] is None
        assert tuesday["periodKey"] == f"DAILY:{(monday + timedelta(days=1)).date().isoformat()}"
        assert ranked(await board("WEEKLY")) == [(1, "Owls", 10, None), (2, "Cats", 5, None)]
        # Cats overtake on Tuesday: the day's ranks show where each stood the day before
        await give(carol, 3)
        assert ranked(await board("DAILY")) == [(1, "Cats", 15, 2)]
        # The week ends on Sunday at midnight; from Monday 00:00 the new week starts empty
        await advance(6 * 86400 - 60)
        assert [name for _, name, _, _ in ranked(await board("WEEKLY"))] == ["Cats", "Owls"]
        await advance(60)
        assert (await board("WEEKLY"))["entries"] == []
        await give(alice, 1)
        week = await board("WEEKLY")
        assert ranked(week) == [(1, "Owls", 5, 2)]
        assert week["viewer"] == {"rank": 1, "score": 5, "previousRank": 2}
        assert (await board("WEEKLY", who=carol))["viewer"] is None
        # The past week is kept, read by any moment within it
        past = await board("WEEKLY", at=monday + timedelta(days=3))
        assert past["periodKey"] == f"WEEKLY:{(monday - timedelta(hours=1)).date().isoformat()}"
        assert ranked(past) == [(1, "Cats", 20, None), (2, "Owls", 10, None)]
        assert past["viewer"] == {"rank": 2, "score": 10, "previousRank": None}
        assert ranked(await board("DAILY", at=monday)) == [(1, "Owls", 10, None), (2, "Cats", 5, None)]
        assert ranked(await board("ALL_TIME")) == [(1, "Cats", 20, None), (2, "Owls", 15, None)]


async def test_a_period_not_begun_is_refused_with_future_period_and_changes_nothing(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        alice = await factories.player(db, "alice", coins=50)
        await clan_of(db, alice, "Owls")

        def token() -> str:
            return tokens.issue_access_token(
                secret=settings.secret_key, user_id=alice.id, now=clock.now(), minutes=15
            )

        assert (await gql(CONTRIBUTE, {"a": "1"}, token=token()))["data"]["clanContribute"]["errors"] == []
        now = clock.now()
        tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        next_monday = (now + timedelta(days=7 - now.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        before = await snapshot(db)
        for period, at in (
            ("DAILY", tomorrow),
            ("WEEKLY", next_monday),
            ("ALL_TIME", now + timedelta(seconds=1)),
        ):
            body = await gql(PAST, {"p": period, "at": at.isoformat()}, token=token(), expect_errors=True)
            assert body["data"] is None
            [error] = body["errors"]
            assert error["extensions"]["code"] == "BAD_USER_INPUT"
            assert (error["extensions"]["reason"], error["extensions"]["field"]) == ("FUTURE_PERIOD", "at")
        assert changed(before, await snapshot(db)) == {}
        # A later moment of a period that has begun reads that period
        later = min(tomorrow - timedelta(seconds=1), now + timedelta(hours=1))
        today = await gql(PAST, {"p": "DAILY", "at": later.isoformat()}, token=token())
        assert today["data"]["clanLeaderboard"]["periodKey"] == f"DAILY:{now.date().isoformat()}"
        # A time without a zone is UTC (the fuzzer's find: it used to be an internal error)
        zoneless = {"p": "DAILY", "at": later.replace(tzinfo=None).isoformat()}
        assert (await gql(PAST, zoneless, token=token()))["data"]["clanLeaderboard"]["periodKey"] == (
            f"DAILY:{now.date().isoformat()}"
        )
        ahead = {"p": "DAILY", "at": tomorrow.replace(tzinfo=None).isoformat()}
        refused = await gql(PAST, ahead, token=token(), expect_errors=True)
        assert refused["errors"][0]["extensions"]["reason"] == "FUTURE_PERIOD"
