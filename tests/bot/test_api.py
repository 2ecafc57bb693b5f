"""The API client's pieces that need no server: headers built in one place, the URL, errors."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from bot.api import (
    APIRateLimited,
    APIRequestError,
    APIUnavailable,
    LucasAPI,
    TelegramActor,
    actor_headers,
    api_url_for,
)
from bot.operations.me import ME
from bot.operations.recipient import RECIPIENT
from tests.conftest import make_settings


def test_actor_headers() -> None:
    full = TelegramActor(telegram_id=5, username="bob", language="ru", chat_id=5)
    assert actor_headers("key", full) == {
        "Authorization": "Bearer key",
        "X-Lucas-Telegram-User-Id": "5",
        "X-Lucas-Telegram-Username": "bob",
        "X-Lucas-Telegram-Language": "ru",
        "X-Lucas-Telegram-Chat-Id": "5",
    }
    assert actor_headers("key", TelegramActor(telegram_id=7)) == {
        "Authorization": "Bearer key",
        "X-Lucas-Telegram-User-Id": "7",
    }


def test_api_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LUCAS_API_URL", raising=False)
    settings = make_settings(tmp_path, "sqlite+aiosqlite:///x")
    assert api_url_for(replace(settings, port=9000)) == "http://127.0.0.1:9000/graphql"
    assert api_url_for(replace(settings, host="0.0.0.0", port=80)) == "http://127.0.0.1:80/graphql"
    assert api_url_for(replace(settings, host="::1")) == "http://[::1]:8000/graphql"
    monkeypatch.setenv("LUCAS_API_URL", "https://api.example/graphql")
    assert api_url_for(settings) == "https://api.example/graphql"
    assert api_url_for(replace(settings, extra={"api_url": "http://x/graphql"})) == "http://x/graphql"


def client(handler: object) -> LucasAPI:
    return LucasAPI(url="http://api/graphql", service_key="k", transport=httpx.MockTransport(handler))  # type: ignore[arg-type]


ACTOR = TelegramActor(telegram_id=1)


async def test_rate_limit_and_failures_become_typed_errors() -> None:
    limited = client(lambda r: httpx.Response(429, headers={"retry-after": "7"}, json={"errors": []}))
    with pytest.raises(APIRateLimited) as caught:
        await limited.execute(ME({}), ACTOR)
    assert caught.value.retry_after == 7

    down = client(lambda r: httpx.Response(502, text="bad gateway"))
    with pytest.raises(APIUnavailable):
        await down.execute(ME({}), ACTOR)

    refused = client(
        lambda r: httpx.Response(
            401, json={"data": None, "errors": [{"message": "no", "extensions": {"code": "UNAUTHENTICATED"}}]}
        )
    )
    with pytest.raises(APIRequestError) as refused_error:
        await refused.execute(ME({}), ACTOR)
    assert refused_error.value.code == "UNAUTHENTICATED"

    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(APIUnavailable):
        await client(unreachable).execute(ME({}), ACTOR)


async def test_requests_name_the_operation_and_act_for_the_user() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, json={"data": {"byTelegram": None, "byName": {"id": "7", "username": "bob"}}}
        )

    data = await client(handler).execute(RECIPIENT({"username": "bob"}), ACTOR)
    assert data == {"byTelegram": None, "byName": {"id": "7", "username": "bob"}}
    (request,) = seen
    assert request.headers["authorization"] == "Bearer k"
    assert request.headers["x-lucas-telegram-user-id"] == "1"
    body = json.loads(request.content)
    assert body["operationName"] == "Recipient" and body["variables"] == {"username": "bob"}
    assert body["query"] == RECIPIENT.document


async def test_a_document_the_server_refuses_is_a_request_error() -> None:
    invalid = client(
        lambda r: httpx.Response(
            200, json={"data": None, "errors": [{"message": "Cannot query field", "extensions": {}}]}
        )
    )
    with pytest.raises(APIRequestError) as caught:
        await invalid.execute(ME({}), ACTOR)
    assert caught.value.code == "GRAPHQL_ERROR" and "Me: Cannot query field" in str(caught.value)
