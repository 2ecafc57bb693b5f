"""An event a job commits reaches live subscribers, whichever process runs the job: the in-process
workers of the embedded default, or ``lucas worker`` beside ``lucas serve`` on PostgreSQL + Redis.

The job (``tests/workers/paying_job.py``) pays a player through the job runtime's unit of work;
the player holds a ``walletChanged`` subscription on the server.
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from redis.asyncio import Redis
from websockets.asyncio.client import ClientConnection

from server.pubsub import user_channel
from tests.clock.test_clock_processes import wait_for as wait_for_processes
from tests.conftest import REDIS_URL, free_port, make_settings, need
from tests.events.test_subscriptions import (
    WALLET,
    bearer,
    http_client,
    subscribe,
    wait_subscribed,
    ws_session,
)
from tests.server.support import wait_until
from tests.server.test_cli import REPO, clean_env, lucas
from tests.server.test_scaled_processes import started
from tests.workers import paying_job
from workers import broker

DEADLINE = 20.0
REDIS_DB = 9


async def paid(ws: ClientConnection, amount: int) -> dict[str, Any]:
    """The next walletChanged whose transfer has ``amount`` (the shared Redis may carry others')."""

    async def next_match() -> dict[str, Any]:
        while True:
            message = json.loads(await ws.recv())
            if message["type"] == "ping":
                await ws.send(json.dumps({"type": "pong"}))
                continue
            if message["type"] != "next":
                continue
            changed = message["payload"]["data"]["walletChanged"]
            if changed["transfer"] and changed["transfer"]["amount"] == amount:
                return dict(changed)

    return await asyncio.wait_for(next_match(), DEADLINE)


async def test_a_job_run_by_the_in_process_workers_reaches_a_live_subscriber(
    tmp_path: Path, sqlite_url: str, live_server_factory: Any, restore_dramatiq: None
) -> None:
    # Given the embedded default: SQLite, in-process pub/sub and workers
    settings = replace(make_settings(tmp_path, sqlite_url), in_process_workers=True)
    server = live_server_factory(settings, start_workers=True)
    async with http_client(server) as gql:
        _, admin_id = await gql.register("admin")
        alice, alice_id = await gql.register("alice")
        async with ws_session(server, bearer(alice)) as ws:
            await subscribe(ws, WALLET)
            await wait_subscribed(server, alice_id)
            # When a job run by the in-process workers pays her
            await wait_until(broker.configured, what="the in-process workers to start")
            broker.send(paying_job.NAME, user_id=alice_id, amount=7, admin_id=admin_id)
            changed = await paid(ws, 7)
    # Then her subscription sees the new balance with the transfer that made it
    assert changed == {
        "balances": [{"currency": "COIN", "amount": 7}],
        "transfer": {"kind": "grant", "amount": 7, "direction": "IN", "counterparty": "mint"},
    }


def test_a_job_run_by_lucas_worker_reaches_a_subscriber_on_lucas_serve(
    tmp_path: Path, fresh_pg_database: tuple[str, str], restore_dramatiq: None
) -> None:
    _, url = fresh_pg_database
    redis_url = need(REDIS_URL, "Redis").rsplit("/", 1)[0] + f"/{REDIS_DB}"
    env = clean_env(
        tmp_path,
        LUCAS_DATABASE_URL=url,
        LUCAS_REDIS_URL=redis_url,
        LUCAS_SECRET_KEY="s" * 40,
        LUCAS_RATE_LIMITS="off",
        LUCAS_JOB_MODULES=paying_job.__name__,
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    port = free_port()
    env["LUCAS_PORT"] = str(port)
    assert lucas(tmp_path, "migrate", LUCAS_DATABASE_URL=url).returncode == 0
    amount = 4242
    with (
        started(["serve"], env, tmp_path) as serve,
        started(["worker", "--threads", "1"], env, tmp_path) as worker,
    ):
        processes = [serve, worker]

        def healthy() -> bool:
            import httpx

            return bool(httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200)

        wait_for_processes(healthy, "lucas serve to be healthy", processes)

        class Server:
            url = f"http://127.0.0.1:{port}"

        async def scenario() -> dict[str, Any]:
            async with http_client(Server) as gql:
                _, admin_id = await gql.register("admin")
                alice, alice_id = await gql.register("alice")
                async with ws_session(Server, bearer(alice)) as ws:
                    await subscribe(ws, WALLET)
                    redis = Redis.from_url(redis_url)
                    try:

                        async def subscribed() -> bool:
                            counts = dict(await redis.pubsub_numsub(user_channel(alice_id)))
                            return int(counts.get(user_channel(alice_id).encode(), 0)) >= 1

                        await wait_until(subscribed, what="the subscription to reach Redis")
                    finally:
                        await redis.aclose()
                    # When lucas worker runs a job that pays her (enqueued on the shared Redis)
                    configured = broker.configure(redis_url)
                    try:
                        broker.send(paying_job.NAME, user_id=alice_id, amount=amount, admin_id=admin_id)
                    finally:
                        configured.close()
                    return await paid(ws, amount)

        changed = asyncio.run(scenario())
        assert worker.poll() is None and serve.poll() is None
    # Then her subscription on lucas serve sees it
    assert changed["transfer"] == {
        "kind": "grant",
        "amount": amount,
        "direction": "IN",
        "counterparty": "mint",
    }
    assert changed["balances"] == [{"currency": "COIN", "amount": amount}]
