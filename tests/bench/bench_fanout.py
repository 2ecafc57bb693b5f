"""Fan-out: 1,000 WebSocket subscribers (graphql-transport-ws) to one channel, the time from a
mutation to the last delivery, against a bare broadcaster/Redis baseline measured in the same run.

* ``chat`` (default): ``chatMessage(channel: "global")``, each round one ``chatSend`` by a player
  who has not sent before in the run (the chat's own limit of 10 a minute per player holds even
  with ``LUCAS_RATE_LIMITS=off``); the message is published by the ``serve`` process after commit.
* ``leaderboard``: ``leaderboardChanged(board: "coins", period: ALL_TIME)`` after an ``adminGrant``;
  its delivery waits for the outbox relay (a job every 2 s) and each subscriber reads the board
  again, so it measures those, not the fan-out. Kept as the fallback the harness was built on.

Configurations, each over ``rounds`` measured rounds after warm-up rounds that also prove every
subscription is live:

* ``same_process``: every subscriber on one ``serve``, the mutation through it;
* ``cross_process``: subscribers split over two ``serve`` processes, the mutation through the
  second (half of them are on the other process);
* ``baseline``: no GraphQL, no WebSocket: the pub/sub adapter ``serve`` uses (``BroadcastPubSub``,
  broadcaster over Redis) with as many subscribers in this process, one ``PUBLISH`` per round.

Every process (the ``serve`` processes, PostgreSQL, Redis and this client with its 1,000 sockets)
shares this machine's two cores, so the client's own reading of 1,000 frames is in every figure.
Players are made with the use case (no password), their tokens signed with the bench's secret.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import resource
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import uvloop
from websockets.asyncio.client import ClientConnection, connect

from tests.bench.wsraw import subscribe_raw
from tests.crossproc.cluster import PROTOCOL, Cluster, base_env, fresh_database, gql, running

REDIS_DB = 14
DELIVERY_DEADLINE = 60.0
WARM_DEADLINE = 10.0
CONNECT_DEADLINE = 600.0
SECRET = "crossproc-secret-" + "x" * 32  # base_env's LUCAS_SECRET_KEY


@dataclass
class Spec:
    query: str
    jobs: bool
    marker: Callable[[str], str]  # the round's tag -> a substring only that round's frames hold
    send: Callable[[Cluster, httpx.AsyncClient, int, Players, str, str], Awaitable[None]]


@dataclass
class Players:
    ids: list[int]
    tokens: list[str]


async def _chat_send(
    cluster: Cluster, http: httpx.AsyncClient, serve: int, players: Players, tag: str, sender_key: str
) -> None:
    sender = players.tokens[_senders.setdefault(sender_key, len(_senders)) % len(players.tokens)]
    body = await gql(
        http,
        cluster.graphql(serve),
        'mutation($t: String!) { chatSend(input: {channel: "global", text: $t}) { errors { code } } }',
        {"t": tag},
        sender,
    )
    assert body["chatSend"]["errors"] == [], body


async def _grant(
    cluster: Cluster, http: httpx.AsyncClient, serve: int, players: Players, tag: str, sender_key: str
) -> None:
    amount = int(tag.rsplit("-", 1)[1])  # unique in the run: each round a new player gets it all
    target = players.ids[_senders.setdefault(sender_key, len(_senders)) % len(players.ids)]
    body = await gql(
        http,
        cluster.graphql(serve),
        'mutation($u: ID!, $a: Amount!) { adminGrant(input: {userId: $u, amount: $a, reason: "bench"})'
        " { errors { code } } }",
        {"u": str(target), "a": amount},
        cluster.admin_token,
    )
    assert body["adminGrant"]["errors"] == [], body


_senders: dict[str, int] = {}  # one sender (or grantee) per round in the whole run
_tags = itertools.count(1_000_001)

SPECS = {
    "chat": Spec(
        query='subscription { chatMessage(channel: "global") { id text } }',
        jobs=False,
        marker=lambda tag: tag,
        send=_chat_send,
    ),
    "leaderboard": Spec(
        query='subscription { leaderboardChanged(board: "coins", period: ALL_TIME) { entries { score } } }',
        jobs=True,
        marker=lambda tag: f'"score":{tag.rsplit("-", 1)[1]}',
        send=_grant,
    ),
}


@dataclass
class Round:
    """One round's deliveries: receipt times (perf_counter) by subscriber."""

    marker: str
    expected: int
    got: dict[int, float] = field(default_factory=dict)
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def deliver(self, who: int, at: float) -> None:
        if who not in self.got:
            self.got[who] = at
            if len(self.got) >= self.expected:
                self.done.set()


