"""Flood safety, both ways.

* ``RetryOnceOnFlood``: PTB's rate-limiter hook around every Bot API call. When Telegram answers
  429 it waits ``retry_after`` and tries once more; a second 429, or a wait longer than
  ``max_wait``, raises ``RetryAfter`` to the caller (the update's error handler logs it).
* ``UserRateLimiter``: a token bucket per Telegram user, in memory, so that one user's command
  spam costs neither the platform's API nor the bot's Telegram quota.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger("lucas.bot")

Sleep = Callable[[float], Awaitable[None]]


def retry_seconds(exc: RetryAfter) -> float:
    value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class RetryOnceOnFlood(BaseRateLimiter[None]):
    def __init__(self, *, max_wait: float = 30.0, sleep: Sleep = asyncio.sleep) -> None:
        self.max_wait = max_wait
        self._sleep = sleep

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            wait = retry_seconds(exc)
            if wait > self.max_wait:
                raise
            log.warning("Telegram flood control on %s: waiting %.1f s, then retrying once", endpoint, wait)
            await self._sleep(wait)
            return await callback(*args, **kwargs)


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class UserRateLimiter:
    """``capacity`` commands at once, refilled at ``per_second``; remembers ``max_users`` users."""

    def __init__(
        self,
        *,
        capacity: float = 8,
        per_second: float = 0.5,
        max_users: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self.max_users = max_users
        self._clock = clock
        self._buckets: OrderedDict[int, _Bucket] = OrderedDict()

    def hit(self, user_id: int) -> float | None:
        """None when allowed (a token is taken); otherwise the seconds until the next token."""
        now = self._clock()
        bucket = self._buckets.pop(user_id, None) or _Bucket(tokens=self.capacity, updated=now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.per_second)
        bucket.updated = now
        self._buckets[user_id] = bucket
        while len(self._buckets) > self.max_users:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return None
        return (1 - bucket.tokens) / self.per_second

    def should_warn(self, user_id: int) -> bool:
        """True once per refusal streak, so a flooding user gets one warning, not one per command."""
        bucket = self._buckets.get(user_id)
        if bucket is None or bucket.warned:
            return False
        bucket.warned = True
        return True
