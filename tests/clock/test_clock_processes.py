"""The movable clock end to end: moved through the API, it holds for every process of the deployment.

On the embedded default (in-process workers and scheduler) and on PostgreSQL + Redis with
``lucas serve``, ``lucas worker`` and ``lucas scheduler`` as separate processes: after
``adminClockAdvance`` by 15 days, the scheduled housekeeping (enqueued by the scheduler, run by a
worker) expires an idempotency key made before the move, and ``adminJobRun`` sees the moved time.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from db.engine import Database
from tests.clock.test_clock import ADVANCE, DAY, GRANT, JOB_RUN, JOBS, LOGIN, near
from tests.conftest import REDIS_URL, GraphQLClient, free_port, make_settings, need
from tests.server.support import set_role, wait_until
from tests.server.test_cli import clean_env, lucas
from tests.server.test_scaled_processes import started

REDIS_DB = 10
STARTUP = 180.0  # seconds for processes to start and scheduled runs to happen on a busy machine


def wait_for(check: Any, what: str, processes: list[Any], deadline: float = STARTUP) -> None:
    """``test_scaled_processes.wait_for`` with a deadline for a loaded 2-core machine."""
    end = time.monotonic() + deadline
    while True:
        for process in processes:
            if process.poll() is not None:
                raise AssertionError(
                    f"{process.args} exited: {process.stderr.read() if process.stderr else ''}"
                )
        try:
            if check():
                return
        except (httpx.TransportError, OSError):
            pass
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


async def keys(database_url: str) -> int:
    db = Database(database_url)
    try:
        async with db.reader() as session:
            from sqlalchemy import text

            return int((await session.execute(text("SELECT count(*) FROM idempotency_keys"))).scalar_one())
    finally:
        await db.dispose()


async def test_embedded_scheduled_housekeeping_and_an_admin_run_see_the_moved_clock(
    tmp_path: Path, sqlite_url: str, live_server_factory: Any, restore_dramatiq: None
) -> None:
    settings = replace(make_settings(tmp_path, sqlite_url), clock_mode="manual", in_process_workers=True)
    server = live_server_factory(settings, start_workers=True)
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        gql = GraphQLClient(http)
        admin, admin_id = await gql.register("boss")
        db = Database(sqlite_url)
        try:
            await set_role(db, admin_id, "admin")
        finally:
            await db.dispose()
        _, player_id = await gql.register("player")
        # Given a key used now, and the housekeeping run at start already done
        await gql(GRANT, {"u": str(player_id), "k": "monthly"}, token=admin)
        assert await keys(sqlite_url) == 1

        async def housekeeping_ran() -> bool:
            jobs = (await gql(JOBS, token=admin))["data"]["adminJobs"]
            return any(j["name"] == "housekeeping" and j["lastRunAt"] for j in jobs)

        await wait_until(housekeeping_ran, what="the start's housekeeping run")
        assert await keys(sqlite_url) == 1
        # When the clock moves 15 days
        moved = (await gql(ADVANCE, {"s": 15 * DAY}, token=admin))["data"]["adminClockAdvance"]
        assert moved["errors"] == []
        assert near(moved["now"], datetime.now(UTC) + timedelta(days=15))

        # Then the in-process scheduler finds housekeeping due and a worker thread expires the key
        async def expired() -> bool:
            return await keys(sqlite_url) == 0

        await wait_until(expired, deadline=30, what="the scheduled housekeeping on the moved clock")
        # And an admin's run sees the moved time too
        admin = (await gql(LOGIN, {"u": "boss"}))["data"]["authLogin"]["accessToken"]
        await gql(GRANT, {"u": str(player_id), "k": "weekly"}, token=admin)
        assert (await gql(ADVANCE, {"s": 15 * DAY}, token=admin))["data"]["adminClockAdvance"]["errors"] == []
        admin = (await gql(LOGIN, {"u": "boss"}))["data"]["authLogin"]["accessToken"]
        run = (await gql(JOB_RUN, {"n": "housekeeping"}, token=admin))["data"]["adminJobRun"]
        assert run["errors"] == []
        assert await keys(sqlite_url) == 0
        jobs = {j["name"]: j for j in (await gql(JOBS, token=admin))["data"]["adminJobs"]}
        assert near(jobs["housekeeping"]["lastRunAt"], datetime.now(UTC) + timedelta(days=30))


def test_serve_worker_and_scheduler_processes_share_the_moved_clock(
    tmp_path: Path, fresh_pg_database: tuple[str, str]
) -> None:
    _, url = fresh_pg_database
    redis = need(REDIS_URL, "Redis").rsplit("/", 1)[0] + f"/{REDIS_DB}"
    env = clean_env(
        tmp_path,
        LUCAS_DATABASE_URL=url,
        LUCAS_REDIS_URL=redis,
        LUCAS_SECRET_KEY="s" * 40,
        LUCAS_RATE_LIMITS="off",
        LUCAS_CLOCK="manual",
    )
    port = free_port()
    env["LUCAS_PORT"] = str(port)
    assert lucas(tmp_path, "migrate", LUCAS_DATABASE_URL=url).returncode == 0
    created = lucas(
        tmp_path, "user", "create", "boss", "--admin", stdin="password123\n", LUCAS_DATABASE_URL=url
    )
    assert created.returncode == 0, created.stderr
    api = f"http://127.0.0.1:{port}"
    dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)

    def count_keys() -> int:
        async def run() -> int:
            conn = await asyncpg.connect(dsn)
            try:
                return int(await conn.fetchval("SELECT count(*) FROM idempotency_keys"))
            finally:
                await conn.close()

        return asyncio.run(run())

    def gql(query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        body = httpx.post(
            f"{api}/graphql", json={"query": query, "variables": variables or {}}, headers=headers, timeout=20
        ).json()
        assert "errors" not in body, body
        return dict(body["data"])

    def login() -> str:
        return str(gql(LOGIN, {"u": "boss"})["authLogin"]["accessToken"])

    with (
        started(["serve", "--workers", "2"], env, tmp_path) as serve,
        started(["worker", "--threads", "2"], env, tmp_path) as worker,
        started(["scheduler"], env, tmp_path) as scheduler,
    ):
        processes = [serve, worker, scheduler]
        wait_for(
            lambda: (
                httpx.get(f"{api}/healthz", timeout=2).json()["checks"] == {"database": "ok", "redis": "ok"}
            ),
            "both serve processes to be healthy",
            processes,
        )
        admin = login()
        player = gql(
            'mutation { authRegister(input: {username: "player", password: "password123"}) { user { id } } }'
        )["authRegister"]["user"]["id"]
        # Given a key used now, and the start's housekeeping run done by the worker
        assert gql(GRANT, {"u": player, "k": "monthly"}, admin)["adminGrant"]["errors"] == []
        wait_for(
            lambda: any(
                j["name"] == "housekeeping" and j["lastRunAt"] for j in gql(JOBS, token=admin)["adminJobs"]
            ),
            "the start's housekeeping run",
            processes,
        )
        assert count_keys() == 1
        # When an admin moves the clock 15 days (through one serve process of two)
        moved = gql(ADVANCE, {"s": 15 * DAY}, admin)["adminClockAdvance"]
        assert moved["errors"] == []
        assert near(moved["now"], datetime.now(UTC) + timedelta(days=15))
        # Then the scheduler finds housekeeping due, and the worker's run expires the key
        wait_for(lambda: count_keys() == 0, "the scheduled housekeeping on the moved clock", processes)
        admin = login()
        jobs = {j["name"]: j for j in gql(JOBS, token=admin)["adminJobs"]}
        assert near(jobs["housekeeping"]["lastRunAt"], datetime.now(UTC) + timedelta(days=15))
        # And an admin's run (in a serve process) sees a further move
        assert gql(GRANT, {"u": player, "k": "weekly"}, admin)["adminGrant"]["errors"] == []
        assert gql(ADVANCE, {"s": 15 * DAY}, admin)["adminClockAdvance"]["errors"] == []
        admin = login()
        run = gql(JOB_RUN, {"n": "housekeeping"}, admin)["adminJobRun"]
        assert run["errors"] == [] and "idempotency_keys" in run["report"]
        assert count_keys() == 0
        jobs = {j["name"]: j for j in gql(JOBS, token=admin)["adminJobs"]}
        assert near(jobs["housekeeping"]["lastRunAt"], datetime.now(UTC) + timedelta(days=30))
