"""API benchmarks, each a ratio against a baseline measured in the same run on the same machine:

(a) the ``me`` query through ``lucas serve`` against a bare Starlette endpoint returning the same
    data with hand-written SQL (requests per second, p50/p95 latency);
(b) ``walletTransfer`` mutations per second on PostgreSQL against the same transfers done by raw
    SQL on the same server (conditional debit, credit, transfer row, one transaction each).

Both with one ``lucas serve`` process and with ``--workers 2`` (the bare endpoint gets as many).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SECRET = "bench-secret-" + "x" * 32
ME = "{ me { id username balances { currency amount } inventory { item { id name } quantity } } }"
PAY = """mutation($to: ID!, $amount: Amount!) { walletTransfer(input: {toUserId: $to, amount: $amount}) {
  errors { code } } }"""


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def process(args: list[str], env: dict[str, str], health: str) -> Any:
    proc = subprocess.Popen(
        args, env={**os.environ, **env}, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(health, timeout=1).status_code < 500:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{args} did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
        time.sleep(0.1)
    try:
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


async def load(
    url: str, body: Any, headers: dict[str, str], *, total: int, concurrency: int
) -> dict[str, float]:
    latencies: list[float] = []
    queue = list(range(total))
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:

        async def worker() -> None:
            while queue:
                queue.pop()
                payload, sent = body() if callable(body) else (body, headers)
                start = time.perf_counter()
                response = await client.post(url, json=payload, headers=sent)
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200 or ("errors" in response.json() and response.json()["errors"]):
                    raise RuntimeError(f"bad response: {response.status_code} {response.text[:300]}")

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": total / elapsed,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p95_ms": 1000 * latencies[int(len(latencies) * 0.95)],
    }


async def create_database(dsn: str) -> tuple[str, str]:
    name = f"bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(dsn)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    base = dsn.rsplit("/", 1)[0]
    return f"{base}/{name}", f"{base.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"


def gql(
    url: str, query: str, variables: dict[str, Any] | None = None, token: str | None = None
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    body: dict[str, Any] = httpx.post(
        url, json={"query": query, "variables": variables or {}}, headers=headers, timeout=30
    ).json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    return body["data"]


def setup_world(url: str, env: dict[str, str], players: int) -> list[tuple[str, int]]:
    subprocess.run(
        [str(Path(PYTHON).parent / "lucas"), "user", "create", "benchadmin", "--admin"],
        input="benchpassword\n",
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    admin = gql(
        url,
        'mutation { authLogin(input: {username: "benchadmin", password: "benchpassword"}) { accessToken } }',
    )["authLogin"]["accessToken"]
    out = []
    for i in range(players):
        reg = gql(
            url,
            'mutation($u: String!) { authRegister(input: {username: $u, password: "benchpassword"}) '
            "{ accessToken user { id } } }",
            {"u": f"bench{i}"},
        )["authRegister"]
        out.append((reg["accessToken"], int(reg["user"]["id"])))
        gql(
            url,
            'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 1000000000, reason: "bench"}) '
            "{ errors { code } } }",
            {"u": str(out[-1][1])},
            token=admin,
        )
    for n in range(3):
        item = gql(
            url,
            "mutation($n: String!) { adminItemCreate(input: {name: $n, price: 5}) { item { id } } }",
            {"n": f"item{n}"},
            token=admin,
        )["adminItemCreate"]["item"]["id"]
        gql(
            url,
            "mutation($i: ID!) { shopPurchase(input: {itemId: $i, quantity: 2}) { errors { code } } }",
            {"i": item},
            token=out[0][0],
        )
    return out


async def raw_transfers(dsn: str, users: list[int], *, total: int, concurrency: int) -> float:
    pool = await asyncpg.create_pool(dsn, min_size=concurrency, max_size=concurrency)
    accounts = {
        r["owner_id"]: r["id"]
        for r in await pool.fetch(
            "SELECT id, owner_id FROM accounts WHERE owner_kind = 'user' AND asset = 'COIN'"
        )
    }
    rng = random.Random(1)
    remaining = [total]

    async def worker() -> None:
        async with pool.acquire() as conn:
            while remaining[0] > 0:
                remaining[0] -= 1
                a, b = rng.sample(users, 2)
                debit, credit = accounts[str(a)], accounts[str(b)]
                async with conn.transaction():
                    for acc in sorted((debit, credit)):
                        if acc == debit:
                            row = await conn.fetchrow(
                                "UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND balance >= $1 "
                                "RETURNING balance",
                                1,
                                acc,
                            )
                            assert row is not None
                        else:
                            await conn.execute(
                                "UPDATE accounts SET balance = balance + $1 WHERE id = $2", 1, acc
                            )
                    await conn.execute(
                        "INSERT INTO transfers (operation, debit_account, credit_account, asset, amount, kind, "
                        "created_at) VALUES ($1, $2, $3, 'COIN', 1, 'payment', now())",
                        uuid.uuid4().hex,
                        debit,
                        credit,
                    )

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return total / elapsed


def measure_me(
    url: str, bare_url: str, headers: dict[str, str], *, requests: int, concurrency: int
) -> dict[str, Any]:
    """Warm both, then two interleaved rounds each (load on this machine drifts)."""
    rounds: dict[str, list[dict[str, float]]] = {"graphql": [], "bare": []}
    asyncio.run(load(url, {"query": ME}, headers, total=200, concurrency=concurrency))
    asyncio.run(load(bare_url, {}, headers, total=200, concurrency=concurrency))
    for _ in range(2):
        rounds["graphql"].append(
            asyncio.run(load(url, {"query": ME}, headers, total=requests, concurrency=concurrency))
        )
        rounds["bare"].append(
            asyncio.run(load(bare_url, {}, headers, total=requests, concurrency=concurrency))
        )
    me = {k: {m: statistics.mean(r[m] for r in v) for m in v[0]} for k, v in rounds.items()}
    return {**me, "ratio_rps": me["graphql"]["rps"] / me["bare"]["rps"]}


def run(
    *, requests: int = 2000, transfers: int = 1000, concurrency: int = 16, workers: tuple[int, ...] = (1, 2)
) -> dict[str, Any]:
    """Every figure once per ``serve --workers n`` (the bare endpoint runs with as many uvicorn
    workers); the raw-SQL baseline is measured before and after the GraphQL payments."""
    dsn = os.environ["LUCAS_TEST_PG_DSN"]
    raw_dsn, sa_url = asyncio.run(create_database(dsn))
    data_dir = tempfile.mkdtemp(prefix="lucas-bench-")
    port, bare_port = free_port(), free_port()
    env = {
        "LUCAS_DATABASE_URL": sa_url,
        "LUCAS_SECRET_KEY": SECRET,
        "LUCAS_RATE_LIMITS": "off",
        "LUCAS_DATA_DIR": data_dir,
        "LUCAS_PORT": str(port),
        "LUCAS_LOG_LEVEL": "warning",
        "LUCAS_IN_PROCESS_WORKERS": "0",
    }
    subprocess.run(
        [str(Path(PYTHON).parent / "lucas"), "migrate"],
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    url = f"http://127.0.0.1:{port}/graphql"
    health = f"http://127.0.0.1:{port}/healthz"
    bare_url = f"http://127.0.0.1:{bare_port}/me"
    lucas = [str(Path(PYTHON).parent / "lucas"), "serve", "--log-level", "warning"]
    bare = [
        PYTHON,
        "-m",
        "uvicorn",
        "tests.bench.bare_me:app",
        "--port",
        str(bare_port),
        "--log-level",
        "warning",
    ]
    with process(lucas, env, health):
        players = setup_world(url, env, players=20)
    ids = [p[1] for p in players]
    token = players[0][0]
    headers = {"authorization": f"Bearer {token}"}
    rng = random.Random(2)

    def pay_body() -> tuple[dict[str, Any], dict[str, str]]:
        # the same traffic as the raw-SQL baseline: a random payer pays a random other player
        (token, _), (_, to) = rng.sample(players, 2)
        return {"query": PAY, "variables": {"to": str(to), "amount": 1}}, {"authorization": f"Bearer {token}"}

    raw_tps = [asyncio.run(raw_transfers(raw_dsn, ids, total=transfers, concurrency=concurrency))]
    runs: dict[str, Any] = {}
    for n in workers:
        count = ["--workers", str(n)] if n > 1 else []
        with (
            process(lucas + count, env, health),
            process(bare + count, {**env, "BENCH_PG_DSN": raw_dsn}, bare_url),
        ):
            lucas_body = gql(url, ME, token=token)
            bare_body = httpx.post(bare_url, headers=headers).json()["data"]
            assert lucas_body == bare_body, (lucas_body, bare_body)
            me = measure_me(url, bare_url, headers, requests=requests, concurrency=concurrency)
            asyncio.run(load(url, pay_body, {}, total=100, concurrency=concurrency))
            graphql_tps = asyncio.run(load(url, pay_body, {}, total=transfers, concurrency=concurrency))[
                "rps"
            ]
        runs[str(n)] = {"me_query": me, "wallet_transfer": {"graphql_tps": graphql_tps}}
    raw_tps.append(asyncio.run(raw_transfers(raw_dsn, ids, total=transfers, concurrency=concurrency)))
    raw = statistics.mean(raw_tps)
    for r in runs.values():
        r["wallet_transfer"].update(raw_sql_tps=raw, ratio=r["wallet_transfer"]["graphql_tps"] / raw)
    return {
        "runs": runs,
        "raw_sql_tps_rounds": raw_tps,
        "settings": {
            "requests": requests,
            "transfers": transfers,
            "concurrency": concurrency,
            "workers": workers,
        },
    }


def report(results: dict[str, Any]) -> str:
    lines = ["| benchmark | ours | baseline | ratio |", "|---|---|---|---|"]
    for n, r in results["runs"].items():
        me, tr = r["me_query"], r["wallet_transfer"]
        w = f"`serve --workers {n}`" if n != "1" else "one `serve` process"
        lines += [
            f"| `me` query, req/s, {w} | {me['graphql']['rps']:.0f} | {me['bare']['rps']:.0f} "
            f"(bare Starlette + SQL) | {me['ratio_rps']:.2f} |",
            f"| `me` query, p50 ms, {w} | {me['graphql']['p50_ms']:.1f} | {me['bare']['p50_ms']:.1f} | "
            f"{me['graphql']['p50_ms'] / me['bare']['p50_ms']:.2f}x slower |",
            f"| `me` query, p95 ms, {w} | {me['graphql']['p95_ms']:.1f} | {me['bare']['p95_ms']:.1f} | "
            f"{me['graphql']['p95_ms'] / me['bare']['p95_ms']:.2f}x slower |",
            f"| `walletTransfer`/s (PostgreSQL), {w} | {tr['graphql_tps']:.0f} | {tr['raw_sql_tps']:.0f} (raw SQL) | "
            f"{tr['ratio']:.2f} |",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    out = run()
    print(report(out))
    print(json.dumps(out, indent=2))
