"""Rate limits per user, per API key and per IP, in memory or in Redis (shared by all processes).

The bucket is chosen after authentication, so a made-up API key or token cannot buy a fresh
bucket: a request that fails to authenticate counts against its address. The bot's service key
counts against the Telegram user it acts for. A refused request gets HTTP 429 with
``Retry-After`` and a GraphQL error RATE_LIMITED.
"""

from __future__ import annotations

import json
import math
import time

from limits import parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from starlette.responses import Response

from resolvers.actor import Actor


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


def bucket(actor: Actor | None, client: str) -> tuple[str, str]:
    if actor is None or not actor.authenticated:
        return "ip", client
    if actor.api_key_id is not None:
        return "key", str(actor.api_key_id)
    return "user", str(actor.user_id)


def too_many(wait: float) -> Response:
    retry = math.ceil(wait)
    body = {
        "data": None,
        "errors": [
            {
                "message": f"Too many requests; retry in {retry} s.",
                "extensions": {"code": "RATE_LIMITED", "retryAfter": retry},
            }
        ],
    }
    return Response(
        json.dumps(body), status_code=429, media_type="application/json", headers={"retry-after": str(retry)}
    )
