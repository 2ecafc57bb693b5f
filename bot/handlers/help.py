"""/help, one line per command of every domain; and, in a private chat, a hint towards it for a
command the bot does not have (in groups such commands are other bots', so the bot stays silent)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.context import Context, reply, texts
from bot.domains import Domain, commands
from bot.i18n import N_

domain = Domain("help", order=1000)


@domain.command("help", N_("this list"))
async def help_command(update: Update, context: Context) -> None:
    _ = texts(update)
    lines = [_("Commands:")] + [f"/{c.name} — {_(c.description)}" for c in commands()]
    await reply(update, "\n".join(lines))


async def unknown_command(update: Update, context: Context) -> None:
    _ = texts(update)
    await reply(update, _("I do not know that command. Send /help for the list."))


domain.handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, unknown_command), stage="last")
