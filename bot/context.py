"""What every handler needs from an update: who acts, in which language, the API client, an
idempotency key, and a way to answer."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.api import APIRequestError, LucasAPI, TelegramActor
from bot.i18n import Texts, texts_for
from bot.operations.me import ME, MeMe

Context = ContextTypes.DEFAULT_TYPE
API_KEY = "lucas_api"


def actor_for(update: Update) -> TelegramActor:
    user = update.effective_user
    if user is None:
        raise ValueError("this update has no user to act for")
    chat = update.effective_chat
    # Only a private chat is where notifications may go; group chat ids are never linked.
    private = chat is not None and chat.type == ChatType.PRIVATE
    return TelegramActor(
        telegram_id=user.id,
        username=user.username,
        language=user.language_code,
        chat_id=chat.id if private and chat is not None else None,
    )


def texts(update: Update) -> Texts:
    user = update.effective_user
    return texts_for(user.language_code if user is not None else None)


def api(context: Context) -> LucasAPI:
    client: Any = context.bot_data[API_KEY]
    assert isinstance(client, LucasAPI)
    return client


async def current_user(context: Context, update: Update) -> MeMe:
    """The account of the user the update comes from (created on first contact)."""
    me = (await api(context).execute(ME({}), actor_for(update)))["me"]
    if me is None:
        raise APIRequestError("Me: the service key did not act for the user", code="UNAUTHENTICATED")
    return me


def idempotency_key(context: Context, update: Update) -> str:
    """Telegram redelivers an update with the same id, so a repeat moves nothing on the server."""
    return f"tg-{context.bot.id}-{update.update_id}"


def command_text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


async def reply(update: Update, text: str, *, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answers in the chat the update came from (a command's message or a button's message)."""
    message = update.effective_message
    if message is not None:
        await message.reply_text(text, reply_markup=markup)
        return
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, reply_markup=markup)
