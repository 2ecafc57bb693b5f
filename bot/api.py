"""The bot's only way to the platform: its GraphQL documents posted over HTTP with the service key,
acting for one Telegram user. No business rules live here.

Exceptions, all raised by ``LucasAPI`` methods:

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
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import httpx

from bot import results as r

DOCUMENTS_DIR = Path(__file__).resolve().parent / "graphql"

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


@cache
def document(name: str) -> str:
    return (DOCUMENTS_DIR / f"{name}.graphql").read_text(encoding="utf-8")


def api_url_for(settings: Any) -> str:
    """``LUCAS_API_URL``, else this process's own server (the bot inside ``lucas serve``)."""
    configured = settings.extra.get("api_url") or os.environ.get("LUCAS_API_URL")
    if configured:
        return str(configured)
    host = "127.0.0.1" if settings.host in ("", "0.0.0.0", "::") else settings.host
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{settings.port}/graphql"


class LucasAPI:
    """Typed calls of the bot's GraphQL documents."""

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

    async def execute(self, name: str, variables: dict[str, Any], actor: TelegramActor) -> dict[str, Any]:
        """Posts one document; returns ``data`` or raises an ``APIError``."""
        try:
            response = await self._http.post(
                self.url,
                json={"query": document(name), "variables": variables, "operationName": name},
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
        return data

    async def me(self, actor: TelegramActor) -> r.Me:
        me = (await self.execute("Me", {}, actor))["me"]
        if me is None:
            raise APIRequestError("Me: the service key did not act for the user", code="UNAUTHENTICATED")
        return cast(r.Me, me)

    async def my_transfers(
        self, actor: TelegramActor, *, first: int, after: str | None = None
    ) -> r.TransferConnection:
        data = await self.execute("MyTransfers", {"first": first, "after": after}, actor)
        return cast(r.TransferConnection, data["myTransfers"])

    async def user_by_username(self, actor: TelegramActor, username: str) -> r.PublicUser | None:
        data = await self.execute("UserByUsername", {"username": username}, actor)
        return cast("r.PublicUser | None", data["userByUsername"])

    async def wallet_transfer(
        self,
        actor: TelegramActor,
        *,
        to_user_id: str,
        amount: str,
        idempotency_key: str,
        currency: str = "COIN",
        memo: str | None = None,
    ) -> r.WalletTransferPayload:
        variables = {
            "input": {
                "toUserId": to_user_id,
                "amount": amount,
                "currency": currency,
                "idempotencyKey": idempotency_key,
                "memo": memo,
            }
        }
        data = await self.execute("WalletTransfer", variables, actor)
        return cast(r.WalletTransferPayload, data["walletTransfer"])

    async def shop_items(
        self, actor: TelegramActor, *, first: int, after: str | None = None
    ) -> r.ShopItemConnection:
        data = await self.execute("ShopItems", {"first": first, "after": after}, actor)
        return cast(r.ShopItemConnection, data["shopItems"])

    async def shop_purchase(
        self, actor: TelegramActor, *, item_id: str, quantity: int, idempotency_key: str
    ) -> r.ShopPurchasePayload:
        variables = {"input": {"itemId": item_id, "quantity": quantity, "idempotencyKey": idempotency_key}}
        data = await self.execute("ShopPurchase", variables, actor)
        return cast(r.ShopPurchasePayload, data["shopPurchase"])

    async def notifications(
        self, actor: TelegramActor, *, first: int, unread_only: bool
    ) -> r.NotificationConnection:
        data = await self.execute("Notifications", {"first": first, "unreadOnly": unread_only}, actor)
        return cast(r.NotificationConnection, data["notifications"])

    async def notifications_mark_all_read(self, actor: TelegramActor) -> r.NotificationMarkReadPayload:
        data = await self.execute("NotificationMarkRead", {"input": {"all": True}}, actor)
        return cast(r.NotificationMarkReadPayload, data["notificationMarkRead"])

    async def ingestion_submit(
        self, actor: TelegramActor, message: dict[str, Any]
    ) -> r.IngestionSubmitPayload:
        """``message`` is an ``IngestionSubmitInput``: the game bot's message as Telegram gave it.
        No idempotency key: the server pays each (chat id, message id) once."""
        data = await self.execute("IngestionSubmit", {"input": message}, actor)
        return cast(r.IngestionSubmitPayload, data["ingestionSubmit"])

    async def ingestion_nickname_claim(
        self, actor: TelegramActor, *, source: str, nickname: str
    ) -> r.IngestionNicknameClaimPayload:
        variables = {"input": {"source": source, "nickname": nickname}}
        data = await self.execute("IngestionNicknameClaim", variables, actor)
        return cast(r.IngestionNicknameClaimPayload, data["ingestionNicknameClaim"])

    async def my_ingestions(
        self, actor: TelegramActor, *, first: int, after: str | None = None
    ) -> r.IngestionConnection:
        data = await self.execute("MyIngestions", {"first": first, "after": after}, actor)
        return cast(r.IngestionConnection, data["myIngestions"])


def _retry_after(response: httpx.Response) -> int:
    try:
        return max(1, int(response.headers.get("retry-after", "1")))
    except ValueError:
        return 1
