"""``lucas bot``: the same Application, fed by long polling (development, or a bot host without a
public HTTPS address). Polling removes the webhook, so do not run it beside a webhook bot."""

from __future__ import annotations

import logging
from typing import Any

from bot.api import api_url_for
from bot.application import ALLOWED_UPDATES, BotApplication, build_application, close_api, publish_commands

log = logging.getLogger("lucas.bot")


def build_polling_application(settings: Any) -> BotApplication:
    application = build_application(settings, polling=True)
    application.post_init = publish_commands
    application.post_shutdown = close_api
    return application


def run_polling(settings: Any) -> int:
    if not settings.telegram_token:
        log.error("lucas bot needs LUCAS_TELEGRAM_TOKEN")
        return 2
    application = build_polling_application(settings)
    log.info("polling %s; the platform's API is %s", settings.telegram_api_url, api_url_for(settings))
    application.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0
