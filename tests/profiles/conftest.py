"""The bot's fixtures (the fake Bot API and the platform with its webhook) for /profile."""

from tests.bot.conftest import fake_tg, harness

__all__ = ["fake_tg", "harness"]
