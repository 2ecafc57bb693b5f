"""The bot's fixtures (the fake Bot API and the platform with the webhook) for /link's tests."""

from tests.bot.conftest import fake_tg, harness

__all__ = ["fake_tg", "harness"]
