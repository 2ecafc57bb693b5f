from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from db.models import RefreshToken, User
from resolvers.accounts import tokens
from resolvers.accounts.auth import REFRESH_GRACE
from resolvers.clock import ManualClock
from server.app import create_app
from server.settings import Settings
from tests.conftest import GraphQLClient

REGISTER = """mutation($u: String!, $p: String!) { authRegister(input: {username: $u, password: $p}) {
  accessToken refreshToken user { id username role } errors { code field message } } }"""
LOGIN = """mutation($u: String!, $p: String!) { authLogin(input: {username: $u, password: $p}) {
  accessToken refreshToken user { id username } errors { code field message } } }"""
REFRESH = """mutation($t: String!) { authRefresh(input: {refreshToken: $t}) {
  accessToken refreshToken user { username } errors { code field message } } }"""
LOGOUT = """mutation($t: String!) { authLogout(input: {refreshToken: $t}) { ok errors { code } } }"""


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def auth_app(settings: Settings, clock: ManualClock) -> AsyncIterator[Any]:
    application = create_app(settings, clock=clock, migrate=False, start_workers=False)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(auth_app: Any) -> AsyncIterator[GraphQLClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=auth_app), base_url="http://test") as http:
        yield GraphQLClient(http)


async def users(app: Any) -> int:
    async with app.state.services.db.reader() as session:
        return int((await session.execute(select(func.count()).select_from(User))).scalar_one())


async def test_register_login_and_me(client: GraphQLClient) -> None:
    reg = (await client(REGISTER, {"u": "Alice_1", "p": "long enough"}))["data"]["authRegister"]
    assert reg["errors"] == [] and reg["user"]["username"] == "Alice_1" and reg["user"]["role"] == "USER"
    login = (await client(LOGIN, {"u": "alice_1", "p": "long enough"}))["data"]["authLogin"]
    assert login["errors"] == [] and login["user"] == {"id": reg["user"]["id"], "username": "Alice_1"}
    me = await client("{ me { id username } }", token=login["accessToken"])
    assert me["data"]["me"] == {"id": reg["user"]["id"], "username": "Alice_1"}
    anonymous = await client("{ me { id } }")
    assert anonymous["data"]["me"] is None


@pytest.mark.parametrize(
    ("username", "password", "code", "field"),
    [
        ("ab", "long enough", "INVALID_USERNAME", "username"),
        ("bad name!", "long enough", "INVALID_USERNAME", "username"),
        ("x" * 33, "long enough", "INVALID_USERNAME", "username"),
        ("carol", "short", "WEAK_PASSWORD", "password"),
        ("carol", "p" * 300, "WEAK_PASSWORD", "password"),
        ("TAKEN", "long enough", "USERNAME_TAKEN", "username"),
    ],
)
async def test_bad_registrations_change_nothing(
    auth_app: Any, client: GraphQLClient, username: str, password: str, code: str, field: str
) -> None:
    await client.register("taken")
    before = await users(auth_app)
    body = (await client(REGISTER, {"u": username, "p": password}))["data"]["authRegister"]
    assert body["accessToken"] is None and body["user"] is None
    assert [(e["code"], e["field"]) for e in body["errors"]] == [(code, field)]
    assert await users(auth_app) == before


async def test_wrong_password_and_unknown_user_look_the_same(client: GraphQLClient) -> None:
    await client.register("dave")
    for name, password in (("dave", "wrong password"), ("nobody", "whatever123")):
        body = (await client(LOGIN, {"u": name, "p": password}))["data"]["authLogin"]
        assert body["accessToken"] is None
        assert body["errors"] == [
            {"code": "INVALID_CREDENTIALS", "field": "password", "message": "Wrong username or password."}
        ]


async def test_refresh_rotates_and_reuse_revokes_the_family(
    auth_app: Any, client: GraphQLClient, clock: ManualClock
) -> None:
    reg = (await client(REGISTER, {"u": "erin", "p": "long enough"}))["data"]["authRegister"]
    first = reg["refreshToken"]
    rotated = (await client(REFRESH, {"t": first}))["data"]["authRefresh"]
    assert rotated["errors"] == [] and rotated["refreshToken"] != first
    clock.advance(seconds=REFRESH_GRACE.total_seconds() + 1)  # within the grace, reuse is a second tab
    reuse = (await client(REFRESH, {"t": first}))["data"]["authRefresh"]
    assert [e["code"] for e in reuse["errors"]] == ["INVALID_TOKEN"]
    after_theft = (await client(REFRESH, {"t": rotated["refreshToken"]}))["data"]["authRefresh"]
    assert [e["code"] for e in after_theft["errors"]] == ["INVALID_TOKEN"]
    async with auth_app.state.services.db.reader() as session:
        live = (await session.execute(select(RefreshToken).where(RefreshToken.revoked_at.is_(None)))).all()
    assert live == []