class Listeners:
    """The subscribers' side: each records when its copy of the current round's message arrives."""

    def __init__(self) -> None:
        self.current: Round | None = None
        self.closed: list[str] = []
        self.subscribed = 0

    def seen(self, who: int, text: str) -> None:
        now = time.perf_counter()
        current = self.current
        if current is not None and current.marker in text:
            current.deliver(who, now)

    async def measure(
        self,
        expected: int,
        marker: str,
        fire: Callable[[], Awaitable[Any]],
        deadline: float = DELIVERY_DEADLINE,
    ) -> dict[str, Any]:
        self.current = Round(marker=marker, expected=expected)
        started = time.perf_counter()
        await fire()
        answered = time.perf_counter()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.current.done.wait(), deadline)
        got = sorted(self.current.got.values())
        self.current = None
        return {
            "delivered": len(got),
            "expected": expected,
            "mutation_ms": 1000 * (answered - started),
            "first_ms": 1000 * (got[0] - started) if got else None,
            "median_ms": 1000 * (got[len(got) // 2] - started) if got else None,
            "last_ms": 1000 * (got[-1] - started) if got else None,
        }


async def _socket(
    url: str, token: str, query: str, who: int, listeners: Listeners, ready: asyncio.Semaphore
) -> None:
    async with ready:
        ws: ClientConnection = await connect(url, subprotocols=[PROTOCOL], open_timeout=120, max_queue=None)
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        )
        ack = json.loads(await asyncio.wait_for(ws.recv(), 120))
        if ack.get("type") != "connection_ack":
            raise RuntimeError(f"subscriber {who}: {ack}")
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        listeners.subscribed += 1
    try:
        async for frame in ws:
            text = frame if isinstance(frame, str) else frame.decode()
            if text.startswith('{"type":"ping"') or '"type": "ping"' in text[:20]:
                await ws.send('{"type":"pong"}')
                continue
            listeners.seen(who, text)
            if '"type":"error"' in text or '"type": "error"' in text:
                listeners.closed.append(f"{who}: {text[:300]}")
    except Exception as exc:  # a closed socket is reported, the round then misses a delivery
        listeners.closed.append(f"{who}: {type(exc).__name__} {exc}")
    finally:
        await ws.close()


async def _raw_socket(
    url: str, token: str, query: str, who: int, listeners: Listeners, ready: asyncio.Semaphore
) -> None:
    def on_text(text: str) -> None:
        listeners.seen(who, text)
        if '"type":"error"' in text:
            listeners.closed.append(f"{who}: {text[:300]}")

    async with ready:
        protocol = await subscribe_raw(url, token, query, on_text)
        listeners.subscribed += 1
    try:
        listeners.closed.append(f"{who}: {await protocol.closed}")
    finally:
        if protocol.transport is not None:
            protocol.transport.close()


CLIENTS = {"raw": _raw_socket, "websockets": _socket}


def _summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    last = sorted(r["last_ms"] for r in rounds if r["last_ms"] is not None)
    complete = [r for r in rounds if r["delivered"] == r["expected"]]

    def pct(values: list[float], q: float) -> float | None:
        return values[min(len(values) - 1, int(len(values) * q))] if values else None

    return {
        "rounds": len(rounds),
        "complete_rounds": len(complete),
        "missed_deliveries": sum(r["expected"] - r["delivered"] for r in rounds),
        "last_p50_ms": pct(last, 0.5),
        "last_p95_ms": pct(last, 0.95),
        "last_max_ms": last[-1] if last else None,
        "median_delivery_p50_ms": statistics.median(
            r["median_ms"] for r in rounds if r["median_ms"] is not None
        )
        if rounds
        else None,
        "mutation_p50_ms": statistics.median(r["mutation_ms"] for r in rounds) if rounds else None,
        "per_round": rounds,
    }


async def _warm_up(
    listeners: Listeners,
    expected: int,
    fire: Callable[[str], Awaitable[Any]],
    marker: Callable[[str], str],
    run: str,
) -> int:
    """Rounds until one reaches every subscriber (a subscription is registered after its socket
    says nothing more): proves they are all live. Returns how many it took."""
    for attempt in range(1, 31):
        tag = f"{run}-warm-{next(_tags)}"
        result = await listeners.measure(expected, marker(tag), partial(fire, tag), deadline=WARM_DEADLINE)
        if result["delivered"] == expected:
            return attempt
        if listeners.closed:
            raise RuntimeError(f"subscribers closed: {listeners.closed[:5]}")
    raise RuntimeError(f"no warm-up round reached all {expected} subscribers")


async def _graphql_config(
    cluster: Cluster,
    spec: Spec,
    players: Players,
    *,
    subscribers_on: list[int],
    mutate_on: int,
    rounds: int,
    name: str,
    client: str = "raw",
) -> dict[str, Any]:
    listeners = Listeners()
    ready = asyncio.Semaphore(50)
    n = len(players.tokens)
    tasks = [
        asyncio.create_task(
            CLIENTS[client](
                cluster.ws(subscribers_on[i % len(subscribers_on)]),
                players.tokens[i],
                spec.query,
                i,
                listeners,
                ready,
            )
        )
        for i in range(n)
    ]
    run = uuid.uuid4().hex[:8]
    try:
        async with httpx.AsyncClient(timeout=60) as http:

            async def fire(tag: str) -> None:
                await spec.send(cluster, http, mutate_on, players, tag, f"{name}:{tag}")

            started = time.perf_counter()
            while listeners.subscribed < n:
                if listeners.closed or any(t.done() for t in tasks):
                    raise RuntimeError(
                        f"subscribers failed: {listeners.closed[:5]} {[t for t in tasks if t.done()][:3]}"
                    )
                if time.perf_counter() - started > CONNECT_DEADLINE:
                    raise RuntimeError(
                        f"only {listeners.subscribed} of {n} subscribed in {CONNECT_DEADLINE} s"
                    )
                await asyncio.sleep(0.05)
            connect_s = time.perf_counter() - started
            warm = await _warm_up(listeners, n, fire, spec.marker, run)
            ready_s = time.perf_counter() - started
            for _ in range(3):  # steady state before measuring
                pre = f"{run}-pre-{next(_tags)}"
                await listeners.measure(n, spec.marker(pre), partial(fire, pre))
            results = []
            for _ in range(rounds):
                tag = f"{run}-round-{next(_tags)}"
                results.append(await listeners.measure(n, spec.marker(tag), partial(fire, tag)))
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return {
        **_summary(results),
        "warm_up_rounds": warm,
        "connect_s": connect_s,
        "connect_and_warm_s": ready_s,
        "closed": listeners.closed[:10],
    }


async def _baseline(redis_url: str, subscribers: int, rounds: int) -> dict[str, Any]:
    """The same pub/sub adapter as ``serve`` (broadcaster over Redis), ``subscribers`` queues in this
    process, one PUBLISH per round from a separate Redis client."""
    from redis.asyncio import Redis

    from db.pubsub import BroadcastPubSub

    channel = f"lucas:bench:fanout:{uuid.uuid4().hex}"
    pubsub = BroadcastPubSub(redis_url)
    await pubsub.connect()
    publisher = Redis.from_url(redis_url)
    listeners = Listeners()
    registered = asyncio.Semaphore(0)

    async def subscriber(who: int) -> None:
        async with pubsub.subscribe(channel) as messages:
            registered.release()
            async for message in messages:
                listeners.seen(who, message.get("tag", ""))

    tasks = [asyncio.create_task(subscriber(i)) for i in range(subscribers)]
    try:
        for _ in range(subscribers):
            await registered.acquire()

        async def publish(tag: str) -> None:
            await publisher.publish(channel, json.dumps({"kind": "bench", "tag": tag}, separators=(",", ":")))

        run = uuid.uuid4().hex[:8]
        await _warm_up(listeners, subscribers, publish, lambda t: t, run)
        for i in range(3):
            await listeners.measure(subscribers, f"{run}-pre-{i}", partial(publish, f"{run}-pre-{i}"))
        results = []
        for i in range(rounds):
            tag = f"{run}-round-{i}"
            results.append(await listeners.measure(subscribers, tag, partial(publish, tag)))
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await publisher.aclose()
        await pubsub.disconnect()
    return _summary(results)


async def _make_players(database_url: str, count: int) -> Players:
    from db.engine import Database
    from resolvers.accounts import auth, tokens
    from resolvers.clock import SystemClock

    db = Database(database_url)
    ids: list[int] = []
    clock = SystemClock()
    try:
        for start in range(0, count, 250):
            async with db.transaction() as session:
                for i in range(start, min(count, start + 250)):
                    user = await auth.create_user(session, username=f"fan{i}", password=None, clock=clock)
                    ids.append(int(user.id or 0))
    finally:
        await db.dispose()
    now = datetime.now(UTC)
    return Players(
        ids, [tokens.issue_access_token(secret=SECRET, user_id=i, now=now, minutes=240) for i in ids]
    )


def _raise_fd_limit(need: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(need, hard) if hard > 0 else need, hard))


