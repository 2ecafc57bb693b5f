"""``lucas bot`` (polling) runs the same handlers; the webhook bot survives an unreachable Bot API."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.application import ALLOWED_UPDATES, close_api
from bot.polling import build_polling_application, run_polling
from db.engine import Database
from db.models import TelegramLink
from tests.bot.conftest import bot_settings
from tests.bot.fake_telegram import FakeTelegram
from tests.bot.harness import ALICE, SECRET, SECRET_HEADER, TOKEN, message_update
from tests.conftest import LiveServer, free_port, make_settings


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: SQLite is enough here (wallet, shop and delivery run on both)."""
    return "sqlite"


async def wait_for(condition: Any, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


async def test_polling_bot_talks_to_the_platform(
    tmp_path: Path, database_url: str, fake_tg: FakeTelegram, live_server_factory: Any
) -> None:
    platform = live_server_factory(make_settings(tmp_path, database_url))  # no webhook bot inside
    settings = bot_settings(tmp_path, database_url, fake_tg, extra={"api_url": f"{platform.url}/graphql"})
    fake_tg.queue_update(message_update(1, ALICE, "/start"))
    fake_tg.queue_update(message_update(2, ALICE, "/balance"))

    application = build_polling_application(settings)
    async with application:
        assert application.post_init is not None
        await application.post_init(application)
        await application.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await application.start()
        await wait_for(lambda: len(fake_tg.texts()) == 2)
        await application.updater.stop()
        await application.stop()
    await close_api(application)

    assert fake_tg.texts() == [
        "Welcome to LucasTeam, alice! Your account is ready.\nTry /balance, /shop or /help.",
        "Your wallet is empty.",
    ]
    assert len(fake_tg.sent("deleteWebhook")) == 1
    assert len(fake_tg.sent("setMyCommands")) == 2


def test_lucas_bot_needs_a_token(tmp_path: Path) -> None:
    assert run_polling(make_settings(tmp_path, "sqlite+aiosqlite:///unused")) == 2


async def test_webhook_bot_starts_without_telegram_and_recovers(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    port = free_port()
    fake = FakeTelegram(token=TOKEN, url=f"http://127.0.0.1:{port}")
    server = live_server_factory(bot_settings(tmp_path, database_url, fake))  # the Bot API is down
    headers = {SECRET_HEADER: SECRET}
    db = Database(database_url)
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            down = await http.post(
                "/telegram/webhook", json=message_update(1, ALICE, "/start"), headers=headers
            )
            assert down.status_code == 503  # Telegram will deliver the update again
            async with db.reader() as session:
                links = (await session.execute(select(func.count()).select_from(TelegramLink))).scalar_one()
            assert links == 0

            telegram = LiveServer(fake.app(), port).start()
            try:
                up = await http.post(
                    "/telegram/webhook", json=message_update(1, ALICE, "/start"), headers=headers
                )
            finally:
                telegram.stop()
        assert up.status_code == 200
        assert fake.texts() == [
            "Welcome to LucasTeam, alice! Your account is ready.\nTry /balance, /shop or /help."
        ]
    finally:
        await db.dispose()
