"""The scaled-out mode as separate processes: ``lucas serve --workers 2``, ``lucas worker`` and
``lucas scheduler`` on one PostgreSQL database and one Redis. An event caused through the API is
relayed to the durable consumers by a job that the scheduler enqueued and a worker ran."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx

from tests.conftest import REDIS_URL, free_port, need
from tests.server.test_cli import LUCAS, clean_env, lucas

DEADLINE = 60.0


@contextlib.contextmanager
def started(args: list[str], env: dict[str, str], cwd: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [LUCAS, *args], env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def wait_for(check: object, what: str, processes: list[subprocess.Popen[str]]) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise AssertionError(
                    f"{process.args} exited: {process.stderr.read() if process.stderr else ''}"
                )
        try:
            if check():  # type: ignore[operator]
                return
        except (httpx.TransportError, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_worker_and_scheduler_processes_work_together(
    tmp_path: Path, fresh_pg_database: tuple[str, str]
) -> None:
    _, url = fresh_pg_database
    redis = need(REDIS_URL, "Redis").rsplit("/", 1)[0] + "/11"
    env = clean_env(
        tmp_path,
        LUCAS_DATABASE_URL=url,
        LUCAS_REDIS_URL=redis,
        LUCAS_SECRET_KEY="s" * 40,
        LUCAS_RATE_LIMITS="off",
    )
    port = free_port()
    env["LUCAS_PORT"] = str(port)
    assert lucas(tmp_path, "migrate", LUCAS_DATABASE_URL=url).returncode == 0
    created = lucas(
        tmp_path,
        "user",
        "create",
        "boss",
        "--admin",
        stdin="boss password\n",
        LUCAS_DATABASE_URL=url,
        LUCAS_SECRET_KEY="s" * 40,
    )
    assert created.returncode == 0, created.stderr
    api = f"http://127.0.0.1:{port}"
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

        def gql(query: str, token: str | None = None) -> dict:
            headers = {"authorization": f"Bearer {token}"} if token else {}
            body = httpx.post(f"{api}/graphql", json={"query": query}, headers=headers, timeout=10).json()
            assert "errors" not in body, body
            return body["data"]

        admin = gql(
            'mutation { authLogin(input: {username: "boss", password: "boss password"}) { accessToken } }'
        )
        token = admin["authLogin"]["accessToken"]
        player = gql(
            'mutation { authRegister(input: {username: "player", password: "password123"}) { user { id } } }'
        )
        player_id = player["authRegister"]["user"]["id"]
        granted = gql(
            f'mutation {{ adminGrant(input: {{userId: "{player_id}", amount: 5, reason: "hi"}}) '
            "{ errors { code } } }",
            token,
        )
        assert granted["adminGrant"]["errors"] == []

        async def relayed() -> bool:
            conn = await asyncpg.connect(_dsn(url))
            try:
                newest = await conn.fetchval("SELECT max(id) FROM events")
                offsets = await conn.fetch("SELECT consumer, last_event_id FROM consumer_offsets")
            finally:
                await conn.close()
            return bool(offsets) and all(row["last_event_id"] >= newest for row in offsets)

        wait_for(
            lambda: asyncio.run(relayed()), "the worker to relay the events to every consumer", processes
        )


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)