def run(
    *, subscribers: int = 1000, rounds: int = 100, channel: str = "chat", client: str = "raw"
) -> dict[str, Any]:
    spec = SPECS[channel]
    _raise_fd_limit(4 * subscribers + 1024)  # inherited by the serve processes
    dsn = os.environ["LUCAS_TEST_PG_DSN"]
    redis_url = os.environ["LUCAS_TEST_REDIS_URL"].rsplit("/", 1)[0] + f"/{REDIS_DB}"
    logs = Path(tempfile.mkdtemp(prefix="lucas-fanout-"))
    extra = {
        "LUCAS_WS_CONNECTIONS_PER_IP": str(subscribers + 100),  # every socket comes from 127.0.0.1
        "LUCAS_WS_OPERATIONS_PER_CONNECTION": "100000/minute",
    }
    out: dict[str, Any] = {
        "settings": {"subscribers": subscribers, "rounds": rounds, "channel": channel, "client": client}
    }
    runner = asyncio.Runner(loop_factory=uvloop.new_event_loop)
    try:
        out["baseline"] = runner.run(_baseline(redis_url, subscribers, rounds))
        with (
            fresh_database(dsn) as database_url,
            running(
                database_url, redis_url, logs, serves=2, jobs=spec.jobs, migrate=True, **extra
            ) as cluster,
        ):
            assert base_env(database_url, redis_url, logs)["LUCAS_SECRET_KEY"] == SECRET
            players = runner.run(_make_players(database_url, subscribers))
            out["same_process"] = runner.run(
                _graphql_config(
                    cluster,
                    spec,
                    players,
                    subscribers_on=[0],
                    mutate_on=0,
                    rounds=rounds,
                    name="same",
                    client=client,
                )
            )
            out["cross_process"] = runner.run(
                _graphql_config(
                    cluster,
                    spec,
                    players,
                    subscribers_on=[0, 1],
                    mutate_on=1,
                    rounds=rounds,
                    name="cross",
                    client=client,
                )
            )
            cluster.check_alive()
        out["baseline_after"] = runner.run(_baseline(redis_url, subscribers, rounds))
    finally:
        runner.close()
    base_p95 = statistics.mean(
        x for x in (out["baseline"]["last_p95_ms"], out["baseline_after"]["last_p95_ms"]) if x is not None
    )
    base_p50 = statistics.mean(
        x for x in (out["baseline"]["last_p50_ms"], out["baseline_after"]["last_p50_ms"]) if x is not None
    )
    for key in ("same_process", "cross_process"):
        r = out[key]
        r["ratio_p50"] = r["last_p50_ms"] / base_p50 if r["last_p50_ms"] and base_p50 else None
        r["ratio_p95"] = r["last_p95_ms"] / base_p95 if r["last_p95_ms"] and base_p95 else None
        r["goal_p95_under_50_ms"] = bool(
            r["last_p95_ms"] is not None and r["last_p95_ms"] < 50 and r["missed_deliveries"] == 0
        )
    out["baseline_mean"] = {"last_p50_ms": base_p50, "last_p95_ms": base_p95}
    return out


