"""The bank workload survives crashes: payments, purchases and grants from many clients, with
idempotency keys and retries, across two ``lucas serve`` processes, a ``lucas worker`` and a
``lucas scheduler`` on PostgreSQL and a Redis this test owns. Meanwhile one ``serve`` process is
killed with SIGKILL three times (and restarted each time) and Redis is restarted once (it keeps
nothing: no snapshot, no append-only file).

Afterwards: every asset sums to zero, no player balance is negative, every mutation a client saw
succeed is in the ledger, repeating them with their keys (every one that took retries, and
``LUCAS_FAULT_REPEATS`` others) returns the first results and moves nothing, the audit chain
verifies once sealed, and every durable consumer reaches the last event.

A client retries an operation (same key, same input) on any transport error, 5xx or INTERNAL,
alternating the two servers, until it gets an answer: that is what idempotency keys are for.
The chaos is paced by operations, not by time: each fault comes when half of the operations let
through since the last one are done, so the other half is in flight. ``LUCAS_FAULT_STEP``
(operations per phase, default 15) and ``LUCAS_FAULT_CLIENTS`` (default 6) size it; the longer
run is ``LUCAS_FAULT_STEP=400 LUCAS_FAULT_CLIENTS=16 LUCAS_FAULT_REPEATS=100000 pytest tests/fault``
(see the README).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from db.engine import Database
from resolvers import audit, ledger
from tests.conftest import free_port
from tests.server.test_cli import LUCAS, clean_env

STEP = int(os.environ.get("LUCAS_FAULT_STEP", "15"))
CLIENTS = int(os.environ.get("LUCAS_FAULT_CLIENTS", "6"))
REPEATS = int(os.environ.get("LUCAS_FAULT_REPEATS", "30"))
DEADLINE = float(os.environ.get("LUCAS_FAULT_DEADLINE", "90"))
SECRET = "fault-test-secret-" + "k" * 32
PASSWORD = "password123"

REGISTER = (
    "mutation($u:String!,$p:String!){authRegister(input:{username:$u,password:$p})"
    "{accessToken user{id} errors{code}}}"
)
LOGIN = (
    "mutation($u:String!,$p:String!){authLogin(input:{username:$u,password:$p}){accessToken errors{code}}}"
)
PAY = (
    "mutation($to:ID!,$a:Amount!,$k:String){walletTransfer(input:{toUserId:$to,amount:$a,idempotencyKey:$k})"
    "{transfer{id amount} errors{code}}}"
)
BUY = (
    "mutation($i:ID!,$q:Int!,$k:String){shopPurchase(input:{itemId:$i,quantity:$q,idempotencyKey:$k})"
    "{quantity errors{code}}}"
)
GRANT = (
    'mutation($u:ID!,$a:Amount!,$k:String){walletGrant(input:{userId:$u,amount:$a,reason:"fault",'
    "idempotencyKey:$k}){transfer{id amount} errors{code}}}"
)
ITEM = "mutation($n:String!,$p:Amount!){shopItemCreate(input:{name:$n,price:$p}){item{id} errors{code}}}"


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def poll(condition: Callable[[], Awaitable[bool]], what: str, deadline: float = DEADLINE) -> None:
    """Polls until ``condition`` holds; fails the test past the deadline."""
    end = time.monotonic() + deadline
    while not await condition():
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


class Process:
    """A child process whose output goes to a file (a pipe nobody reads would block it)."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.name, self.args, self.env, self.cwd = name, args, env, cwd
        self.starts = 0
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.starts += 1
        log = open(self.cwd / f"{self.name}.{self.starts}.log", "wb")
        self.process = subprocess.Popen(self.args, env=self.env, cwd=self.cwd, stdout=log, stderr=log)
        log.close()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def output(self) -> str:
        return "\n".join(
            p.read_text(errors="replace")[-3000:] for p in sorted(self.cwd.glob(f"{self.name}.*.log"))
        )


@dataclass
class Op:
    kind: str
    query: str
    variables: dict[str, Any]
    actor: str


@dataclass
class Seen:
    """What the clients saw: the first definitive answer per key, and the retries it took."""

    answers: dict[str, tuple[Op, dict[str, Any]]] = field(default_factory=dict)
    retried: Counter[str] = field(default_factory=Counter)
    ambiguous: set[str] = field(default_factory=set)  # keys sent more than once
    done: int = 0
    phases: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def phase(self, name: str) -> None:
        self.phases.append(f"{name} at {time.monotonic() - self.started:.1f} s ({self.done} ops)")


