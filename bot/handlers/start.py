"""/start: the first contact creates and links the account on the server."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import Context, actor_for, api, reply, texts


async def start(update: Update, context: Context) -> None:
    _ = texts(update)
    me = await api(context).me(actor_for(update))
    await reply(
        update,
        _(
            "Welcome to LucasTeam, {username}! Your account is ready.\nTry /balance, /shop or /help.",
            username=me["username"],
        ),
    )


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [CommandHandler("start", start)]