def report(results: dict[str, Any]) -> str:
    s = results["settings"]
    b = results["baseline_mean"]
    lines = [
        f"Fan-out: {s['subscribers']} subscribers, {s['rounds']} rounds, channel {s['channel']}, "
        f"client {s.get('client', 'websockets')}",
        "| configuration | last delivery p50 ms | p95 ms | baseline p50 / p95 ms | ratio p50 / p95 | "
        "missed | goal p95 < 50 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, label in (("same_process", "same process"), ("cross_process", "across two processes")):
        r = results[key]
        lines.append(
            f"| {label} | {r['last_p50_ms']:.1f} | {r['last_p95_ms']:.1f} | {b['last_p50_ms']:.1f} / "
            f"{b['last_p95_ms']:.1f} | {r['ratio_p50']:.2f}x / {r['ratio_p95']:.2f}x | "
            f"{r['missed_deliveries']} | {'met' if r['goal_p95_under_50_ms'] else 'NOT met'} |"
        )
    for key in ("baseline", "baseline_after"):
        r = results[key]
        lines.append(
            f"| bare broadcaster/Redis ({key.replace('_', ' ')}) | {r['last_p50_ms']:.1f} | {r['last_p95_ms']:.1f} "
            f"| | | {r['missed_deliveries']} | |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--channel", choices=sorted(SPECS), default="chat")
    args = parser.parse_args()
    result = run(subscribers=args.subscribers, rounds=args.rounds, channel=args.channel)
    print(report(result))
    print(json.dumps({k: v for k, v in result.items()}, indent=2, default=str)[:4000])
