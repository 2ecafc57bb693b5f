"""Property "challenge rewards": whatever the events, relays, re-reads and resets, each challenge pays
at most once, only when its progress reaches its goal, and never after it expired."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConsumerOffset, Event, Transfer
from db.models.challenges import Challenge
from resolvers import challenges, events, ledger, outbox
from resolvers.challenges import catalog
from resolvers.clock import ManualClock
from tests import factories
from workers import challenges as challenge_jobs

_round = itertools.count()
assert outbox.CONSUMERS[challenges.CONSUMER] is challenge_jobs.count_progress
KINDS = [t.kind for t in catalog.TEMPLATES]
step = st.one_of(
    st.tuples(st.just("act"), st.integers(0, len(KINDS) - 1), st.integers(1, 3), st.integers(0, 30)),
    st.tuples(st.just("relay"), st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("reset"), st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("reread"), st.just(0), st.just(0), st.just(0)),
    st.tuples(st.just("read"), st.just(0), st.just(0), st.just(0)),
)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(step, max_size=25),
    eager=st.booleans(),
    start_hour=st.integers(0, 23 * 7),
)
def test_each_challenge_pays_at_most_once_only_at_its_goal_and_never_after_expiry(
    database_url: str, steps: list[tuple[str, int, int, int]], eager: bool, start_hour: int
) -> None:
    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            # (examples share a database: each starts after the previous one's events, on a Monday)
            clock = ManualClock(datetime(2026, 1, 26, tzinfo=UTC) + timedelta(weeks=10 * n, hours=start_hour))
            alice = await factories.player(db, f"ch{n}", clock=clock)
            acts: list[tuple[str, datetime]] = []
            for action, kind, times, hours in steps:
                clock.advance(hours=hours)
                if action == "act":
                    template = catalog.BY_KIND[KINDS[kind]]
                    async with db.transaction() as session:
                        await events.append_many(
                            session,
                            [events.Spec(kind=sorted(template.events)[0], actor_id=alice.id)] * times,
                            clock=clock,
                        )
                    acts += [(template.kind, clock.now())] * times
                if action == "relay" or (action == "act" and eager):
                    await outbox.relay(db, challenges.CONSUMER, clock=clock)
                elif action == "reset":
                    await outbox.relay(db, challenges.CONSUMER, clock=clock)
                    async with db.transaction() as session:
                        await challenges.reset(session, clock=clock)
                elif action == "reread":
                    async with db.transaction() as session:
                        await session.execute(
                            update(ConsumerOffset)
                            .where(col(ConsumerOffset.consumer) == challenges.CONSUMER)
                            .values(last_event_id=0, last_tx=0)
                        )
                elif action == "read":
                    async with db.transaction() as session:
                        await challenges.current(session, user_id=alice.id, clock=clock)
            await outbox.relay(db, challenges.CONSUMER, clock=clock)
            await check(db, alice.id, acts, exact=eager)
        finally:
            await db.dispose()

    asyncio.run(body())


async def check(db: Database, user_id: int, acts: list[tuple[str, datetime]], *, exact: bool) -> None:
    async with db.reader() as session:
        rows = (
            (await session.execute(select(Challenge).where(col(Challenge.user_id) == user_id)))
            .scalars()
            .all()
        )
        done = (
            (
                await session.execute(
                    select(Event).where(col(Event.kind).in_(["challenge.completed", "challenge.streak"]))
                )
            )
            .scalars()
            .all()
        )
        account = await ledger.account_id(session, "user", user_id, ledger.DEFAULT_CURRENCY)
        paid = (
            (
                await session.execute(
                    select(Transfer).where(
                        col(Transfer.credit_account) == account, col(Transfer.kind) == "challenge"
                    )
                )
            )
            .scalars()
            .all()
        )
        balance = (await ledger.balances_of(session, "user", user_id)).get(ledger.DEFAULT_CURRENCY, 0)
    completions: dict[int, int] = {}
    milestones = 0
    for event in done:
        if event.actor_id != user_id:
            continue
        if event.kind == "challenge.completed":
            ident = int(event.payload["challenge_id"])
            completions[ident] = completions.get(ident, 0) + 1
        else:
            milestones += int(event.payload["milestone"])
    rewards = 0
    for row in rows:
        assert 0 <= row.progress <= row.goal
        happened = sum(
            1
            for kind, at in acts
            if kind == row.kind and catalog.midnight(row.period_start) <= at < row.expires_at
        )
        assert row.progress <= happened, "only events of its period count"
        if row.status == catalog.COMPLETED:
            assert completions.get(int(row.id or 0)) == 1, "a completed challenge pays exactly once"
            assert row.progress == row.goal <= happened
            assert row.completed_at is not None and row.completed_at < row.expires_at, "never after expiry"
            rewards += row.reward
        else:
            assert completions.get(int(row.id or 0)) is None, "an unfinished challenge pays nothing"
            assert row.completed_at is None and row.transfer_id is None
        if exact:
            assert (row.status == catalog.COMPLETED) == (happened >= row.goal)
    assert sum(t.amount for t in paid) == balance == rewards + milestones
    assert len(paid) == sum(1 for r in rows if r.status == catalog.COMPLETED) + sum(
        1 for e in done if e.kind == "challenge.streak" and e.actor_id == user_id and e.payload["milestone"]
    )
