"""Real ``lucas`` processes on one PostgreSQL database and one Redis, as in the scaled-out mode
(README, "Scaled out"): N ``lucas serve``, a ``lucas worker`` and a ``lucas scheduler``.

Shared by ``tests/crossproc`` and the fan-out benchmark (``tests/bench/bench_fanout.py``). The
shared test Redis is one server for everyone and its pub/sub channels are not scoped by database
number: ``unique_user_ids`` starts the users' ids somewhere random so per-user channels do not
meet another run's, and waits on shared channels compare with a count taken before subscribing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

ROOT = Path(__file__).resolve().parents[2]
LUCAS = str(Path(sys.executable).parent / "lucas")
PROTOCOL = Subprotocol("graphql-transport-ws")
STARTUP = float(os.environ.get("LUCAS_CROSSPROC_STARTUP") or 300)  # seconds; a loaded 2-core machine is slow
ADMIN_PASSWORD = "crossproc admin password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


@contextlib.contextmanager
def fresh_database(server_dsn: str, template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database (a copy of ``template`` when given, else empty); its SQLAlchemy
    URL. Dropped afterwards."""
    name = f"xp_{uuid.uuid4().hex[:12]}"
    base = server_dsn.rsplit("/", 1)[0]

    async def run(sql: str) -> None:
        conn = await asyncpg.connect(server_dsn)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    try:
        yield base.replace("postgresql://", "postgresql+asyncpg://", 1) + f"/{name}"
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def unique_user_ids(database_url: str) -> None:
    conn = await asyncpg.connect(pg_dsn(database_url))
    try:
        await conn.execute(f"ALTER SEQUENCE users_id_seq RESTART WITH {random.randrange(10**9, 2 * 10**9)}")
    finally:
        await conn.close()


