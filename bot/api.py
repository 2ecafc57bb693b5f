"""The bot's only way to the platform: its GraphQL documents posted over HTTP with the service key,
acting for one Telegram user. No business rules live here.

One typed call for every operation: ``await api.execute(MY_TRANSFERS({"first": 10}), actor)``
returns ``MyTransfersData``. The operations, with their variables' and data's TypedDicts, are
generated from ``bot/graphql/*.graphql`` and ``schema/schema.graphql`` into ``bot/operations/``
by ``python -m bot.codegen``.

Exceptions, all raised by ``LucasAPI.execute``:

* APIError — base class; ``code`` is a short machine-readable reason.
  * APIUnavailable — the API could not be reached, timed out or answered 5xx.
  * APIRateLimited — the API answered 429 / ``RATE_LIMITED``; ``retry_after`` in seconds.
  * APIRequestError — the API refused the request with top-level GraphQL errors
    (``UNAUTHENTICATED``, ``FORBIDDEN``, ``INTERNAL``, or an invalid document).

Expected failures of mutations (not enough coins, unknown user…) are not exceptions: they come
back as ``errors`` in the payloads, as the schema says.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

import httpx

VariablesT = TypeVar("VariablesT", bound=Mapping[str, object])
DataT = TypeVar("DataT")

USER_ID_HEADER = "X-Lucas-Telegram-User-Id"
USERNAME_HEADER = "X-Lucas-Telegram-Username"
LANGUAGE_HEADER = "X-Lucas-Telegram-Language"
CHAT_ID_HEADER = "X-Lucas-Telegram-Chat-Id"


class APIError(Exception):
    def __init__(self, message: str, *, code: str = "ERROR") -> None:
        super().__init__(message)
        self.code = code


class APIUnavailable(APIError):
    pass


class APIRateLimited(APIError):
    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, code="RATE_LIMITED")
        self.retry_after = retry_after


class APIRequestError(APIError):
    pass


@dataclass(frozen=True, kw_only=True)
class TelegramActor:
    """The Telegram user the bot acts for; ``chat_id`` only for their private chat with the bot."""

    telegram_id: int
    username: str | None = None
    language: str | None = None
    chat_id: int | None = None


def actor_headers(service_key: str, actor: TelegramActor) -> dict[str, str]:
    """The one place where the service key and the acting-for-user headers are put together."""
    headers = {"Authorization": f"Bearer {service_key}", USER_ID_HEADER: str(actor.telegram_id)}
    if actor.username:
        headers[USERNAME_HEADER] = actor.username
    if actor.language:
        headers[LANGUAGE_HEADER] = actor.language
    if actor.chat_id is not None:
        headers[CHAT_ID_HEADER] = str(actor.chat_id)
    return headers


@dataclass(frozen=True)
class Operation(Generic[VariablesT, DataT]):
    """One named document; its type parameters say what it takes and what its ``data`` holds.
    Calling it binds the variables (checked against ``VariablesT``) for ``LucasAPI.execute``."""

    name: str
    document: str

    def __call__(self, variables: VariablesT) -> Request[DataT]:
        return Request(self, variables)


@dataclass(frozen=True)
class Request(Generic[DataT]):
    operation: Operation[Any, DataT]
    variables: Mapping[str, object]


def api_url_for(settings: Any) -> str:
    """``LUCAS_API_URL``, else this process's own server (the bot inside ``lucas serve``)."""
    configured = settings.extra.get("api_url") or os.environ.get("LUCAS_API_URL")
    if configured:
        return str(configured)
    host = "127.0.0.1" if settings.host in ("", "0.0.0.0", "::") else settings.host
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{settings.port}/graphql"


class LucasAPI:
    """Posts the bot's operations to the platform."""

    def __init__(
        self,
        *,
        url: str,
        service_key: str,
        timeout: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.url = url
        self.service_key = service_key
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def execute(self, request: Request[DataT], actor: TelegramActor) -> DataT:
        """Posts one operation with its variables; returns its ``data`` or raises an ``APIError``."""
        name, document = request.operation.name, request.operation.document
        try:
            response = await self._http.post(
                self.url,
                json={"query": document, "variables": request.variables, "operationName": name},
                headers=actor_headers(self.service_key, actor),
            )
        except httpx.HTTPError as exc:
            raise APIUnavailable(f"{name}: {type(exc).__name__}", code="UNAVAILABLE") from exc
        if response.status_code == 429:
            raise APIRateLimited(f"{name}: rate limited", retry_after=_retry_after(response))
        if response.status_code >= 500:
            raise APIUnavailable(f"{name}: HTTP {response.status_code}", code="UNAVAILABLE")
        try:
            body = response.json()
        except ValueError:
            raise APIUnavailable(
                f"{name}: HTTP {response.status_code}, not JSON", code="UNAVAILABLE"
            ) from None
        errors = body.get("errors") if isinstance(body, dict) else None
        if errors:
            first = errors[0] if isinstance(errors[0], dict) else {}
            code = str((first.get("extensions") or {}).get("code") or "GRAPHQL_ERROR")
            if code == "RATE_LIMITED":
                raise APIRateLimited(f"{name}: rate limited", retry_after=_retry_after(response))
            raise APIRequestError(f"{name}: {first.get('message', 'error')}", code=code)
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict):
            raise APIRequestError(f"{name}: no data (HTTP {response.status_code})")
        return cast(DataT, data)


def _retry_after(response: httpx.Response) -> int:
    try:
        return max(1, int(response.headers.get("retry-after", "1")))
    except ValueError:
        return 1
