"""The movable clock (``LUCAS_CLOCK=manual``): real time plus an offset every process shares through
the database; ``adminClockAdvance`` moves it, ``adminJobRun`` runs a job now and ``adminJobs`` lists
the jobs. Unit tests on the resolvers, then the API in process (both databases)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from db.engine import Database
from resolvers import ops
from resolvers.accounts import auth
from resolvers.clock import MovableClock, SystemClock
from resolvers.errors import DomainError
from server.settings import SettingsError, load_settings
from tests.conftest import GraphQLClient, make_settings
from tests.server.support import running, scalar, set_role, snapshot, wait_until
from tests.server.test_cli import lucas
from workers import broker, schedule

DAY = 24 * 3600
SLACK = timedelta(seconds=30)  # how far "now" may drift while a test runs

ADVANCE = (
    "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code field message } } }"
)
JOB_RUN = (
    "mutation($n: String!) { adminJobRun(input: {name: $n}) { name report errors { code field message } } }"
)
JOBS = "{ adminJobs { name schedule lastRunAt } }"
GRANT = (
    'mutation($u: ID!, $k: String) { adminGrant(input: {userId: $u, amount: 5, reason: "r", idempotencyKey: $k})'
    " { transfer { id } errors { code } } }"
)
LOGIN = 'mutation($u: String!) { authLogin(input: {username: $u, password: "password123"}) { accessToken } }'


def near(value: datetime | str, expected: datetime) -> bool:
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    return abs(at - expected) <= SLACK


def real_now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    yield database
    await database.dispose()


async def advance(db: Database, clock: Any, seconds: Any) -> float:
    async with db.transaction() as session:
        return await ops.advance_clock(session, clock=clock, seconds=seconds, actor_id=None)


# --- the clock and its resolver ---------------------------------------------------------------


async def test_every_process_sees_the_clock_move_once_it_refreshes(db: Database) -> None:
    # Given two processes' clocks on one database: both start at the real time
    server, worker = MovableClock(), MovableClock()
    await server.refresh(db)
    await worker.refresh(db)
    assert near(server.now(), real_now()) and near(worker.now(), real_now())
    # When the clock is moved 15 days through one of them
    assert await advance(db, server, 15 * DAY) == 15 * DAY
    # Then the other sees it at its next refresh (a request, a job, a scheduler turn)
    assert near(worker.now(), real_now())
    await worker.refresh(db)
    await server.refresh(db)
    assert near(worker.now(), real_now() + timedelta(days=15))
    assert near(server.now(), real_now() + timedelta(days=15))
    # And moves add up
    assert await advance(db, worker, 3600) == 15 * DAY + 3600
    await server.refresh(db)
    assert near(server.now(), real_now() + timedelta(days=15, hours=1))


@pytest.mark.parametrize("seconds", [0, -5, ops.MAX_ADVANCE + 1, 1.5, True])
async def test_bad_seconds_are_refused_and_move_nothing(db: Database, seconds: Any) -> None:
    clock = MovableClock()
    before = await snapshot(db)
    with pytest.raises(DomainError) as refused:
        await advance(db, clock, seconds)
    assert (refused.value.code, refused.value.field) == ("INVALID_SECONDS", "seconds")
    assert await snapshot(db) == before
    await clock.refresh(db)
    assert clock.offset_seconds == 0


async def test_a_system_clock_does_not_move(db: Database) -> None:
    before = await snapshot(db)
    with pytest.raises(DomainError) as refused:
        await advance(db, SystemClock(), 60)
    assert refused.value.code == "CLOCK_NOT_MANUAL"
    assert await snapshot(db) == before


def test_settings_refuse_a_manual_clock_in_production() -> None:
    base = {"LUCAS_SECRET_KEY": "k" * 40, "LUCAS_DATA_DIR": "/nonexistent-lucas"}
    assert load_settings({**base, "LUCAS_CLOCK": "manual"}).clock_mode == "manual"
    assert load_settings(base).clock_mode == "system"
    with pytest.raises(SettingsError, match="LUCAS_CLOCK=manual is refused with LUCAS_ENV=production"):
        load_settings({**base, "LUCAS_CLOCK": "manual", "LUCAS_ENV": "production"})
    with pytest.raises(SettingsError, match="LUCAS_CLOCK must be system or manual"):
        load_settings({**base, "LUCAS_CLOCK": "fast"})


@pytest.mark.parametrize("command", ["serve", "worker", "scheduler"])
def test_every_process_refuses_to_start_with_a_manual_clock_in_production(
    tmp_path: Path, command: str
) -> None:
    result = lucas(tmp_path, command, LUCAS_CLOCK="manual", LUCAS_ENV="production", LUCAS_SECRET_KEY="k" * 40)
    assert result.returncode == 2
    assert "LUCAS_CLOCK=manual is refused with LUCAS_ENV=production" in result.stderr


async def test_the_scheduler_runs_what_fell_due_when_the_clock_moves(
    db: Database, restore_dramatiq: None
) -> None:
    # Given a scheduler on a movable clock, with an hourly job that ran at start
    configured = broker.configure(None)
    clock = MovableClock()
    stop = asyncio.Event()

    def queued() -> int:
        return len(configured.queues["default"].queue)

    task = asyncio.create_task(schedule.run(stop=stop, schedule={"housekeeping": 3600.0}, clock=clock, db=db))
    try:
        await wait_until(lambda: queued() == 1, what="the run at start")
        # When the clock moves an hour forward (through another process)
        await advance(db, MovableClock(), 3600)
        # Then the job is enqueued again without an hour passing
        await wait_until(lambda: queued() == 2, what="the run the move made due")
    finally:
        stop.set()
        task.cancel()


async def test_a_job_run_records_when_it_ran_on_the_platform_clock(
    tmp_path: Path, db: Database, database_url: str, restore_dramatiq: None
) -> None:
    from workers import runtime

    clock = MovableClock()
    await advance(db, clock, 2 * DAY)
    rt = runtime.Runtime(settings=make_settings(tmp_path, database_url), db=db, clock=clock)
    broker.discover()
    report = await broker.run("housekeeping", rt)
    assert set(report) >= {"idempotency_keys", "events", "notifications", "refresh_tokens"}
    async with db.reader() as session:
        runs = await ops.last_runs(session)
    assert near(runs["housekeeping"], real_now() + timedelta(days=2))


# --- the API ------------------------------------------------------------------------------------


async def admin_and_player(app: Any, gql: GraphQLClient) -> tuple[str, int, str, int]:
    admin, admin_id = await gql.register("boss")
    await set_role(app.state.services.db, admin_id, "admin")
    player, player_id = await gql.register("player")
    return admin, admin_id, player, player_id


async def test_without_a_manual_clock_the_mutation_answers_an_error_and_moves_nothing(settings: Any) -> None:
    async with running(settings) as (app, gql):
        admin, *_ = await admin_and_player(app, gql)
        db = app.state.services.db
        before = await snapshot(db)
        body = await gql(ADVANCE, {"s": 60}, token=admin)
        assert body["data"]["adminClockAdvance"]["now"] is None
        assert [e["code"] for e in body["data"]["adminClockAdvance"]["errors"]] == ["CLOCK_NOT_MANUAL"]
        assert await snapshot(db) == before


async def test_an_admin_moves_the_clock_and_it_is_audited(settings: Any) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        admin, admin_id, player, _ = await admin_and_player(app, gql)
        db = app.state.services.db
        # A player may not
        body = await gql(ADVANCE, {"s": 60}, token=player, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        # Bad seconds change nothing
        before = await snapshot(db)
        for seconds in (0, -1, ops.MAX_ADVANCE + 1):
            body = await gql(ADVANCE, {"s": seconds}, token=admin)
            assert body["data"]["adminClockAdvance"]["errors"][0]["code"] == "INVALID_SECONDS"
            assert body["data"]["adminClockAdvance"]["errors"][0]["field"] == "seconds"
        assert await snapshot(db) == before
        # One day forward
        body = await gql(ADVANCE, {"s": DAY}, token=admin)
        payload = body["data"]["adminClockAdvance"]
        assert payload["errors"] == []
        assert near(payload["now"], real_now() + timedelta(days=1))
        assert (
            await scalar(
                db,
                "SELECT count(*) FROM audit_log WHERE action = 'admin.clock_advance' AND actor_id = :a",
                a=admin_id,
            )
            == 1
        )


async def test_after_15_days_a_housekeeping_run_expires_an_idempotency_key(settings: Any) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        admin, admin_id, _, player_id = await admin_and_player(app, gql)
        db = app.state.services.db
        first = await gql(GRANT, {"u": str(player_id), "k": "monthly"}, token=admin)
        # Given the clock moved 15 days (access tokens expired meanwhile: sign in again)
        assert (await gql(ADVANCE, {"s": 15 * DAY}, token=admin))["data"]["adminClockAdvance"]["errors"] == []
        admin = (await gql(LOGIN, {"u": "boss"}))["data"]["authLogin"]["accessToken"]
        # When an admin runs housekeeping now
        body = await gql(JOB_RUN, {"n": "housekeeping"}, token=admin)
        # Then it reports the expired key, the run is listed and audited
        run = body["data"]["adminJobRun"]
        assert run["errors"] == [] and run["name"] == "housekeeping"
        assert run["report"]["idempotency_keys"] == 1
        jobs = {j["name"]: j for j in (await gql(JOBS, token=admin))["data"]["adminJobs"]}
        assert jobs["housekeeping"]["schedule"] == "every 3600 s"
        assert jobs["parser_retrain"]["schedule"] == "every 3600 s, not at start"
        assert near(jobs["housekeeping"]["lastRunAt"], real_now() + timedelta(days=15))
        assert jobs["outbox_relay"]["lastRunAt"] is None
        assert (
            await scalar(
                db,
                "SELECT count(*) FROM audit_log WHERE action = 'admin.job_run' AND actor_id = :a",
                a=admin_id,
            )
            == 1
        )
        # And the key may be used again: it makes a new grant
        again = await gql(GRANT, {"u": str(player_id), "k": "monthly"}, token=admin)
        assert again["data"]["adminGrant"]["transfer"]["id"] != first["data"]["adminGrant"]["transfer"]["id"]


async def test_unknown_jobs_and_players_are_refused(settings: Any) -> None:
    async with running(settings) as (app, gql):
        admin, _, player, _ = await admin_and_player(app, gql)
        db = app.state.services.db
        before = await snapshot(db)
        body = await gql(JOB_RUN, {"n": "no_such_job"}, token=admin)
        assert body["data"]["adminJobRun"]["report"] is None
        assert [(e["code"], e["field"]) for e in body["data"]["adminJobRun"]["errors"]] == [
            ("UNKNOWN_JOB", "name")
        ]
        assert await snapshot(db) == before
        for query, variables in ((JOB_RUN, {"n": "housekeeping"}), (JOBS, None)):
            body = await gql(query, variables, token=player, expect_errors=True)
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert await snapshot(db) == before


async def test_signing_in_creates_users_on_the_moved_clock(db: Database) -> None:
    """Rows written after a move carry the moved time (the clock is the platform's, not the host's)."""
    clock = MovableClock()
    await advance(db, clock, 30 * DAY)
    await clock.refresh(db)
    async with db.transaction() as session:
        user = await auth.create_user(session, username="later", password=None, clock=clock)
    assert near(user.created_at, real_now() + timedelta(days=30))


@pytest.fixture
def failing_job() -> Iterator[str]:
    name = "test_always_fails"

    async def fails() -> dict[str, int]:
        raise ValueError("the disk is full")

    broker.job(name, every=10.0**9)(fails)
    yield name
    broker.JOBS.pop(name, None)


async def test_a_failing_job_answers_job_failed_and_is_audited(settings: Any, failing_job: str) -> None:
    async with running(settings) as (app, gql):
        admin, admin_id, _, _ = await admin_and_player(app, gql)
        body = await gql(JOB_RUN, {"n": failing_job}, token=admin)
        payload = body["data"]["adminJobRun"]
        assert payload["report"] is None
        assert [e["code"] for e in payload["errors"]] == ["JOB_FAILED"]
        assert "ValueError: the disk is full" in payload["errors"][0]["message"]
        data = await scalar(
            app.state.services.db,
            "SELECT data FROM audit_log WHERE action = 'admin.job_run' AND actor_id = :a",
            a=admin_id,
        )
        assert "the disk is full" in str(data)
        # An on-demand job (it takes arguments) is not an admin's to run
        from tests.workers import paying_job

        body = await gql(JOB_RUN, {"n": paying_job.NAME}, token=admin)
        assert [e["code"] for e in body["data"]["adminJobRun"]["errors"]] == ["UNKNOWN_JOB"]
        names = [j["name"] for j in (await gql(JOBS, token=admin))["data"]["adminJobs"]]
        assert paying_job.NAME not in names and "housekeeping" in names
