"""/help: one line per command."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import Context, reply, texts
from bot.messages import COMMANDS


async def help_command(update: Update, context: Context) -> None:
    _ = texts(update)
    lines = [_("Commands:")] + [f"/{name} — {_(description)}" for name, description in COMMANDS]
    await reply(update, "\n".join(lines))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [CommandHandler("help", help_command)]