class Process:
    """A child process whose output goes to a file (a pipe nobody reads would fill and block it)."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], logs: Path) -> None:
        self.name = name
        self.log = logs / f"{name}.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [LUCAS, *args], env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


@dataclass
class Cluster:
    """``serves[i]`` is the base URL (http://127.0.0.1:port) of the i-th ``lucas serve``."""

    database_url: str
    redis_url: str
    serves: list[str]
    processes: list[Process]
    admin_token: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def check_alive(self) -> None:
        for p in self.processes:
            if not p.alive():
                raise AssertionError(f"{p.name} exited ({p.process.returncode}):\n{p.output()}")

    def graphql(self, index: int) -> str:
        return f"{self.serves[index]}/graphql"

    def ws(self, index: int) -> str:
        return self.graphql(index).replace("http://", "ws://", 1)


def base_env(database_url: str, redis_url: str, logs: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUCAS_")}
    env.update(
        LUCAS_DATABASE_URL=database_url,
        LUCAS_REDIS_URL=redis_url,
        LUCAS_SECRET_KEY="crossproc-secret-" + "x" * 32,
        LUCAS_RATE_LIMITS="off",
        LUCAS_DATA_DIR=str(logs / "data"),
        LUCAS_FRONTEND_DIR=str(logs / "no-frontend"),
        LUCAS_LOG_LEVEL="warning",
    )
    env.update(extra)
    return env


def _healthy(url: str) -> bool:
    try:
        body = httpx.get(f"{url}/healthz", timeout=2).json()
    except (httpx.HTTPError, ValueError):
        return False
    return bool(body.get("checks") == {"database": "ok", "redis": "ok"})


@contextlib.contextmanager
def running(
    database_url: str,
    redis_url: str,
    logs: Path,
    *,
    serves: int = 2,
    jobs: bool = True,
    migrate: bool = False,
    **extra_env: str,
) -> Iterator[Cluster]:
    """``serves`` API processes (and, with ``jobs``, a worker and the scheduler), started together
    and healthy; an admin ``admin`` signed in. Every process is stopped afterwards."""
    logs.mkdir(parents=True, exist_ok=True)
    env = base_env(database_url, redis_url, logs, **extra_env)
    if migrate:
        subprocess.run([LUCAS, "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)
    asyncio.run(unique_user_ids(database_url))
    created = subprocess.run(
        [LUCAS, "user", "create", "admin", "--admin"],
        input=ADMIN_PASSWORD + "\n",
        text=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    assert created.returncode == 0, created.stderr
    processes: list[Process] = []
    urls: list[str] = []
    try:
        for i in range(serves):
            port = free_port()
            urls.append(f"http://127.0.0.1:{port}")
            processes.append(Process(f"serve{i}", ["serve", "--port", str(port)], env, logs))
        if jobs:
            processes.append(Process("worker", ["worker", "--threads", "2"], env, logs))
            processes.append(Process("scheduler", ["scheduler"], env, logs))
        cluster = Cluster(database_url, redis_url, urls, processes)
        deadline = time.monotonic() + STARTUP
        pending = list(urls)
        while pending:
            cluster.check_alive()
            pending = [u for u in pending if not _healthy(u)]
            if pending and time.monotonic() > deadline:
                logs_text = "\n".join(f"--- {p.name}\n{p.output()}" for p in processes)
                raise AssertionError(f"{pending} not healthy within {STARTUP} s:\n{logs_text}")
            if pending:
                time.sleep(0.1)
        cluster.admin_token = gql_sync(
            cluster.graphql(0),
            'mutation($p: String!) { authLogin(input: {username: "admin", password: $p}) { accessToken } }',
            {"p": ADMIN_PASSWORD},
        )["authLogin"]["accessToken"]
        yield cluster
    finally:
        for p in processes:
            p.stop()


def gql_sync(url: str, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    body = httpx.post(
        url, json={"query": query, "variables": variables or {}}, headers=headers, timeout=30
    ).json()
    if body.get("errors"):
        raise AssertionError(body["errors"])
    return body["data"]


async def gql(
    http: httpx.AsyncClient,
    url: str,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await http.post(url, json={"query": query, "variables": variables or {}}, headers=headers)
    body = response.json()
    if body.get("errors"):
        raise AssertionError(body["errors"])
    return body["data"]


REGISTER = (
    "mutation($u: String!, $p: String!) { authRegister(input: {username: $u, password: $p})"
    " { accessToken user { id } errors { code } } }"
)


async def register(http: httpx.AsyncClient, url: str, username: str) -> tuple[str, int]:
    payload = (await gql(http, url, REGISTER, {"u": username, "p": "password-" + secrets.token_hex(4)}))[
        "authRegister"
    ]
    assert payload["errors"] == [], payload
    return payload["accessToken"], int(payload["user"]["id"])


async def receive(ws: ClientConnection, deadline: float) -> dict[str, Any]:
    """The next protocol message other than keep-alives (a ping is answered)."""
    while True:
        message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), deadline))
        if message["type"] == "ping":
            await ws.send(json.dumps({"type": "pong"}))
            continue
        if message["type"] != "pong":
            return message


@contextlib.asynccontextmanager
async def subscription(
    url: str,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    deadline: float = 20.0,
) -> Any:
    """A graphql-transport-ws socket with one subscription (id "1") sent."""
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=deadline, max_queue=None) as ws:
        payload = {"authorization": f"Bearer {token}"} if token else {}
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        ack = await receive(ws, deadline)
        assert ack["type"] == "connection_ack", ack
        await ws.send(
            json.dumps(
                {"id": "1", "type": "subscribe", "payload": {"query": query, "variables": variables or {}}}
            )
        )
        yield ws


async def next_matching(
    ws: ClientConnection, matches: Callable[[dict[str, Any]], bool], *, deadline: float = 20.0
) -> dict[str, Any]:
    """The data of the first ``next`` message that ``matches`` (others, from other runs on the
    shared Redis or earlier changes, are skipped); fails on an ``error`` or after ``deadline`` seconds."""
    end = time.monotonic() + deadline
    seen: list[Any] = []
    while True:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no matching message within {deadline} s; saw {seen}")
        try:
            message = await receive(ws, left)
        except TimeoutError:
            continue
        if message["type"] in ("error", "complete"):
            raise AssertionError(f"subscription ended: {message}")
        data = message.get("payload", {}).get("data")
        if message.get("payload", {}).get("errors"):
            raise AssertionError(f"subscription error: {message}")
        seen.append(data)
        if data is not None and matches(data):
            return dict(data)


async def numsub(redis: Any, channel: str) -> int:
    counts = dict(await redis.pubsub_numsub(channel))
    return int(counts.get(channel.encode(), 0))


async def wait_for(condition: Callable[[], Awaitable[bool]], what: str, *, deadline: float = 20.0) -> None:
    end = time.monotonic() + deadline
    while not await condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {deadline} s waiting for {what}")
        await asyncio.sleep(0.02)


async def wait_subscribed(redis: Any, channel: str, *, above: int, deadline: float = 20.0) -> None:
    """Until more processes listen on ``channel`` than the ``above`` counted before subscribing
    (each ``serve`` process holds one Redis subscription per channel, whatever its subscribers)."""

    async def more() -> bool:
        return await numsub(redis, channel) > above

    await wait_for(more, f"a subscription to {channel} on Redis", deadline=deadline)
