"""Clan XP and level from members' events (the durable consumer ``clans``), perks by level, and the
job that hands leadership to the most active member after the leader's 30 idle days."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from resolvers import outbox
from resolvers.accounts import tokens
from resolvers.clans import xp
from server.settings import Settings
from tests import factories
from tests.clans.support import clan_of
from tests.server.support import running
from workers import clans as clan_jobs  # noqa: F401  (registers the consumer and the job)

CONTRIBUTE = "mutation($a: Amount!) { clanContribute(input: {amount: $a}) { errors { code } } }"
SHOW = """query($id: ID!) { clan(id: $id) { xp level nextLevelXp perks leader { username }
  members { user { username } role xp } } }"""
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code } } }"
DAY = 86400


def test_levels_and_perks_follow_the_tables() -> None:
    assert [xp.level_of(v) for v in (0, 99, 100, 299, 300, 4500, 10**9)] == [1, 1, 2, 2, 3, 10, 10]
    assert xp.perks_of(1) == [] and xp.perks_of(3) == ["badge", "requests_inbox"]
    assert xp.perks_of(10)[-1] == "legend_frame"
    assert xp.next_level_xp(150) == 300 and xp.next_level_xp(5000) is None


async def test_members_activity_raises_clan_xp_and_an_idle_leader_hands_over(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        alice, bob, carol = await factories.players(db, "alice", "bob", "carol", coins=100)
        boss = await factories.admin(db, "boss")

        def token(who: Any) -> str:
            return tokens.issue_access_token(
                secret=settings.secret_key, user_id=who.id, now=clock.now(), minutes=15
            )

        cid = await clan_of(db, alice, "Owls", bob, carol)
        # bob contributes twice, carol once: 5 XP each, counted once however often the consumer runs
        for who in (bob, bob, carol):
            assert (await gql(CONTRIBUTE, {"a": "1"}, token=token(who)))["data"]["clanContribute"][
                "errors"
            ] == []
        run = await gql(JOB_RUN, {"n": "clan_leadership"}, token=token(boss))
        assert run["data"]["adminJobRun"]["report"]["handed_over"] == 0
        assert await outbox.relay(db, xp.CONSUMER, clock=factories.CLOCK) == 0
        shown = (await gql(SHOW, {"id": str(cid)}, token=token(bob)))["data"]["clan"]
        assert (shown["xp"], shown["level"], shown["nextLevelXp"], shown["perks"]) == (15, 1, 100, [])
        assert {m["user"]["username"]: m["xp"] for m in shown["members"]} == {
            "alice": 0,
            "bob": 10,
            "carol": 5,
        }
        # 31 days later only carol has been active lately... and bob too, once: bob has the most XP
        assert (await gql(ADVANCE, {"s": 31 * DAY}, token=token(boss)))["data"]["adminClockAdvance"][
            "errors"
        ] == []
        for who in (carol, bob):
            await gql(CONTRIBUTE, {"a": "1"}, token=token(who))
        run = await gql(JOB_RUN, {"n": "clan_leadership"}, token=token(boss))
        assert run["data"]["adminJobRun"] == {"report": {"counted": 2, "handed_over": 1}, "errors": []}
        shown = (await gql(SHOW, {"id": str(cid)}, token=token(bob)))["data"]["clan"]
        assert shown["leader"] == {"username": "bob"}
        assert {m["user"]["username"]: m["role"] for m in shown["members"]} == {
            "alice": "OFFICER",
            "bob": "LEADER",
            "carol": "MEMBER",
        }
        # A repeated run hands nothing over (bob is active; it reads only the job's own event and
        # those of the three members' notifications)
        again = await gql(JOB_RUN, {"n": "clan_leadership"}, token=token(boss))
        assert again["data"]["adminJobRun"]["report"] == {"counted": 4, "handed_over": 0}
        assert (await gql(SHOW, {"id": str(cid)}, token=token(bob)))["data"]["clan"]["xp"] == 25
