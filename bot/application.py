"""The python-telegram-bot Application, the same for the webhook (inside ``lucas serve``) and for
``lucas bot`` (polling): handlers, per-user rate limit, flood retry, error replies."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.api import APIError, LucasAPI, api_url_for
from bot.context import API_KEY, Context, reply, texts
from bot.domains import all_handlers, command_names, commands
from bot.flood import RetryOnceOnFlood, UserRateLimiter
from bot.handlers.ingestion import is_trigger
from bot.i18n import LANGUAGES, Texts
from bot.messages import api_error_text

log = logging.getLogger("lucas.bot")

BotApplication = Application[Any, Any, Any, Any, Any, Any]
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


def file_url_for(api_url: str) -> str:
    """``https://api.telegram.org/bot`` → ``https://api.telegram.org/file/bot``."""
    head, sep, tail = api_url.rstrip("/").rpartition("/")
    return f"{head}/file/{tail}" if sep else api_url


def build_application(
    settings: Any,
    *,
    polling: bool = False,
    user_limiter: UserRateLimiter | None = None,
    bot_limiter: UserRateLimiter | None = None,
    flood: RetryOnceOnFlood | None = None,
    api: LucasAPI | None = None,
) -> BotApplication:
    if not settings.telegram_token:
        raise ValueError("LUCAS_TELEGRAM_TOKEN is not set")
    # httpx logs every request URL at INFO, and Bot API URLs carry the token.
    httpx_log = logging.getLogger("httpx")
    httpx_log.setLevel(max(httpx_log.getEffectiveLevel(), logging.WARNING))
    builder = (
        Application.builder()
        .token(settings.telegram_token)
        .base_url(settings.telegram_api_url)
        .base_file_url(file_url_for(settings.telegram_api_url))
        .rate_limiter(flood or RetryOnceOnFlood())
    )
    if not polling:
        builder = builder.updater(None)
    application: BotApplication = builder.build()
    application.bot_data[API_KEY] = api or LucasAPI(
        url=api_url_for(settings), service_key=settings.telegram_service_key
    )
    limiter = user_limiter or UserRateLimiter()
    # Game bots post in bursts (bot-to-bot mode); their messages get a larger bucket and no warning.
    bots = bot_limiter or UserRateLimiter(capacity=60, per_second=5)

    async def throttle(update: Update, context: Context) -> None:
        user = update.effective_user
        if user is None:
            raise ApplicationHandlerStop
        if user.is_bot:
            chat = update.effective_chat
            in_group = chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)
            if not in_group or update.message is None or bots.hit(user.id) is not None:
                raise ApplicationHandlerStop
            return
        if not addressed_to_bot(update, context.bot.username):
            return  # ordinary group chat (privacy mode off): no handler reads it, nothing is counted
        wait = limiter.hit(user.id)
        if wait is None:
            return
        if update.callback_query is not None:
            await update.callback_query.answer()
        if limiter.should_warn(user.id):
            _ = texts(update)
            await reply(
                update, _("Too many commands. Try again in {seconds} s.", seconds=max(1, round(wait)))
            )
        raise ApplicationHandlerStop

    application.add_handler(TypeHandler(Update, throttle), group=-1)
    application.add_handlers(all_handlers())
    application.add_error_handler(on_error)
    return application


def addressed_to_bot(update: Update, bot_username: str | None = None) -> bool:
    """A button press, one of our commands or ``парсинг``: what the handlers answer and the limiter
    counts. In a group, another bot's command (``/roll@dice_bot``, ``/start@other_bot``) is neither."""
    if update.callback_query is not None:
        return True
    message = update.effective_message
    text = (message.text or "") if message is not None else ""
    if not text.startswith("/"):
        return is_trigger(text)
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        return True
    name, _, target = text.split(maxsplit=1)[0][1:].partition("@")
    if target:
        return bool(bot_username) and target.lower() == (bot_username or "").lower()
    return name.lower() in command_names()


async def on_error(update: object, context: Context) -> None:
    error = context.error
    if isinstance(error, APIError):
        log.warning("API call failed (%s): %s", error.code, error)
    else:
        log.error("update failed", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_user is not None and update.effective_user.is_bot:
        return  # bot-to-bot mode stays silent in the group, even when it fails
    _ = texts(update)
    text = (
        api_error_text(_, error)
        if isinstance(error, APIError)
        else _("Something went wrong. Please try again later.")
    )
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await reply(update, text)
    except Exception:
        log.exception("could not tell the user about the failure")


async def publish_commands(application: BotApplication) -> None:
    """The command menu, in English by default and in Russian for Russian clients."""
    for language in LANGUAGES:
        _ = Texts(language)
        menu = [BotCommand(command.name, _(command.description)) for command in commands()]
        await application.bot.set_my_commands(menu, language_code=None if language == "en" else language)


async def close_api(application: BotApplication) -> None:
    client = application.bot_data.get(API_KEY)
    if isinstance(client, LucasAPI):
        await client.aclose()
