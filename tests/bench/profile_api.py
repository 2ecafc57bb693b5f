"""Where a request's time goes: ``me`` or a payment through the ASGI app called in process (no HTTP
client in the profile) on a fresh PostgreSQL database from ``LUCAS_TEST_PG_DSN``.

    .venv/bin/python -m tests.bench.profile_api [--what me|pay] [--requests 500] [--out file.prof]

Prints wall and process CPU per request, round trips (socket writes) per request, the statements
of one request, and the cProfile entries with the largest own time.
"""

from __future__ import annotations

import argparse
import asyncio
import asyncio.selector_events as selector_events
import cProfile
import json
import os
import pstats
import tempfile
import time
import uuid
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
from sqlalchemy import event, update

from db.migrate import upgrade
from db.models import User
from resolvers.accounts import passwords
from server.app import create_app
from server.settings import load_settings
from tests.bench.bench_api import ME, PAY

REGISTER = (
    'mutation($u:String!){authRegister(input:{username:$u,password:"password123"}){accessToken user{id}}}'
)
GRANT = 'mutation($u:ID!){adminGrant(input:{userId:$u,amount:1000000,reason:"b"}){errors{code}}}'
ITEM = "mutation($n:String!){adminItemCreate(input:{name:$n,price:5}){item{id}}}"
BUY = "mutation($i:ID!){shopPurchase(input:{itemId:$i,quantity:2}){errors{code}}}"


async def _database() -> str:
    dsn = os.environ["LUCAS_TEST_PG_DSN"]
    name = f"profile_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(dsn)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    url = dsn.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + "/" + name
    await asyncio.to_thread(upgrade, url)
    return url


def _caller(app: Any, body: bytes, token: str) -> Callable[[], Any]:
    headers = [
        (b"host", b"bench"),
        (b"content-type", b"application/json"),
        (b"authorization", f"Bearer {token}".encode()),
        (b"content-length", str(len(body)).encode()),
    ]

    async def call() -> None:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/graphql",
            "raw_path": b"/graphql",
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "state": {},
        }
        sent: list[dict[str, Any]] = []
        delivered = False

        async def receive() -> dict[str, Any]:
            nonlocal delivered
            if delivered:
                await asyncio.Event().wait()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await app(scope, receive, send)
        answer = json.loads(sent[1]["body"])
        if sent[0]["status"] != 200 or answer.get("errors"):
            raise RuntimeError(f"bad answer: {sent[0]['status']} {answer}")

    return call


async def main(what: str, requests: int, out: str | None) -> None:
    passwords.configure(time_cost=1, memory_cost=1024)
    data = tempfile.mkdtemp(prefix="lucas-profile-")
    env = {
        "LUCAS_DATA_DIR": data,
        "LUCAS_DATABASE_URL": await _database(),
        "LUCAS_SECRET_KEY": "profile-secret-" + "x" * 32,
        "LUCAS_RATE_LIMITS": "off",
        "LUCAS_IN_PROCESS_WORKERS": "0",
        "LUCAS_FRONTEND_DIR": os.path.join(data, "no-frontend"),
    }
    app = create_app(load_settings(env), migrate=False, start_workers=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:

            async def q(query: str, variables: dict[str, Any], token: str | None = None) -> Any:
                headers = {"authorization": f"Bearer {token}"} if token else {}
                body = (
                    await http.post(
                        "/graphql", json={"query": query, "variables": variables}, headers=headers
                    )
                ).json()
                if body.get("errors"):
                    raise RuntimeError(body["errors"])
                return body["data"]

            admin = (await q(REGISTER, {"u": "admin"}))["authRegister"]
            async with app.state.services.db.transaction() as session:
                await session.execute(
                    update(User).where(User.id == int(admin["user"]["id"])).values(role="admin")
                )
            players = []
            for n in range(2):
                player = (await q(REGISTER, {"u": f"player{n}"}))["authRegister"]
                players.append(player)
                await q(GRANT, {"u": player["user"]["id"]}, admin["accessToken"])
            for n in range(3):
                item = (await q(ITEM, {"n": f"item{n}"}, admin["accessToken"]))["adminItemCreate"]["item"][
                    "id"
                ]
                await q(BUY, {"i": item}, players[0]["accessToken"])
        query = (
            {"query": ME}
            if what == "me"
            else {"query": PAY, "variables": {"to": players[1]["user"]["id"], "amount": 1}}
        )
        call = _caller(app, json.dumps(query).encode(), players[0]["accessToken"])
        for _ in range(50):
            await call()

        statements: list[str] = []

        def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            statements.append(" ".join(statement.split())[:110])

        engine = app.state.services.db.engine.sync_engine
        event.listen(engine, "before_cursor_execute", record)
        await call()
        event.remove(engine, "before_cursor_execute", record)

        writes = [0]
        write = selector_events._SelectorSocketTransport.write

        def counting(self: Any, data: Any) -> None:
            writes[0] += 1
            write(self, data)

        selector_events._SelectorSocketTransport.write = counting  # type: ignore[method-assign]
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(requests):
            await call()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        selector_events._SelectorSocketTransport.write = write  # type: ignore[method-assign]

        profile = cProfile.Profile()
        profile.enable()
        for _ in range(requests):
            await call()
        profile.disable()

    print(
        f"{what}: {1000 * wall / requests:.2f} ms wall, {1000 * cpu / requests:.2f} ms process CPU, "
        f"{writes[0] / requests:.1f} round trips per request"
    )
    print(f"{len(statements)} statements:")
    for statement in statements:
        print("   ", statement)
    stats = pstats.Stats(profile)
    print(f"{stats.total_calls / requests:.0f} Python function calls per request")  # type: ignore[attr-defined]
    stats.sort_stats("tottime").print_stats(25)
    if out:
        stats.dump_stats(out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m tests.bench.profile_api")
    parser.add_argument("--what", choices=["me", "pay"], default="me")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--out", help="write the cProfile stats here")
    args = parser.parse_args()
    asyncio.run(main(args.what, args.requests, args.out))