class Bank:
    def __init__(self, urls: list[str], http: httpx.AsyncClient) -> None:
        self.urls = urls
        self.http = http
        self.tokens: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.items: list[str] = []
        self.seen = Seen()
        self.allowed = 0  # operations the chaos lets the clients start so far
        self.issued = 0
        self.budget = asyncio.Condition()

    async def allow(self, more: int) -> None:
        async with self.budget:
            self.allowed += more
            self.budget.notify_all()

    async def ticket(self) -> None:
        async with self.budget:
            await self.budget.wait_for(lambda: self.issued < self.allowed)
            self.issued += 1

    async def post(self, query: str, variables: dict[str, Any], actor: str | None, *, start: int = 0) -> Any:
        """Sends until a definitive answer: retries transport errors, 5xx and INTERNAL (same body)."""
        data, _ = await self.send(query, variables, actor, start=start)
        return data

    async def send(
        self, query: str, variables: dict[str, Any], actor: str | None, *, start: int = 0
    ) -> tuple[Any, int]:
        attempt = start
        end = time.monotonic() + DEADLINE
        last = ""
        while True:
            url = self.urls[attempt % len(self.urls)]
            attempt += 1
            if time.monotonic() > end:
                pytest.fail(f"no definitive answer for {variables} within {DEADLINE} s; last: {last}")
            headers = {"authorization": f"Bearer {self.tokens[actor]}"} if actor else {}
            try:
                response = await self.http.post(
                    f"{url}/graphql", json={"query": query, "variables": variables}, headers=headers
                )
            except httpx.TransportError as exc:
                self.seen.retried[type(exc).__name__] += 1
                last = repr(exc)
                continue
            last = f"{response.status_code} {response.text[:300]}"
            if response.status_code == 401 and actor:
                await self.login(actor)
                continue
            if response.status_code >= 500:
                self.seen.retried[f"HTTP {response.status_code}"] += 1
                continue
            body = response.json()
            codes = [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]
            if "INTERNAL" in codes:
                self.seen.retried["INTERNAL"] += 1
                continue
            assert response.status_code == 200 and not codes, body
            return body["data"], attempt - start - 1

    async def register(self, name: str) -> None:
        data = await self.post(REGISTER, {"u": name, "p": PASSWORD}, None)
        payload = data["authRegister"]
        assert payload["errors"] == [], payload
        self.tokens[name], self.ids[name] = payload["accessToken"], payload["user"]["id"]

    async def login(self, name: str) -> None:
        data = await self.post(LOGIN, {"u": name, "p": PASSWORD}, None)
        self.tokens[name] = data["authLogin"]["accessToken"]

    async def run(self, op: Op, start: int) -> None:
        data, retries = await self.send(op.query, op.variables, op.actor, start=start)
        self.seen.answers[op.variables["k"]] = (op, data)
        if retries:
            self.seen.ambiguous.add(op.variables["k"])
        self.seen.done += 1


def _succeeded(answer: dict[str, Any]) -> bool:
    payload = next(iter(answer.values()))
    return bool(payload["errors"] == [])


async def _promote(url: str, username: str) -> None:
    conn = await asyncpg.connect(_dsn(url))
    try:
        await conn.execute("UPDATE users SET role = 'admin' WHERE username = $1", username)
    finally:
        await conn.close()


