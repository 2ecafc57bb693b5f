"""Flood safety: Telegram's 429 is waited out and retried once; a user's command burst is cut."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.error import RetryAfter

from bot.application import build_application
from bot.flood import RetryOnceOnFlood, UserRateLimiter
from tests.bot.conftest import bot_settings
from tests.bot.fake_telegram import FakeTelegram
from tests.bot.harness import ALICE, BOB, Harness, message_update


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: SQLite is enough here (wallet, shop and delivery run on both)."""
    return "sqlite"


async def test_telegram_429_is_waited_out_and_retried_once(harness: Harness) -> None:
    harness.fake.flood_once("sendMessage", 1)

    calls = await harness.deliver(message_update(1, ALICE, "/help"))

    attempts = [c for c in calls if c.method == "sendMessage"]
    assert len(attempts) == 2 and attempts[0].params == attempts[1].params
    assert attempts[1].params["text"].startswith("Commands:")
    assert attempts[1].at - attempts[0].at >= 1.0


class Calls:
    def __init__(self, *outcomes: Any) -> None:
        self.outcomes = list(outcomes)
        self.count = 0

    async def __call__(self) -> Any:
        self.count += 1
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


async def test_retry_once_gives_up_on_a_second_429() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    limiter = RetryOnceOnFlood(sleep=sleep)
    callback = Calls(RetryAfter(3), RetryAfter(3), {"ok": 1})
    with pytest.raises(RetryAfter):
        await limiter.process_request(callback, (), {}, "sendMessage", {}, None)
    assert (callback.count, waits) == (2, [3.0])

    callback = Calls(RetryAfter(timedelta(seconds=2)), {"ok": 1})
    assert await limiter.process_request(callback, (), {}, "sendMessage", {}, None) == {"ok": 1}
    assert waits == [3.0, 2.0]


async def test_retry_once_does_not_wait_longer_than_allowed() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    limiter = RetryOnceOnFlood(max_wait=10, sleep=sleep)
    callback = Calls(RetryAfter(60), {"ok": 1})
    with pytest.raises(RetryAfter):
        await limiter.process_request(callback, (), {}, "sendMessage", {}, None)
    assert (callback.count, waits) == (1, [])


def test_token_bucket_refills_over_time() -> None:
    now = [0.0]
    limiter = UserRateLimiter(capacity=2, per_second=0.5, clock=lambda: now[0])

    assert [limiter.hit(1), limiter.hit(1)] == [None, None]
    assert limiter.hit(1) == pytest.approx(2.0)
    assert limiter.hit(2) is None  # others are not affected
    now[0] = 1.0
    assert limiter.hit(1) == pytest.approx(1.0)
    now[0] = 2.0
    assert limiter.hit(1) is None
    assert limiter.hit(1) is not None


def test_token_bucket_warns_once_per_streak_and_forgets_idle_users() -> None:
    now = [0.0]
    limiter = UserRateLimiter(capacity=1, per_second=1, max_users=2, clock=lambda: now[0])
    limiter.hit(1)
    assert limiter.hit(1) is not None
    assert [limiter.should_warn(1), limiter.should_warn(1)] == [True, False]
    now[0] = 5.0
    assert limiter.hit(1) is None
    assert limiter.hit(1) is not None and limiter.should_warn(1)
    limiter.hit(2)
    limiter.hit(3)
    assert len(limiter._buckets) == 2 and 1 not in limiter._buckets


async def test_a_command_burst_gets_one_warning_then_silence(tmp_path: Path, fake_tg: FakeTelegram) -> None:
    settings = bot_settings(tmp_path, "sqlite+aiosqlite:///unused", fake_tg)
    limiter = UserRateLimiter(capacity=3, per_second=1, clock=lambda: 0.0)
    application = build_application(settings, user_limiter=limiter)
    async with application:
        for n in range(6):
            update = Update.de_json(message_update(100 + n, ALICE, "/help"), application.bot)
            await application.process_update(update)
        await application.process_update(Update.de_json(message_update(200, BOB, "/help"), application.bot))

    texts = fake_tg.texts()
    assert [t.split("\n")[0] for t in texts] == ["Commands:"] * 3 + [
        "Too many commands. Try again in 1 s."
    ] + ["Commands:"]
