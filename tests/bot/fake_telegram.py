"""A fake Telegram Bot API on localhost: the methods the bot and the delivery worker call, under
``/bot<token>/<method>``. Every call is recorded; a method can be told to answer 429 once.

PTB posts form fields (JSON-encoded where nested, such as ``reply_markup``); the worker posts
JSON. Both are accepted. It runs under uvicorn in a thread, so its state is guarded by a lock.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

BOT_ID = 424242
BOT_USERNAME = "lucas_test_bot"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float


@dataclass
class FakeTelegram:
    token: str
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    flood: dict[str, int] = field(default_factory=dict)
    fail: dict[str, tuple[int, str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _message_id: int = 1000

    # --- what tests use -------------------------------------------------------------------
    def flood_once(self, method: str, retry_after: int) -> None:
        """The next call of ``method`` gets 429 with ``retry_after``."""
        with self._lock:
            self.flood[method] = retry_after

    def fail_always(self, method: str, code: int, description: str) -> None:
        with self._lock:
            self.fail[method] = (code, description)

    def gateway_error(self, method: str) -> None:
        """Calls of ``method`` get a proxy's 502 page: nobody can tell whether Telegram acted."""
        with self._lock:
            self.fail[method] = (502, "<html>Bad Gateway</html>")

    def queue_update(self, update: dict[str, Any]) -> None:
        with self._lock:
            self.updates.append(update)

    def sent(self, method: str = "sendMessage") -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [
            str(c.params.get("text"))
            for c in self.sent()
            if chat_id is None or int(c.params["chat_id"]) == chat_id
        ]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    # --- the Bot API ----------------------------------------------------------------------
    def app(self) -> Starlette:
        return Starlette(routes=[Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"])])

    async def _endpoint(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.path_params["method"]
        params = await _params(request)
        if method == "getUpdates":
            await self._wait_for_updates(params)
        with self._lock:
            self.calls.append(Call(method, params, time.monotonic()))
            retry_after = self.flood.pop(method, None)
            failure = self.fail.get(method)
        if retry_after is not None:
            return JSONResponse(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry_after}",
                    "parameters": {"retry_after": retry_after},
                },
                status_code=429,
            )
        if failure is not None and failure[0] == 502:
            return HTMLResponse(failure[1], status_code=502)  # type: ignore[return-value]
        if failure is not None:
            return _error(*failure)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        return JSONResponse({"ok": True, "result": handler(params)})

    async def _wait_for_updates(self, params: dict[str, Any]) -> None:
        """A short long poll, so a polling bot does not spin while the test has nothing to say."""
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
        offset = int(params.get("offset") or 0)
        while time.monotonic() < deadline:
            with self._lock:
                if any(u["update_id"] >= offset for u in self.updates):
                    return
            await asyncio.sleep(0.02)

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Lucas",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._message_id += 1
            message_id = self._message_id
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or message_id),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": self._bot_user(),
            "text": params.get("text", ""),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _m_getMe(self, params: dict[str, Any]) -> Any:
        return self._bot_user()

    def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        return self._message(params)

    def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        return self._message(params) if params.get("chat_id") else True

    def _m_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        return True

    def _m_setMyCommands(self, params: dict[str, Any]) -> Any:
        return True

    def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        return True

    def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        return True

    def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        with self._lock:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            return list(self.updates)


def _error(code: int, description: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error_code": code, "description": description}, status_code=code)


async def _params(request: Request) -> dict[str, Any]:
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.json()
        return dict(body) if isinstance(body, dict) else {}
    form = await request.form()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = str(value)
        try:
            params[key] = json.loads(text) if text[:1] in "[{" else text
        except ValueError:
            params[key] = text
    return params