async def test_bank_workload_survives_serve_kills_and_a_redis_restart(
    tmp_path: Path, postgres_url: str
) -> None:
    redis_port, ports = free_port(), [free_port(), free_port()]
    redis = Process(
        "redis",
        [
            "redis-server",
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        dict(os.environ),
        tmp_path,
    )
    env = clean_env(
        tmp_path,
        LUCAS_DATABASE_URL=postgres_url,
        LUCAS_REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        LUCAS_SECRET_KEY=SECRET,
        LUCAS_RATE_LIMITS="off",
        LUCAS_PARSER_MODEL="off",
    )
    serves = [
        Process(f"serve{i}", [LUCAS, "serve", "--port", str(p)], env, tmp_path) for i, p in enumerate(ports)
    ]
    others = [
        Process("worker", [LUCAS, "worker", "--threads", "2"], env, tmp_path),
        Process("scheduler", [LUCAS, "scheduler"], env, tmp_path),
    ]
    everything = [redis, *serves, *others]
    urls = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        async with httpx.AsyncClient(timeout=30) as http:
            redis.start()
            for process in (*serves, *others):
                process.start()

            async def healthy(url: str) -> bool:
                for process in everything:
                    assert process.alive() or process is serves[1], (
                        f"{process.name} exited:\n{process.output()}"
                    )
                try:
                    checks = (await http.get(f"{url}/healthz", timeout=5)).json()["checks"]
                except (httpx.TransportError, ValueError):
                    return False
                return bool(checks == {"database": "ok", "redis": "ok"})

            for url in urls:
                await poll(lambda url=url: healthy(url), f"{url} to be healthy")  # type: ignore[misc]
            bank = Bank(urls, http)
            seen = bank.seen
            seen.phase("all healthy")
            await _setup(bank, postgres_url)
            chaos_done = asyncio.Event()

            async def client(number: int) -> None:
                rng = random.Random(number)
                name = f"player{number}"
                n = 0
                while not chaos_done.is_set():
                    await bank.ticket()
                    n += 1
                    await bank.run(_operation(rng, name, number, n, bank), start=rng.randrange(2))

            async def admin() -> None:
                rng = random.Random(-1)
                n = 0
                while not chaos_done.is_set():
                    await bank.ticket()
                    n += 1
                    who = f"player{rng.randrange(CLIENTS)}"
                    variables = {"u": bank.ids[who], "a": rng.randint(1, 40), "k": f"grant-{n}"}
                    await bank.run(Op("grant", GRANT, variables, "boss"), start=rng.randrange(2))

            async def after(more: int) -> None:
                """Lets ``more`` operations start and returns when half of them are done, so that
                the next fault finds the others in flight."""
                target = seen.done + more // 2
                await bank.allow(more)
                await poll(lambda: _true(seen.done >= target), f"{more} more operations")

            async def chaos() -> None:
                victim = serves[1]
                for round in range(1, 4):
                    await after(STEP)
                    victim.kill()
                    seen.phase(f"SIGKILL {round}")
                    await after(STEP // 3 or 1)
                    victim.start()
                    await poll(lambda: healthy(urls[1]), "the killed serve process to come back")
                    seen.phase(f"serve back {round}")
                await after(STEP)
                redis.stop()
                seen.phase("Redis stopped")
                await after(STEP // 3 or 1)
                redis.start()
                for url in urls:
                    await poll(lambda url=url: healthy(url), "Redis to be back")  # type: ignore[misc]
                seen.phase("Redis back")
                await after(STEP)
                chaos_done.set()
                await bank.allow(CLIENTS + 1)  # lets every waiting client see the end

            await asyncio.gather(chaos(), admin(), *(client(i) for i in range(CLIENTS)))
            seen.phase("workload done")
            assert serves[1].starts == 4
            await _check(bank, postgres_url)
            seen.phase("checked")
            print("fault run:", "; ".join(seen.phases))
    except BaseException:
        for process in everything:
            print(f"--- {process.name} (last lines of each start)\n{process.output()}")
        raise
    finally:
        for process in reversed(everything):
            process.stop()


async def _true(value: bool) -> bool:
    return value


async def _setup(bank: Bank, url: str) -> None:
    await bank.register("boss")
    await _promote(url, "boss")
    for i in range(CLIENTS):
        await bank.register(f"player{i}")
    for name, price in (("Bread", 3), ("Map", 11)):
        data = await bank.post(ITEM, {"n": name, "p": price}, "boss")
        assert data["shopItemCreate"]["errors"] == [], data
        bank.items.append(data["shopItemCreate"]["item"]["id"])
    for i in range(CLIENTS):
        await bank.run(
            Op("grant", GRANT, {"u": bank.ids[f"player{i}"], "a": 100, "k": f"seed-{i}"}, "boss"), start=i
        )


def _operation(rng: random.Random, name: str, number: int, n: int, bank: Bank) -> Op:
    key = f"{name}-{n}"
    if rng.random() < 0.7:
        other = f"player{(number + rng.randrange(1, CLIENTS)) % CLIENTS}"
        return Op("pay", PAY, {"to": bank.ids[other], "a": rng.randint(1, 25), "k": key}, name)
    item = rng.choice(bank.items)
    return Op("buy", BUY, {"i": item, "q": rng.randint(1, 2), "k": key}, name)


async def _consumers_caught_up(conn: asyncpg.Connection, deadline: float = 120.0) -> None:
    """Polls (the consumers run in the serve processes) until every consumer has read every event."""
    until = time.monotonic() + deadline
    while True:
        behind = await conn.fetchval(
            "SELECT count(*) FROM consumer_offsets WHERE last_event_id < (SELECT coalesce(max(id), 0) FROM events)"
        )
        if behind == 0 or time.monotonic() > until:
            return
        await asyncio.sleep(0.5)


async def _fingerprint(conn: asyncpg.Connection) -> tuple[int, list[tuple[int, int]], int]:
    transfers = await conn.fetchval("SELECT count(*) FROM transfers")
    balances = [
        (r["id"], r["balance"]) for r in await conn.fetch("SELECT id, balance FROM accounts ORDER BY id")
    ]
    purchases = await conn.fetchval("SELECT count(*) FROM purchases")
    return int(transfers), balances, int(purchases)


async def _check(bank: Bank, url: str) -> None:
    seen = bank.seen
    succeeded = {k: v for k, v in seen.answers.items() if _succeeded(v[1])}
    kinds = Counter(op.kind for op, _ in succeeded.values())
    assert kinds["pay"] > 0 and kinds["buy"] > 0 and kinds["grant"] > 0, kinds
    print(
        f"fault run: {seen.done} operations, succeeded {dict(kinds)}, retries {dict(seen.retried)}, "
        f"{len(seen.ambiguous)} sent more than once"
    )
    conn = await asyncpg.connect(_dsn(url))
    try:
        # Every success a client saw is in the ledger, once.
        for key, (op, answer) in succeeded.items():
            payload = next(iter(answer.values()))
            if op.kind in ("pay", "grant"):
                row = await conn.fetchrow(
                    "SELECT amount FROM transfers WHERE id = $1", int(payload["transfer"]["id"])
                )
                assert row is not None and row["amount"] == op.variables["a"], (key, payload)
            else:
                scope = f"user:{bank.ids[op.actor]}:shop.purchase:{key}"
                result = await conn.fetchval("SELECT result FROM idempotency_keys WHERE scope = $1", scope)
                assert result is not None, key
                operation = (json.loads(result) if isinstance(result, str) else result)["operation"]
                bought = await conn.fetchval(
                    "SELECT sum(quantity) FROM purchases WHERE operation = $1", operation
                )
                assert bought == op.variables["q"] == payload["quantity"], (key, bought)
        # A purchase or payment the clients saw refused moved nothing under its key.
        # Durable consumers (achievements, challenges, the battle pass) pay rewards after the
        # workload: let them catch up first, so what follows measures the repeats alone.
        await _consumers_caught_up(conn)
        before = await _fingerprint(conn)
        # Repeating a success with its key returns the first result and moves nothing: every
        # success that took retries (crashes happened under those), and a sample of the others.
        others = sorted(k for k in succeeded if k not in seen.ambiguous)
        chosen = [k for k in succeeded if k in seen.ambiguous] + random.Random(0).sample(
            others, min(REPEATS, len(others))
        )
        gate = asyncio.Semaphore(CLIENTS)

        async def repeat(key: str, op: Op, answer: dict[str, Any]) -> None:
            async with gate:
                again = await bank.post(op.query, op.variables, op.actor)
            assert again == answer, (key, answer, again)

        await asyncio.gather(*(repeat(key, *succeeded[key]) for key in chosen))
        assert await _fingerprint(conn) == before
        negative = await conn.fetch(
            "SELECT owner_id, asset, balance FROM accounts WHERE owner_kind <> 'system' AND balance < 0"
        )
        assert negative == []
    finally:
        await conn.close()
    db = Database(url)
    try:
        async with db.reader() as session:
            totals = await ledger.conservation(session)
        assert totals and all(total == 0 for total in totals.values()), totals
        await audit.seal(db)
        async with db.reader() as session:
            chain = await audit.verify(session)
        assert chain.valid and chain.pending == 0 and chain.sealed > 0, chain
    finally:
        await db.dispose()

    async def caught_up() -> bool:
        conn = await asyncpg.connect(_dsn(url))
        # The relay reads PostgreSQL's events in (tx, id) order, so the last one it handled need not
        # have the highest id: caught up means no event lies beyond any consumer's (tx, id) offset.
        try:
            consumers = await conn.fetchval("SELECT count(*) FROM consumer_offsets")
            behind = await conn.fetchval(
                "SELECT count(*) FROM events e JOIN consumer_offsets o"
                " ON (e.tx, e.id) > (o.last_tx, o.last_event_id)"
            )
        finally:
            await conn.close()
        return bool(consumers) and behind == 0

    await poll(caught_up, "every durable consumer to reach the last event")