async def test_logout_revokes_refresh(client: GraphQLClient) -> None:
    reg = (await client(REGISTER, {"u": "frank", "p": "long enough"}))["data"]["authRegister"]
    assert (await client(LOGOUT, {"t": reg["refreshToken"]}))["data"]["authLogout"] == {
        "ok": True,
        "errors": [],
    }
    again = (await client(REFRESH, {"t": reg["refreshToken"]}))["data"]["authRefresh"]
    assert [e["code"] for e in again["errors"]] == ["INVALID_TOKEN"]
    forged = (await client(LOGOUT, {"t": "rt_abc.def"}))["data"]["authLogout"]
    assert forged == {"ok": False, "errors": [{"code": "INVALID_TOKEN"}]}


async def test_refresh_token_expires(client: GraphQLClient, clock: ManualClock) -> None:
    reg = (await client(REGISTER, {"u": "gina", "p": "long enough"}))["data"]["authRegister"]
    clock.advance(days=31)
    body = (await client(REFRESH, {"t": reg["refreshToken"]}))["data"]["authRefresh"]
    assert [e["code"] for e in body["errors"]] == ["INVALID_TOKEN"]


async def test_expired_and_forged_access_tokens_are_refused(
    client: GraphQLClient, clock: ManualClock, settings: Settings
) -> None:
    token, user_id = await client.register("hank")
    clock.advance(minutes=16)
    expired = await client("{ me { id } }", token=token, expect_errors=True)
    assert expired["_status"] == 401 and expired["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    forged = tokens.issue_access_token(secret="not-the-secret", user_id=user_id, now=clock.now(), minutes=15)
    body = await client("{ me { id } }", token=forged, expect_errors=True)
    assert body["_status"] == 401 and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    body = await client("{ me { id } }", token=tampered, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    fresh = tokens.issue_access_token(
        secret=settings.secret_key, user_id=user_id, now=clock.now(), minutes=15
    )
    assert (await client("{ me { id } }", token=fresh))["data"]["me"] == {"id": str(user_id)}


API_KEY_CREATE = """mutation($n: String!, $s: [ApiKeyScope!]!) { apiKeyCreate(input: {name: $n, scopes: $s}) {
  apiKey { id name prefix scopes } secret errors { code field } } }"""


async def test_api_keys_scopes_and_revocation(client: GraphQLClient) -> None:
    token, _ = await client.register("ivan")
    made = (await client(API_KEY_CREATE, {"n": "reader", "s": ["READ"]}, token=token))["data"]["apiKeyCreate"]
    assert made["errors"] == [] and made["secret"].startswith("lk_") and made["apiKey"]["scopes"] == ["READ"]
    assert made["secret"][:10] == made["apiKey"]["prefix"]
    me = await client("{ me { username } }", token=made["secret"])
    assert me["data"]["me"] == {"username": "ivan"}
    write = await client(
        "mutation { notificationMarkRead(input: {all: true}) { count } }",
        token=made["secret"],
        expect_errors=True,
    )
    assert write["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    keys = await client("{ myApiKeys { name revokedAt } }", token=token)
    assert keys["data"]["myApiKeys"] == [{"name": "reader", "revokedAt": None}]
    revoked = await client(
        "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { apiKey { revokedAt } errors { code } } }",
        {"id": made["apiKey"]["id"]},
        token=token,
    )
    assert revoked["data"]["apiKeyRevoke"]["apiKey"]["revokedAt"] is not None
    gone = await client("{ me { username } }", token=made["secret"], expect_errors=True)
    assert gone["_status"] == 401
    bad = (await client(API_KEY_CREATE, {"n": "", "s": ["READ"]}, token=token))["data"]["apiKeyCreate"]
    assert [e["code"] for e in bad["errors"]] == ["INVALID_NAME"]
    other, _ = await client.register("judy")
    stolen = await client(
        "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { errors { code } } }",
        {"id": made["apiKey"]["id"]},
        token=other,
    )
    assert stolen["data"]["apiKeyRevoke"]["errors"] == [{"code": "NOT_FOUND"}]


async def test_telegram_service_key_acts_for_a_telegram_user(
    auth_app: Any, client: GraphQLClient, settings: Settings
) -> None:
    headers = {"x-lucas-telegram-user-id": "777", "x-lucas-telegram-username": "tg_nick"}
    first = await client(
        "{ me { id username telegramLinked } }", token=settings.telegram_service_key, headers=headers
    )
    assert first["data"]["me"]["username"] == "tg_nick" and first["data"]["me"]["telegramLinked"] is True
    again = await client("{ me { id } }", token=settings.telegram_service_key, headers=headers)
    assert again["data"]["me"]["id"] == first["data"]["me"]["id"]
    before = await users(auth_app)
    missing = await client("{ me { id } }", token=settings.telegram_service_key, expect_errors=True)
    assert missing["_status"] == 401
    wrong_key = await client("{ me { id } }", token="lsk_tg_wrong", headers=headers, expect_errors=True)
    assert wrong_key["_status"] == 401
    assert await users(auth_app) == before
