"""Durable consumers of the events table: at least once, in order, from each consumer's own offset."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models import ConsumerOffset, Event
from resolvers import admin, events, outbox
from resolvers.accounts import auth
from resolvers.clock import ManualClock

LAG = timedelta(seconds=3)  # time passing between relay runs


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    yield database
    await database.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


class Recorder:
    """A test consumer that records the event ids it was given; ``fail_on`` makes a call raise."""

    def __init__(self) -> None:
        self.name = f"test-{uuid.uuid4().hex[:8]}"
        self.seen: list[int] = []
        self.calls = 0
        self.fail_on: set[int] = set()

    async def __call__(self, session: AsyncSession, event: Event) -> None:
        self.calls += 1
        if self.calls in self.fail_on:
            raise RuntimeError("consumer failed")
        self.seen.append(int(event.id or 0))


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    outbox.consumer(rec.name)(rec)
    yield rec
    outbox.CONSUMERS.pop(rec.name, None)


async def make_users(db: Database, clock: ManualClock, *names: str) -> list[int]:
    async with db.transaction() as session:
        return [
            int((await auth.create_user(session, username=n, password=None, clock=clock)).id or 0)
            for n in names
        ]


async def grant(db: Database, clock: ManualClock, admin_id: int, user_id: int, amount: int = 10) -> None:
    async with db.transaction() as session:
        await admin.grant(
            session,
            actor_id=admin_id,
            user_id=user_id,
            currency="COIN",
            amount=amount,
            reason="outbox test",
            idempotency_key=None,
            clock=clock,
        )


async def event_ids(db: Database) -> list[int]:
    async with db.reader() as session:
        return [int(i) for i in (await session.execute(select(Event.id).order_by(Event.id))).scalars()]


async def offset(db: Database, name: str) -> int | None:
    async with db.reader() as session:
        return (
            await session.execute(select(ConsumerOffset.last_event_id).where(ConsumerOffset.consumer == name))
        ).scalar_one_or_none()


async def test_relay_delivers_each_event_once_in_order(
    db: Database, clock: ManualClock, recorder: Recorder
) -> None:
    # Given three grants (each appends a wallet.grant and a notification.created event)
    admin_id, alice, bob = await make_users(db, clock, "admin", "alice", "bob")
    for user in (alice, bob, alice):
        await grant(db, clock, admin_id, user)
    clock.advance(seconds=LAG.total_seconds())
    all_ids = await event_ids(db)
    assert len(all_ids) == 6
    # When the relay runs twice
    first = await outbox.relay(db, recorder.name, clock=clock)
    second = await outbox.relay(db, recorder.name, clock=clock)
    # Then every event was handled once, in id order, and the second run found nothing new
    assert (first, second) == (6, 0)
    assert recorder.seen == all_ids
    assert await offset(db, recorder.name) == all_ids[-1]


async def test_events_committed_later_are_delivered_by_the_next_run(
    db: Database, clock: ManualClock, recorder: Recorder
) -> None:
    admin_id, alice = await make_users(db, clock, "admin", "alice")
    await grant(db, clock, admin_id, alice)
    clock.advance(seconds=LAG.total_seconds())
    assert await outbox.relay(db, recorder.name, clock=clock) == 2
    delivered = list(recorder.seen)
    # When more events are committed
    await grant(db, clock, admin_id, alice, 20)
    await grant(db, clock, admin_id, alice, 30)
    clock.advance(seconds=LAG.total_seconds())
    # Then the next run delivers just those
    assert await outbox.relay(db, recorder.name, clock=clock) == 4
    assert recorder.seen == delivered + (await event_ids(db))[2:]


async def test_a_failing_handler_does_not_advance_the_offset(
    db: Database, clock: ManualClock, recorder: Recorder
) -> None:
    # Given events, and a handler that fails on its second call
    admin_id, alice = await make_users(db, clock, "admin", "alice")
    await grant(db, clock, admin_id, alice)
    await grant(db, clock, admin_id, alice)
    clock.advance(seconds=LAG.total_seconds())
    all_ids = await event_ids(db)
    recorder.fail_on = {2}
    # When the relay runs, fails, and runs again
    with pytest.raises(RuntimeError, match="consumer failed"):
        await outbox.relay(db, recorder.name, clock=clock)
    offset_after_failure = await offset(db, recorder.name)
    handled = await outbox.relay(db, recorder.name, clock=clock)
    # Then nothing was committed by the failed run, and the next one delivers everything again
    assert offset_after_failure in (None, 0)
    assert handled == 4
    assert recorder.seen == [all_ids[0], *all_ids]  # the first event twice: at least once
    assert await offset(db, recorder.name) == all_ids[-1]


async def test_batches_cover_everything(db: Database, clock: ManualClock, recorder: Recorder) -> None:
    admin_id, alice = await make_users(db, clock, "admin", "alice")
    for _ in range(3):
        await grant(db, clock, admin_id, alice)
    clock.advance(seconds=LAG.total_seconds())
    assert await outbox.relay(db, recorder.name, clock=clock, batch=4) == 6
    assert recorder.seen == await event_ids(db)


async def test_consumers_keep_their_own_offsets(db: Database, clock: ManualClock, recorder: Recorder) -> None:
    other = Recorder()
    outbox.consumer(other.name)(other)
    try:
        admin_id, alice = await make_users(db, clock, "admin", "alice")
        await grant(db, clock, admin_id, alice)
        clock.advance(seconds=LAG.total_seconds())
        assert await outbox.relay(db, recorder.name, clock=clock) == 2
        await grant(db, clock, admin_id, alice)
        clock.advance(seconds=LAG.total_seconds())
        counts = await outbox.relay_all(db, clock=clock)
    finally:
        outbox.CONSUMERS.pop(other.name, None)
    assert counts[recorder.name] == 2
    assert counts[other.name] == 4
    assert other.seen == await event_ids(db)
    assert recorder.seen == other.seen


async def test_committed_events_are_relayed_at_once(
    db: Database, clock: ManualClock, recorder: Recorder
) -> None:
    admin_id, alice = await make_users(db, clock, "admin", "alice")
    await grant(db, clock, admin_id, alice)
    at_once = await outbox.relay(db, recorder.name, clock=clock)
    later = await outbox.relay(db, recorder.name, clock=clock)
    # No waiting on PostgreSQL either: the relay reads by commit-safe transaction order, not by age
    assert (at_once, later) == (2, 0)


async def test_an_event_committed_after_a_later_one_is_not_skipped(
    postgres_url: str, clock: ManualClock, recorder: Recorder
) -> None:
    """On PostgreSQL an event's id is taken before commit: a slow transaction's earlier id can commit
    after a later one was relayed. At least once means it is still delivered."""
    db = Database(postgres_url)
    try:
        started = asyncio.Event()
        release = asyncio.Event()

        async def slow() -> None:
            async with db.transaction() as session:
                await events.append(session, kind="test.slow", clock=clock, payload={})
                started.set()
                await release.wait()

        # Given a transaction that appended an event and has not committed
        task = asyncio.create_task(slow())
        await started.wait()
        # And a quicker one that appended and committed after it
        async with db.transaction() as session:
            await events.append(session, kind="test.quick", clock=clock, payload={})
        # When the relay runs once the lag has passed (the slow one is still open), and the slow one
        # then commits, and the relay runs again
        clock.advance(seconds=LAG.total_seconds())
        await outbox.relay(db, recorder.name, clock=clock)
        release.set()
        await task
        clock.advance(seconds=LAG.total_seconds())
        await outbox.relay(db, recorder.name, clock=clock)
        all_ids = await event_ids(db)
    finally:
        await db.dispose()
    # Then both events were delivered
    assert sorted(set(recorder.seen)) == all_ids


async def test_two_relays_at_once_deliver_each_event_once(
    database_url: str, clock: ManualClock, recorder: Recorder
) -> None:
    # Given events, and two worker processes (two engines) relaying the same consumer at once
    first_db, second_db = Database(database_url), Database(database_url)
    try:
        admin_id, alice = await make_users(first_db, clock, "admin", "alice")
        for _ in range(5):
            await grant(first_db, clock, admin_id, alice)
        clock.advance(seconds=LAG.total_seconds())
        counts = await asyncio.gather(
            outbox.relay(first_db, recorder.name, clock=clock, batch=3),
            outbox.relay(second_db, recorder.name, clock=clock, batch=3),
        )
        all_ids = await event_ids(first_db)
    finally:
        await first_db.dispose()
        await second_db.dispose()
    # Then together they handled each event exactly once, in order
    assert sum(counts) == 10
    assert recorder.seen == all_ids
