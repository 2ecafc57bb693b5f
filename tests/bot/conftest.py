"""Fixtures: the fake Bot API in a thread, and the real platform (``lucas serve``'s app) with the
bot's webhook mounted, talking to that fake and calling its own GraphQL endpoint over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from db.engine import Database
from server.settings import Settings
from tests.bot.fake_telegram import FakeTelegram
from tests.bot.harness import SECRET, TOKEN, Harness
from tests.conftest import LiveServer, free_port, make_settings


@pytest.fixture
def fake_tg() -> Iterator[FakeTelegram]:
    fake = FakeTelegram(token=TOKEN)
    server = LiveServer(fake.app(), free_port()).start()
    fake.url = server.url
    yield fake
    server.stop()


def bot_settings(tmp_path: Path, database_url: str, fake: FakeTelegram, **overrides: Any) -> Settings:
    return make_settings(
        tmp_path,
        database_url,
        telegram_token=TOKEN,
        telegram_webhook_secret=SECRET,
        telegram_api_url=f"{fake.url}/bot",
        **overrides,
    )


@pytest.fixture
async def harness(
    tmp_path: Path, database_url: str, fake_tg: FakeTelegram, live_server_factory: Any
) -> AsyncIterator[Harness]:
    server = live_server_factory(bot_settings(tmp_path, database_url, fake_tg))
    settings: Settings = server.server.config.app.state.settings
    db = Database(database_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        yield Harness(fake=fake_tg, url=server.url, settings=settings, http=http, db=db)
    await db.dispose()
