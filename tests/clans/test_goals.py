"""Clan goals: the weekly job gives default goals, leaders and officers pick more, members' events
move them, a reached goal pays XP to the clan and COIN from the faucet into the treasury once."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConsumerOffset
from db.models.clans import Clan, ClanGoal
from resolvers import admin, ledger, outbox
from resolvers.accounts import tokens
from resolvers.clans import goals, treasury, xp
from server.settings import Settings
from tests import factories
from tests.clans.support import clan_of
from tests.server.support import running
from tests.snapshot import changed, snapshot
from workers import clans as clan_jobs  # noqa: F401  (registers the consumer and the jobs)

PICK = """mutation($t: String!) { clanGoalPick(input: {template: $t}) {
  goal { template target progress status } clan { id } errors { code field } } }"""
GOALS = """{ myClan { xp treasury goals { template title target progress rewardXp rewardCoin status } } }"""
TEMPLATES = "{ clanGoalTemplates { key title target rewardXp rewardCoin } }"
CONTRIBUTE = "mutation($a: Amount!) { clanContribute(input: {amount: $a}) { errors { code } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code } } }"
NOTES = "{ notifications(first: 10) { edges { node { kind title body } } } }"
WEEK = 7 * 86400


def test_the_faucet_is_declared_and_templates_are_distinct() -> None:
    assert goals.FAUCET in admin.FAUCETS
    assert len(goals.BY_KEY) == len(goals.TEMPLATES)
    assert set(goals.DEFAULTS) <= set(goals.BY_KEY)


async def test_weekly_goals_are_picked_reached_paid_once_and_rolled(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        alice, bob = await factories.players(db, "alice", "bob", coins=6000)
        boss = await factories.admin(db, "boss")

        def token(who: Any) -> str:
            return tokens.issue_access_token(
                secret=settings.secret_key, user_id=who.id, now=clock.now(), minutes=15
            )

        cid = await clan_of(db, alice, "Owls", bob)
        # The weekly job gives the clan this week's default goals, once
        run = await gql(JOB_RUN, {"n": "clan_goals"}, token=token(boss))
        assert run["data"]["adminJobRun"]["report"]["assigned"] == 2
        again = await gql(JOB_RUN, {"n": "clan_goals"}, token=token(boss))
        assert again["data"]["adminJobRun"]["report"]["assigned"] == 0
        # The leader picks one more from the templates
        picked = await gql(PICK, {"t": "daily"}, token=token(alice))
        assert picked["data"]["clanGoalPick"] == {
            "goal": {"template": "daily", "target": 25, "progress": 0, "status": "ACTIVE"},
            "clan": {"id": str(cid)},
            "errors": [],
        }
        templates = (await gql(TEMPLATES, token=token(bob)))["data"]["clanGoalTemplates"]
        assert [t["key"] for t in templates] == [t.key for t in goals.TEMPLATES]
        # Members contribute 5,000 in all: the treasury goal is reached and pays 500 into the treasury
        for who, amount in ((bob, "3000"), (alice, "1999"), (alice, "1")):
            assert (await gql(CONTRIBUTE, {"a": amount}, token=token(who)))["data"]["clanContribute"][
                "errors"
            ] == []
        await gql(JOB_RUN, {"n": "clan_goals"}, token=token(boss))
        shown = (await gql(GOALS, token=token(bob)))["data"]["myClan"]
        by = {g["template"]: g for g in shown["goals"]}
        assert by["treasury"] == {
            "template": "treasury",
            "title": "Contribute 5000 COIN to the treasury",
            "target": 5000,
            "progress": 5000,
            "rewardXp": 150,
            "rewardCoin": 500,
            "status": "REACHED",
        }
        assert (by["wins"]["status"], by["daily"]["progress"]) == ("ACTIVE", 0)
        assert shown["treasury"] == 5500
        assert shown["xp"] == 150 + 3 * xp.POINTS["clan.contributed"]
        # Both members are told, in Russian when they ask for it
        ru = await gql(NOTES, token=token(bob), headers={"accept-language": "ru"})
        reached = [
            e["node"]
            for e in ru["data"]["notifications"]["edges"]
            if e["node"]["kind"] == "clan.goal_reached"
        ]
        assert reached == [
            {
                "kind": "clan.goal_reached",
                "title": "🎯 Owls: цель достигнута",
                "body": "Внести в казну 5000 COIN: +150 опыта клану, +500 COIN в казну.",
            }
        ]
        # Replaying every event from the start pays nothing more
        async with db.transaction() as session:
            await session.execute(
                update(ConsumerOffset)
                .where(col(ConsumerOffset.consumer) == xp.CONSUMER)
                .values(last_event_id=0, last_tx=0)
            )
        assert await outbox.relay(db, xp.CONSUMER, clock=clock) > 0
        again_shown = (await gql(GOALS, token=token(bob)))["data"]["myClan"]
        assert (again_shown["treasury"], again_shown["xp"]) == (5500, shown["xp"])
        # A week later the job expires last week's unreached goals and sets this week's defaults
        assert (await gql(ADVANCE, {"s": WEEK}, token=token(boss)))["data"]["adminClockAdvance"][
            "errors"
        ] == []
        rolled = (await gql(JOB_RUN, {"n": "clan_goals"}, token=token(boss)))["data"]["adminJobRun"]
        assert (rolled["report"]["expired"], rolled["report"]["assigned"], rolled["errors"]) == (2, 2, [])
        fresh = (await gql(GOALS, token=token(bob)))["data"]["myClan"]["goals"]
        assert sorted((g["template"], g["status"], g["progress"]) for g in fresh) == [
            ("treasury", "ACTIVE", 0),
            ("wins", "ACTIVE", 0),
        ]
        async with db.reader() as session:
            rows = (
                (await session.execute(select(ClanGoal).where(col(ClanGoal.clan_id) == cid))).scalars().all()
            )
            assert sorted(r.status for r in rows) == ["active", "active", "expired", "expired", "reached"]
            assert all(v == 0 for v in (await ledger.conservation(session)).values())


REFUSALS: list[tuple[str, str, str, str | None]] = [
    ("bob", "daily", "NOT_ALLOWED", "template"),
    ("alice", "nope", "UNKNOWN_TEMPLATE", "template"),
    ("alice", "wins", "GOAL_TAKEN", "template"),
    ("dan", "daily", "NOT_IN_CLAN", None),
]


@pytest.mark.parametrize(("who", "template", "code", "field"), REFUSALS)
async def test_a_refused_pick_says_why_and_changes_nothing(
    settings: Settings, who: str, template: str, code: str, field: str | None
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        people = await factories.players(db, "alice", "bob", "dan", secret=settings.secret_key)
        by = {p.username: p for p in people}
        await clan_of(db, by["alice"], "Owls", by["bob"])
        assert (await gql(PICK, {"t": "wins"}, token=by["alice"].token))["data"]["clanGoalPick"][
            "errors"
        ] == []
        before = await snapshot(db)
        payload = (await gql(PICK, {"t": template}, token=by[who].token))["data"]["clanGoalPick"]
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
        assert payload["goal"] is None
        assert changed(before, await snapshot(db)) == {}


async def test_at_most_three_goals_a_week(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice, bob = await factories.players(db, "alice", "bob", secret=settings.secret_key)
        await clan_of(db, alice, "Owls", bob)
        for key in ("wins", "daily", "gifts"):
            assert (await gql(PICK, {"t": key}, token=alice.token))["data"]["clanGoalPick"]["errors"] == []
        before = await snapshot(db)
        payload = (await gql(PICK, {"t": "purchases"}, token=alice.token))["data"]["clanGoalPick"]
        assert payload["errors"] == [{"code": "GOAL_LIMIT", "field": "template"}]
        assert changed(before, await snapshot(db)) == {}


_round = itertools.count(1)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(st.integers(1, 2500), min_size=1, max_size=5), replays=st.integers(0, 2))
def test_a_goal_pays_once_however_often_events_are_replayed(
    database_url: str, amounts: list[int], replays: int
) -> None:
    """Property: after any contributions and any number of relays and full replays, the treasury
    goal's progress is min(sum, target) and its reward was paid exactly when the sum reached it."""

    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            leader, member = await factories.players(db, f"g{n}a", f"g{n}b", coins=sum(amounts))
            cid = await clan_of(db, leader, f"Goal {n}", member)
            async with db.transaction() as session:
                await goals.pick(session, actor_id=leader.id, template="treasury", clock=factories.CLOCK)
            for i, amount in enumerate(amounts):
                async with db.transaction() as session:
                    await treasury.contribute(
                        session,
                        actor_id=(leader, member)[i % 2].id,
                        amount=amount,
                        idempotency_key=None,
                        clock=factories.CLOCK,
                    )
                await outbox.relay(db, xp.CONSUMER, clock=factories.CLOCK)
            for _ in range(replays):
                async with db.transaction() as session:
                    await session.execute(
                        update(ConsumerOffset)
                        .where(col(ConsumerOffset.consumer) == xp.CONSUMER)
                        .values(last_event_id=0, last_tx=0)
                    )
                await outbox.relay(db, xp.CONSUMER, clock=factories.CLOCK)
            total, tpl = sum(amounts), goals.BY_KEY["treasury"]
            reached = total >= tpl.target
            async with db.reader() as session:
                goal = (
                    await session.execute(select(ClanGoal).where(col(ClanGoal.clan_id) == cid))
                ).scalar_one()
                clan = await session.get(Clan, cid)
                assert goal.progress == min(total, tpl.target)
                assert goal.status == (goals.REACHED if reached else goals.ACTIVE)
                assert (goal.transfer_id is not None) == reached
                assert await treasury.balance(session, cid) == total + (tpl.reward_coin if reached else 0)
                assert clan is not None
                assert clan.xp == len(amounts) * xp.POINTS["clan.contributed"] + (
                    tpl.reward_xp if reached else 0
                )
        finally:
            await db.dispose()

    asyncio.run(body())
