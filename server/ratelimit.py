"""Rate limits per user, per API key and per IP, in memory or in Redis (shared by all processes).

The identity is read from the request cheaply (the token's subject, the key's prefix, the client
address); a refused request gets HTTP 429 with ``Retry-After`` and a GraphQL error RATE_LIMITED.
"""

from __future__ import annotations

import json
import math
import time
from typing import Any

from limits import parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from resolvers.accounts.tokens import InvalidToken, read_access_token
from resolvers.clock import Clock


def create_storage(redis_url: str | None) -> Storage:
    if redis_url:
        return RedisStorage("async+" + redis_url, implementation="redispy", key_prefix="lucas:rl")
    return MemoryStorage()


class RateLimiter:
    def __init__(self, storage: Storage, *, user: str, anonymous: str, api_key: str) -> None:
        self.limiter = SlidingWindowCounterRateLimiter(storage)
        self.items = {"user": parse(user), "ip": parse(anonymous), "key": parse(api_key)}

    async def hit(self, kind: str, ident: str) -> float | None:
        """None when allowed; otherwise the seconds to wait."""
        item = self.items[kind]
        if await self.limiter.hit(item, kind, ident):
            return None
        stats = await self.limiter.get_window_stats(item, kind, ident)
        return max(1.0, stats.reset_time - time.time())


def identify(headers: dict[str, str], client: str, *, secret: str, clock: Clock) -> tuple[str, str]:
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    token = token.strip()
    if scheme.lower() == "bearer" and token:
        if token.startswith("lk_"):
            return "key", token[:10]
        try:
            return "user", str(read_access_token(token, secret=secret, now=clock.now()))
        except InvalidToken:
            pass
    return "ip", client


class RateLimitMiddleware:
    """Limits HTTP requests to the paths given (GraphQL and the webhook), not static files."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limiter: RateLimiter,
        secret: str,
        clock: Clock,
        paths: tuple[str, ...] = ("/graphql",),
        exempt_header: str | None = None,
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.secret = secret
        self.clock = clock
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths or scope["method"] == "GET":
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        client = (scope.get("client") or ("unknown", 0))[0]
        kind, ident = identify(headers, client, secret=self.secret, clock=self.clock)
        wait = await self.limiter.hit(kind, ident)
        if wait is None:
            await self.app(scope, receive, send)
            return
        retry = math.ceil(wait)
        body: dict[str, Any] = {
            "data": None,
            "errors": [
                {
                    "message": f"Too many requests; retry in {retry} s.",
                    "extensions": {"code": "RATE_LIMITED", "retryAfter": retry},
                }
            ],
        }
        payload = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"retry-after", str(retry).encode()),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
