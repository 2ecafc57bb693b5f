"""The bot inside ``lucas serve``: ``POST /telegram/webhook`` on the platform's own Starlette app.

Telegram signs each call with ``X-Telegram-Bot-Api-Secret-Token`` (the secret given to
``setWebhook``); a missing or wrong token is refused with 403 before anything is read. An update
is processed inline, so the answer (200) means it was handled; Telegram retries only non-2xx
answers, and a retried update reuses its update id, hence its idempotency keys.

If Telegram cannot be reached when the server starts, the bot initialises on the first update
instead and answers 503 until then (Telegram delivers the update again later).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update

from bot.application import ALLOWED_UPDATES, BotApplication, build_application, close_api, publish_commands

log = logging.getLogger("lucas.bot")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PATH = "/telegram/webhook"
MAX_BODY = 1_000_000


class BotRunner:
    def __init__(self, application: BotApplication, *, secret: str, public_url: str = "") -> None:
        self.application = application
        self.secret = secret
        self.public_url = public_url.rstrip("/")
        self._lock = asyncio.Lock()
        self._ready = False

    async def start(self) -> None:
        await self.ensure_ready()

    async def ensure_ready(self) -> bool:
        if self._ready:
            return True
        async with self._lock:
            if self._ready:
                return True
            try:
                await self.application.initialize()
            except Exception:
                log.exception("the Telegram bot could not start (Bot API unreachable?); will retry")
                return False
            self._ready = True
        await self._announce()
        return True

    async def _announce(self) -> None:
        try:
            await publish_commands(self.application)
            if self.public_url:
                await self.application.bot.set_webhook(
                    f"{self.public_url}{PATH}", secret_token=self.secret, allowed_updates=ALLOWED_UPDATES
                )
        except Exception:
            log.exception("could not publish the bot's commands or webhook")

    async def stop(self) -> None:
        if self._ready:
            await self.application.shutdown()
            self._ready = False
        await close_api(self.application)

    def authorised(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER)
        return given is not None and hmac.compare_digest(given.encode(), self.secret.encode())

    async def endpoint(self, request: Request) -> Response:
        if not self.authorised(request):
            return Response(status_code=403)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return Response(status_code=413)
        try:
            data: Any = json.loads(body)
        except ValueError:
            return Response(status_code=400)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return Response(status_code=400)
        if not await self.ensure_ready():
            return Response(status_code=503)
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception:
            log.warning("malformed Telegram update %s", data.get("update_id"))
            return Response(status_code=400)
        # Handler failures are answered to the user by the error handler, never raised here.
        await self.application.process_update(update)
        return Response(status_code=200)


def create_webhook(settings: Any) -> tuple[BotRunner, Route]:
    if not settings.telegram_webhook_secret:
        raise ValueError("LUCAS_TELEGRAM_WEBHOOK_SECRET is not set")
    runner = BotRunner(
        build_application(settings),
        secret=settings.telegram_webhook_secret,
        public_url=settings.public_url,
    )
    return runner, Route(PATH, runner.endpoint, methods=["POST"])
