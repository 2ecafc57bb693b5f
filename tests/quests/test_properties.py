"""The plan's property "quest progression": whatever events happen and whatever players accept or
abandon, progress never passes a goal, each completed run pays exactly once, and a closed branch
never opens."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.models import Event
from db.models.quests import QuestRun
from resolvers import events, outbox
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from resolvers.quests import catalog, common, log, progress
from tests import factories
from workers import quests as quest_jobs

_round = itertools.count()
KINDS = ("shop.purchase", "gift.sent", "wallet.transfer", "daily.claimed")
# (type, objectives, reward, branch?, requires index?)
SHAPES = [
    ("STORY", [("shop.purchase", 2), ("gift.sent", 1)], 7, False, None),
    ("STORY", [("wallet.transfer", 1)], 11, False, 0),
    ("STORY", [("gift.sent", 1)], 13, True, None),
    ("STORY", [("shop.purchase", 1)], 17, True, None),
    ("REPEATABLE", [("wallet.transfer", 2)], 19, False, None),
    ("DAILY", [("daily.claimed", 1)], 23, False, None),
]
BRANCH = (2, 3)
REFUSALS = {
    "QUEST_ALREADY_ACTIVE",
    "QUEST_ALREADY_COMPLETED",
    "QUEST_LOCKED",
    "BRANCH_CLOSED",
    "QUEST_NOT_ACTIVE",
}
step = st.one_of(
    st.tuples(st.just("accept"), st.integers(0, 1), st.integers(0, len(SHAPES) - 1)),
    st.tuples(st.just("abandon"), st.integers(0, 1), st.integers(0, len(SHAPES) - 1)),
    st.tuples(st.just("event"), st.integers(0, 1), st.sampled_from(KINDS)),
    st.tuples(st.just("event"), st.integers(0, 1), st.sampled_from(KINDS)),
    st.tuples(st.just("hours"), st.just(0), st.sampled_from([1, 7, 24])),
    st.tuples(st.just("relay"), st.just(0), st.just(0)),
    st.tuples(st.just("reset"), st.just(0), st.just(0)),
)


@pytest.mark.parametrize("backend", ["sqlite"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, max_size=40))
def test_quest_progression(database_url: str, steps: list[tuple[str, int, object]]) -> None:
    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            clock = ManualClock(datetime(2026, 7, 1, 20, tzinfo=UTC))
            people = await factories.players(db, f"q{n}a", f"q{n}b", clock=clock)
            boss = await factories.admin(db, f"q{n}boss", clock=clock)
            quest_ids: list[int] = []
            async with db.transaction() as session:
                for i, (kind, objectives, coins, branched, requires) in enumerate(SHAPES):
                    made = await catalog.create(
                        session,
                        actor_id=boss.id,
                        draft=catalog.Draft(
                            key=f"p{n}-{i}",
                            title=f"Quest {i}",
                            type=kind,
                            objectives=[{"kind": k, "count": c} for k, c in objectives],
                            reward_amount=coins,
                            branch=f"b{n}" if branched else None,
                            requires=[quest_ids[requires]] if requires is not None else [],
                        ),
                        clock=clock,
                    )
                    quest_ids.append(int(made.id or 0))
            chosen: dict[int, int] = {}

            async def relay_and_check() -> None:
                assert outbox.CONSUMERS[common.CONSUMER] is quest_jobs.count_progress
                await outbox.relay(db, common.CONSUMER, clock=clock)
                await check(db, people, quest_ids)

            for what, who, arg in steps:
                user = people[who].id
                if what in ("accept", "abandon"):
                    index = int(str(arg))
                    fn = log.accept if what == "accept" else log.abandon
                    try:
                        async with db.transaction() as session:
                            await fn(session, actor_id=user, quest_id=quest_ids[index], clock=clock)
                    except DomainError as exc:
                        assert exc.code in REFUSALS
                        if what == "accept" and index in BRANCH and chosen.get(user, index) != index:
                            assert exc.code == "BRANCH_CLOSED"
                        continue
                    if what == "accept" and index in BRANCH:
                        # A closed branch never opens: only the first choice is ever accepted
                        assert chosen.setdefault(user, index) == index
                elif what == "event":
                    async with db.transaction() as session:
                        await events.append(
                            session, kind=str(arg), clock=clock, actor_id=user, audience=[user]
                        )
                elif what == "hours":
                    clock.advance(hours=int(str(arg)))
                elif what == "reset":
                    async with db.transaction() as session:
                        await progress.reset_daily(session, clock=clock)
                else:
                    await relay_and_check()
            await relay_and_check()
            async with db.reader() as session:
                for person in people:
                    views = await log.quest_log(session, user_id=person.id, status=None, clock=clock)
                    shown = {v.quest.id for v in views}
                    if person.id in chosen:
                        other = quest_ids[BRANCH[1 - BRANCH.index(chosen[person.id])]]
                        assert other not in shown
        finally:
            await db.dispose()

    asyncio.run(body())


async def check(db: Database, people: list[factories.Player], quest_ids: list[int]) -> None:
    rewards = {quest_ids[i]: shape[2] for i, shape in enumerate(SHAPES)}
    goals = {quest_ids[i]: [c for _, c in shape[1]] for i, shape in enumerate(SHAPES)}
    users = [p.id for p in people]
    async with db.reader() as session:
        runs = (
            (await session.execute(select(QuestRun).where(col(QuestRun.user_id).in_(users)))).scalars().all()
        )
        completed = await session.execute(
            select(Event).where(col(Event.kind) == common.COMPLETED_KIND, col(Event.actor_id).in_(users))
        )
        completions = Counter(
            (e.actor_id, e.payload["quest_id"], e.payload["run"]) for e in completed.scalars()
        )
    for run in runs:
        wanted = goals[run.quest_id]
        # Progress never passes a goal; a completed run reached every goal
        assert all(0 <= p <= g for p, g in zip(run.progress, wanted, strict=True))
        if run.status == common.COMPLETED:
            assert list(run.progress) == wanted
        # Completion pays exactly once (one quest.completed event per completed run, none otherwise)
        assert completions[(run.user_id, run.quest_id, run.run)] == (
            1 if run.status == common.COMPLETED else 0
        )
    for person in people:
        # The players hold nothing but their rewards: exactly one per completed run
        owed = sum(
            rewards[r.quest_id] for r in runs if r.user_id == person.id and r.status == common.COMPLETED
        )
        assert await factories.balance(db, person) == owed
