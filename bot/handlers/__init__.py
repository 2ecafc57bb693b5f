"""Handlers per domain; each module's ``handlers()`` lists what it registers."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.handlers import help, notifications, shop, start, wallet


def all_handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [
        *start.handlers(),
        *help.handlers(),
        *wallet.handlers(),
        *shop.handlers(),
        *notifications.handlers(),
    ]
