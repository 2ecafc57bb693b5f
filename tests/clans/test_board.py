"""The clan leaderboard: clans ranked by XP, all-time or gained within the period."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from resolvers.accounts import tokens
from server.settings import Settings
from tests import factories
from tests.clans.support import clan_of
from tests.server.support import running
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
