"""The baseline for the ``me`` benchmark: a bare Starlette endpoint answering the same data as
``{ me { id username balances { currency amount } inventory { item { id name } quantity } } }``
with hand-written SQL and the same token check."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from resolvers.accounts.tokens import InvalidToken, read_access_token
from resolvers.clock import SystemClock

SECRET = os.environ["LUCAS_SECRET_KEY"]
DSN = os.environ["BENCH_PG_DSN"]
clock = SystemClock()
pool: Any = None


async def me(request: Request) -> JSONResponse:
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    try:
        user_id = read_access_token(token, secret=SECRET, now=clock.now())
    except InvalidToken:
        return JSONResponse({"errors": [{"message": "unauthenticated"}]}, status_code=401)
    async with pool.acquire() as conn:
        user = await conn.fetchrow("SELECT id, username FROM users WHERE id = $1", user_id)
        accounts = await conn.fetch(
            "SELECT asset, balance FROM accounts WHERE owner_kind = 'user' AND owner_id = $1 ORDER BY asset",
            str(user_id),
        )
        held = [a for a in accounts if a["asset"].startswith("item:") and a["balance"] > 0]
        items = await conn.fetch(
            "SELECT id, name FROM items WHERE id = ANY($1::bigint[])", [int(a["asset"][5:]) for a in held]
        )
    names = {i["id"]: i["name"] for i in items}
    return JSONResponse(
        {
            "data": {
                "me": {
                    "id": str(user["id"]),
                    "username": user["username"],
                    "balances": [
                        {"currency": a["asset"], "amount": a["balance"]}
                        for a in accounts
                        if not a["asset"].startswith("item:")
                    ],
                    "inventory": [
                        {
                            "item": {"id": a["asset"][5:], "name": names[int(a["asset"][5:])]},
                            "quantity": a["balance"],
                        }
                        for a in held
                    ],
                }
            }
        }
    )


@contextlib.asynccontextmanager
async def lifespan(_: Starlette) -> AsyncIterator[None]:
    global pool
    pool = await asyncpg.create_pool(DSN, min_size=2, max_size=10)
    yield
    await pool.close()


app = Starlette(routes=[Route("/me", me, methods=["POST", "GET"])], lifespan=lifespan)
