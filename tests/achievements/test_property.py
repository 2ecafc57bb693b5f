"""Property: whatever the events, their order and how often the relay re-reads them, progress only
grows, and each tier unlocks and pays exactly once, as the rules applied to the events say."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConsumerOffset, Event, Transfer
from db.models.achievements import AchievementProgress, AchievementUnlock
from resolvers import events, ledger, outbox
from resolvers.achievements import catalog, counting
from resolvers.clock import ManualClock
from tests import factories
from workers import achievements as achievement_jobs

_round = itertools.count()
HAPPENINGS = st.one_of(
    st.tuples(st.just("shop.purchase"), st.just(0)),
    st.tuples(st.just("gift.sent"), st.sampled_from([0, 1, 400, 999])),
    st.tuples(st.just("daily.claimed"), st.integers(0, 40)),
    st.tuples(st.just("wallet.transfer"), st.sampled_from([1, 5, 1000])),
    st.tuples(st.just("relay"), st.just(0)),
    st.tuples(st.just("replay"), st.just(0)),
)


def payload(kind: str, value: int) -> dict[str, object]:
    if kind == "gift.sent":
        return {"asset": "item:1", "amount": 2} if value == 0 else {"asset": "COIN", "amount": value}
    if kind == "daily.claimed":
        return {"streak": value}
    if kind == "wallet.transfer":
        return {"asset": "COIN", "amount": value}
    return {}


def model(happened: list[Event]) -> tuple[dict[str, int], set[tuple[str, int]]]:
    """The rules applied to the events as a set: progress per achievement, then every step whose
    goal is reached once its precondition holds (to a fixed point)."""
    progress: dict[str, int] = {}
    for event in happened:
        for a in catalog.BY_KIND.get(event.kind, ()):
            for _, value in a.measure(event):
                if value > 0:
                    progress[a.key] = counting.advance(a.mode, progress.get(a.key, 0), value)
    steps: dict[str, int] = {}
    grown = True
    while grown:
        grown = False
        for a in catalog.CATALOG:
            if not counting.met(a, steps):
                continue
            reached = sum(1 for goal in a.goals if progress.get(a.key, 0) >= goal)
            if reached > steps.get(a.key, 0):
                steps[a.key], grown = reached, True
    return progress, {(key, step) for key, top in steps.items() for step in range(1, top + 1)}


@pytest.mark.parametrize("backend", ["sqlite"])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=st.lists(HAPPENINGS, max_size=30), night=st.booleans())
def test_progress_only_grows_and_each_tier_pays_once(
    database_url: str, plan: list[tuple[str, int]], night: bool
) -> None:
    assert outbox.CONSUMERS[counting.CONSUMER] is achievement_jobs.count_progress

    async def read(db: Database, user_id: int) -> dict[str, int]:
        async with db.reader() as session:
            rows = await session.execute(
                select(AchievementProgress).where(col(AchievementProgress.user_id) == user_id)
            )
            return {r.key: r.progress for r in rows.scalars()}

    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            clock = ManualClock(datetime(2026, 7, 1, 3 if night else 12, tzinfo=UTC))
            (alice,) = await factories.players(db, f"prop{n}", clock=clock)
            seen: dict[str, int] = {}

            async def relay() -> None:
                await outbox.relay(db, counting.CONSUMER, clock=clock)
                now = await read(db, alice.id)
                assert all(now.get(k, 0) >= v for k, v in seen.items()), (seen, now)
                seen.update(now)

            for kind, value in plan:
                if kind == "relay":
                    await relay()
                elif kind == "replay":
                    async with db.transaction() as session:
                        await session.execute(update(ConsumerOffset).values(last_event_id=0, last_tx=0))
                    await relay()
                else:
                    async with db.transaction() as session:
                        await events.append(
                            session, kind=kind, clock=clock, actor_id=alice.id, payload=payload(kind, value)
                        )
            await relay()
            async with db.reader() as session:
                happened = list(
                    (await session.execute(select(Event).where(col(Event.actor_id) == alice.id))).scalars()
                )
                unlocks = list(
                    (
                        await session.execute(
                            select(AchievementUnlock).where(col(AchievementUnlock.user_id) == alice.id)
                        )
                    ).scalars()
                )
            async with db.transaction() as session:
                account = await ledger.account_id(session, "user", alice.id, ledger.DEFAULT_CURRENCY)
                paid = list(
                    (
                        await session.execute(
                            select(Transfer).where(
                                col(Transfer.kind) == "achievement", col(Transfer.credit_account) == account
                            )
                        )
                    ).scalars()
                )
            counted = [e for e in happened if e.kind != counting.UNLOCKED]
            announced = [e for e in happened if e.kind == counting.UNLOCKED]
            progress, expected = model(counted)
            assert seen == progress
            assert {(u.key, u.step) for u in unlocks} == expected
            assert len(unlocks) == len(expected) == len(announced)
            assert sorted((t.ref or "") for t in paid) == sorted(
                f"achievement:{u.key}:{u.step}" for u in unlocks if u.coin > 0
            )
            assert sum(t.amount for t in paid) == sum(u.coin for u in unlocks)
        finally:
            await db.dispose()

    asyncio.run(body())
