"""The jobs on real Dramatiq brokers: the Redis broker with a worker (scaled mode) and the stub
broker with worker threads (embedded mode). Jobs are reconcilers: repeated messages change nothing.

The Redis broker runs in a database of its own on the shared test Redis, so that no other test's
queue is consumed here.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dramatiq
import pytest
import redis
from dramatiq.asyncio import get_event_loop_thread
from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models import Event, IdempotencyRecord
from resolvers import admin, outbox
from resolvers.accounts import auth
from resolvers.clock import ManualClock
from tests.conftest import REDIS_URL, make_settings, need
from workers import broker as lucas_broker
from workers import runtime, schedule

JOIN_TIMEOUT_MS = 30_000
REDIS_DB = 13


def isolated_redis_url() -> str:
    parts = urlsplit(need(REDIS_URL, "Redis"))
    return urlunsplit(parts._replace(path=f"/{REDIS_DB}"))


class Recorder:
    def __init__(self) -> None:
        self.name = f"test-{uuid.uuid4().hex[:8]}"
        self.seen: list[int] = []

    async def __call__(self, session: AsyncSession, event: Event) -> None:
        self.seen.append(int(event.id or 0))


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    outbox.consumer(rec.name)(rec)
    yield rec
    outbox.CONSUMERS.pop(rec.name, None)


async def _seed(database_url: str, clock: ManualClock) -> None:
    """Two grants at t0, one with an idempotency key (it expires after 14 days)."""
    db = Database(database_url)
    try:
        async with db.transaction() as session:
            admin_user = await auth.create_user(session, username="admin", password=None, clock=clock)
            alice = await auth.create_user(session, username="alice", password=None, clock=clock)
        for key in ("monthly", None):
            async with db.transaction() as session:
                await admin.grant(
                    session,
                    actor_id=int(admin_user.id or 0),
                    user_id=int(alice.id or 0),
                    currency="COIN",
                    amount=5,
                    reason="seed",
                    idempotency_key=key,
                    clock=clock,
                )
    finally:
        await db.dispose()


async def _state(database_url: str) -> tuple[list[int], int]:
    db = Database(database_url)
    try:
        async with db.reader() as session:
            events = [int(i) for i in (await session.execute(select(Event.id).order_by(Event.id))).scalars()]
            keys = len((await session.execute(select(IdempotencyRecord.scope))).all())
    finally:
        await db.dispose()
    return events, keys


def _run_jobs(configured: dramatiq.Broker, *names: str, settings: Any, clock: ManualClock) -> None:
    """Starts a worker, enqueues the jobs, waits until the queue is empty, stops the worker."""
    runtime.configure(settings, clock=clock)
    worker = dramatiq.Worker(configured, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        for name in names:
            lucas_broker.send(name)
        configured.join("default", timeout=JOIN_TIMEOUT_MS)
    finally:
        # the runtime's engine lives on the worker's event loop: close it there
        get_event_loop_thread().run_coroutine(runtime.get().db.dispose())
        worker.stop()


def test_jobs_run_on_the_redis_broker(
    tmp_path: Path, database_url: str, recorder: Recorder, restore_dramatiq: None
) -> None:
    # Given events and an idempotency key made at t0, and a clock 15 days later
    clock = ManualClock()
    asyncio.run(_seed(database_url, clock))
    clock.advance(days=15)
    events_before, keys_before = asyncio.run(_state(database_url))
    url = isolated_redis_url()
    client = redis.Redis.from_url(url)
    for key in client.scan_iter("dramatiq:*"):
        client.delete(key)
    client.close()
    # When a worker on the Redis broker runs housekeeping and the outbox relay (twice)
    configured = lucas_broker.configure(url)
    assert type(configured).__name__ == "RedisBroker"
    assert dramatiq.get_broker() is configured
    _run_jobs(
        configured,
        "housekeeping",
        "outbox_relay",
        "outbox_relay",
        settings=make_settings(tmp_path, database_url),
        clock=clock,
    )
    # Then the key has expired, and every event reached the consumer exactly once
    events_after, keys_after = asyncio.run(_state(database_url))
    assert (len(events_before), keys_before) == (4, 1)
    assert keys_after == 0
    assert events_after == events_before
    assert recorder.seen == events_before


def test_jobs_run_on_the_stub_broker(
    tmp_path: Path, database_url: str, recorder: Recorder, restore_dramatiq: None
) -> None:
    clock = ManualClock()
    asyncio.run(_seed(database_url, clock))
    clock.advance(days=15)
    events_before, _ = asyncio.run(_state(database_url))
    configured = lucas_broker.configure(None)
    assert type(configured).__name__ == "StubBroker"
    assert lucas_broker.configured()
    _run_jobs(
        configured,
        "outbox_relay",
        "housekeeping",
        settings=make_settings(tmp_path, database_url),
        clock=clock,
    )
    events_after, keys_after = asyncio.run(_state(database_url))
    assert keys_after == 0
    assert recorder.seen == events_before == events_after


def test_configure_declares_every_job_as_an_actor(restore_dramatiq: None) -> None:
    configured = lucas_broker.configure(None)
    assert set(lucas_broker.JOBS) >= {"outbox_relay", "housekeeping"}
    assert set(configured.get_declared_actors()) == set(lucas_broker.JOBS)
    assert configured.get_actor("housekeeping").options["max_retries"] == 3


# Intervals longer than any machine's uptime: what runs, runs because of the start or a kick
LONG = 10.0**9


def _queued(configured: dramatiq.Broker) -> list[str]:
    return sorted(dramatiq.Message.decode(m).actor_name for m in list(configured.queues["default"].queue))


async def test_the_schedule_enqueues_every_job_when_it_starts(restore_dramatiq: None) -> None:
    # A scheduler that (re)starts catches up at once instead of waiting a whole interval
    configured = lucas_broker.configure(None)
    stop = asyncio.Event()
    task = asyncio.create_task(schedule.run(stop=stop, schedule={"outbox_relay": LONG, "housekeeping": LONG}))
    try:
        await _until(lambda: _queued(configured) == ["housekeeping", "outbox_relay"])
    finally:
        stop.set()
        task.cancel()


async def test_a_kick_enqueues_the_relay_at_once(restore_dramatiq: None) -> None:
    configured = lucas_broker.configure(None)
    stop, kick = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(
        schedule.run(stop=stop, kick=kick, schedule={"outbox_relay": LONG, "housekeeping": LONG})
    )
    try:
        for _ in range(5):  # let the scheduler take its first turn and wait
            await asyncio.sleep(0)
        before = _queued(configured).count("outbox_relay")
        # When a commit kicks the scheduler
        kick.set()
        # Then one more relay is enqueued without waiting for its interval
        await _until(lambda: _queued(configured).count("outbox_relay") == before + 1)
    finally:
        stop.set()
        task.cancel()


async def _until(condition: Any, deadline: float = 5.0) -> None:
    from tests.server.support import wait_until

    await wait_until(condition, deadline=deadline, what="scheduled messages")


def test_runtime_defaults_to_the_process_settings(tmp_path: Path, restore_dramatiq: None) -> None:
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/r.sqlite3")
    clock = ManualClock()
    runtime.configure(settings, clock=clock)
    configured = runtime.get()
    assert configured.settings is settings
    assert configured.clock is clock
    assert configured.db.url == settings.database_url


def test_jobs_declare_their_schedule_where_they_are_defined(restore_dramatiq: None) -> None:
    jobs = lucas_broker.discover()
    intervals, not_at_start = schedule.intervals()
    assert intervals["outbox_relay"] == 2.0 and intervals["housekeeping"] == 3600.0
    assert "parser_retrain" in not_at_start and "housekeeping" not in not_at_start
    assert jobs["housekeeping"].schedule == "every 3600 s"
    assert jobs["parser_retrain"].schedule == "every 3600 s, not at start"
    with pytest.raises(ValueError, match="every must be a positive number"):
        lucas_broker.job("never", every=0)


def test_a_job_outside_a_configured_process_is_a_clear_error(restore_dramatiq: None) -> None:
    runtime._runtime = None
    with pytest.raises(RuntimeError, match="the job runtime is not configured"):
        runtime.get()


def test_workers_never_import_the_server() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from workers import broker, schedule, runtime; broker.discover(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'server', 'schema', 'bot'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
