"""Handlers per domain; each module's ``handlers()`` lists what it registers."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.handlers import help, ingestion, notifications, shop, start, wallet


def all_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [
        # First: other bots' messages go to ingestion only, never to a command.
        *ingestion.bot_to_bot(),
        *start.handlers(),
        *help.handlers(),
        *wallet.handlers(),
        *shop.handlers(),
        *notifications.handlers(),
        *ingestion.handlers(),
    ]
