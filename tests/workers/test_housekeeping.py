"""Housekeeping: idempotency keys expire after 14 days, read notifications and consumed events after
their retention, expired refresh tokens after theirs; transfers and the audit log are never pruned."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db.engine import Database
from db.models import (
    AuditEntry,
    ConfigValue,
    ConsumerOffset,
    Event,
    IdempotencyRecord,
    Notification,
    RefreshToken,
    Transfer,
)
from resolvers import admin, housekeeping, notifications
from resolvers.accounts import auth
from resolvers.accounts.auth import TokenPolicy
from resolvers.clock import ManualClock

DAY = 24 * 3600


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    yield database
    await database.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


async def users(db: Database, clock: ManualClock, *names: str) -> list[int]:
    async with db.transaction() as session:
        return [
            int((await auth.create_user(session, username=n, password=None, clock=clock)).id or 0)
            for n in names
        ]


async def grant(
    db: Database, clock: ManualClock, admin_id: int, user_id: int, *, key: str | None = None, amount: int = 10
) -> int:
    async with db.transaction() as session:
        result = await admin.grant(
            session,
            actor_id=admin_id,
            user_id=user_id,
            currency="COIN",
            amount=amount,
            reason="housekeeping test",
            idempotency_key=key,
            clock=clock,
        )
    return int(result.transfer.id or 0)


async def run(db: Database, clock: ManualClock) -> dict[str, int]:
    async with db.transaction() as session:
        return await housekeeping.run(session, clock=clock)


async def count(db: Database, model: type) -> int:
    async with db.reader() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def scopes(db: Database) -> list[str]:
    async with db.reader() as session:
        rows = await session.execute(select(IdempotencyRecord.scope).order_by(IdempotencyRecord.scope))
        return list(rows.scalars())


async def test_idempotency_keys_expire_after_14_days(db: Database, clock: ManualClock) -> None:
    # Given keys used at t0, t0 + 1 s and t0 + 10 days
    start = clock.now()
    admin_id, alice = await users(db, clock, "admin", "alice")
    await grant(db, clock, admin_id, alice, key="old")
    clock.advance(seconds=1)
    await grant(db, clock, admin_id, alice, key="boundary")
    clock.advance(days=10)
    await grant(db, clock, admin_id, alice, key="new")
    # When housekeeping runs 14 days and 1 second after t0
    clock._now = start + timedelta(days=14, seconds=1)
    counts = await run(db, clock)
    # Then only the key older than 14 days is gone (the one exactly 14 days old stays)
    assert counts["idempotency_keys"] == 1
    prefix = f"user:{admin_id}:admin.grant:"
    assert await scopes(db) == [prefix + "boundary", prefix + "new"]


async def test_a_key_that_expired_may_be_used_again(db: Database, clock: ManualClock) -> None:
    admin_id, alice = await users(db, clock, "admin", "alice")
    first = await grant(db, clock, admin_id, alice, key="weekly")
    replay = await grant(db, clock, admin_id, alice, key="weekly")
    clock.advance(days=15)
    await run(db, clock)
    again = await grant(db, clock, admin_id, alice, key="weekly")
    assert replay == first
    assert again != first
    assert await count(db, Transfer) == 2


async def _notes(db: Database) -> list[tuple[int, bool]]:
    async with db.reader() as session:
        rows = await session.execute(
            select(Notification.user_id, Notification.read_at).order_by(Notification.user_id)
        )
        return [(int(u), r is not None) for u, r in rows.all()]


async def test_read_notifications_past_retention_are_pruned_unread_kept(
    db: Database, clock: ManualClock
) -> None:
    # Given three notifications made at t0 (one per grant)
    start = clock.now()
    admin_id, read_early, unread, read_late = await users(db, clock, "admin", "early", "unread", "late")
    for user in (read_early, unread, read_late):
        await grant(db, clock, admin_id, user)
    # And one read a day later, one never read, one read after 30 days
    clock.advance(days=1)
    async with db.transaction() as session:
        await notifications.mark_read(session, user_id=read_early, ids=None, all_=True, clock=clock)
    clock.advance(days=29)
    async with db.transaction() as session:
        await notifications.mark_read(session, user_id=read_late, ids=None, all_=True, clock=clock)
    # When housekeeping runs 90 days and 1 second after the first was read
    clock._now = start + timedelta(days=91, seconds=1)
    counts = await run(db, clock)
    # Then only that one is gone; the unread one stays however old
    assert counts["notifications"] == 1
    assert await _notes(db) == [(unread, False), (read_late, True)]
    # And years later the unread one is still there
    clock.advance(days=3650)
    await run(db, clock)
    assert await _notes(db) == [(unread, False)]


async def test_retention_is_read_from_configuration(db: Database, clock: ManualClock) -> None:
    admin_id, alice = await users(db, clock, "admin", "alice")
    await grant(db, clock, admin_id, alice)
    async with db.transaction() as session:
        await notifications.mark_read(session, user_id=alice, ids=None, all_=True, clock=clock)
        session.add(ConfigValue(key="retention.notifications_read", value=7, updated_at=clock.now()))
    clock.advance(days=7)
    assert (await run(db, clock))["notifications"] == 0
    clock.advance(seconds=1)
    assert (await run(db, clock))["notifications"] == 1
    assert await _notes(db) == []


async def test_old_events_go_only_once_every_consumer_has_read_them(db: Database, clock: ManualClock) -> None:
    # Given four events at t0 and two 50 days later
    admin_id, alice = await users(db, clock, "admin", "alice")
    await grant(db, clock, admin_id, alice)
    await grant(db, clock, admin_id, alice)
    clock.advance(days=50)
    await grant(db, clock, admin_id, alice)
    async with db.reader() as session:
        ids = [int(i) for i in (await session.execute(select(Event.id).order_by(Event.id))).scalars()]
    assert len(ids) == 6
    # And two consumers, one up to the second event, one up to the fifth
    async with db.transaction() as session:
        session.add(ConsumerOffset(consumer="slow", last_event_id=ids[1], updated_at=clock.now()))
        session.add(ConsumerOffset(consumer="fast", last_event_id=ids[4], updated_at=clock.now()))
    # When housekeeping runs 91 days after t0 (the first four are past the 90-day retention)
    clock.advance(days=41)
    counts = await run(db, clock)
    # Then only the events both consumers have read are gone
    assert counts["events"] == 2
    async with db.reader() as session:
        left = [int(i) for i in (await session.execute(select(Event.id).order_by(Event.id))).scalars()]
    assert left == ids[2:]


async def test_expired_refresh_tokens_are_pruned_after_30_days(db: Database, clock: ManualClock) -> None:
    policy = TokenPolicy(secret="s" * 32, refresh_days=30)
    start = clock.now()
    async with db.transaction() as session:
        await auth.register(session, username="early", password="password123", policy=policy, clock=clock)
    clock.advance(days=40)
    async with db.transaction() as session:
        await auth.register(session, username="later", password="password123", policy=policy, clock=clock)
    # The first expired at t0 + 30 days; 30 days after that it may go
    clock._now = start + timedelta(days=60)
    assert (await run(db, clock))["refresh_tokens"] == 0
    clock.advance(seconds=1)
    assert (await run(db, clock))["refresh_tokens"] == 1
    assert await count(db, RefreshToken) == 1


async def test_transfers_and_the_audit_log_are_never_pruned(db: Database, clock: ManualClock) -> None:
    admin_id, alice = await users(db, clock, "admin", "alice")
    for _ in range(3):
        await grant(db, clock, admin_id, alice, key=None)
    transfers, audit = await count(db, Transfer), await count(db, AuditEntry)
    clock.advance(days=3650)
    first = await run(db, clock)
    second = await run(db, clock)
    assert (await count(db, Transfer), await count(db, AuditEntry)) == (transfers, audit) == (3, 3)
    assert first["notifications"] == 0  # unread
    assert second == dict.fromkeys(second, 0)  # a second run has nothing left to do
