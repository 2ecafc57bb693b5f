"""Rate limits: HTTP 429 with Retry-After and RATE_LIMITED; buckets per user, per IP and per API key;
shared through Redis by several processes; off with LUCAS_RATE_LIMITS=off."""

from __future__ import annotations

import random
import uuid
from pathlib import Path
from typing import Any

import httpx

from server.app import create_app
from server.settings import load_settings
from tests.conftest import REDIS_URL, make_settings, need
from tests.server.support import running, snapshot

ME = "{ me { id } }"


def limited(tmp_path: Path, database_url: str, **overrides: Any):
    return make_settings(
        tmp_path,
        database_url,
        **{
            "rate_limits": True,
            "rate_limit_anonymous": "3/minute",
            "rate_limit_user": "3/minute",
            "rate_limit_api_key": "3/minute",
            **overrides,
        },
    )


def random_ip() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


async def post(http: httpx.AsyncClient, query: str = ME, **headers: str) -> httpx.Response:
    return await http.post("/graphql", json={"query": query}, headers=headers)


def assert_limited(response: httpx.Response) -> None:
    assert response.status_code == 429
    retry = response.headers["retry-after"]
    assert retry.isdigit() and 1 <= int(retry) <= 60
    body = response.json()
    assert body["data"] is None
    assert [e["extensions"] for e in body["errors"]] == [{"code": "RATE_LIMITED", "retryAfter": int(retry)}]
    assert body["errors"][0]["message"] == f"Too many requests; retry in {retry} s."


async def test_the_fourth_anonymous_request_is_refused(tmp_path: Path, database_url: str) -> None:
    async with running(limited(tmp_path, database_url), client=(random_ip(), 1)) as (_, gql):
        statuses = [(await post(gql.http)).status_code for _ in range(3)]
        fourth = await post(gql.http)
    assert statuses == [200, 200, 200]
    assert_limited(fourth)


async def test_a_refused_mutation_changes_nothing(tmp_path: Path, database_url: str) -> None:
    register = (
        'mutation { authRegister(input: {username: "late", password: "password123"}) { errors { code } } }'
    )
    async with running(limited(tmp_path, database_url), client=(random_ip(), 1)) as (app, gql):
        for _ in range(3):
            assert (await post(gql.http)).status_code == 200
        before = await snapshot(app.state.services.db)
        refused = await post(gql.http, register)
        after = await snapshot(app.state.services.db)
    assert_limited(refused)
    assert after == before


async def test_users_ips_and_api_keys_have_their_own_buckets(tmp_path: Path, database_url: str) -> None:
    # Given two users and an API key, set up without limits
    async with running(make_settings(tmp_path, database_url)) as (_, gql):
        alice, alice_id = await gql.register("alice")
        bob, _ = await gql.register("bob")
        created = await gql(
            'mutation { apiKeyCreate(input: {name: "k", scopes: [READ]}) { secret errors { code } } }',
            token=alice,
        )
        key = created["data"]["apiKeyCreate"]["secret"]
    ip = random_ip()
    async with running(limited(tmp_path, database_url), client=(ip, 1)) as (app, gql):
        # When alice uses up her bucket
        alice_statuses = [
            (await post(gql.http, authorization=f"Bearer {alice}")).status_code for _ in range(3)
        ]
        alice_fourth = await post(gql.http, authorization=f"Bearer {alice}")
        # Then bob, her API key and anonymous requests from the same address still pass
        bob_ok = await post(gql.http, authorization=f"Bearer {bob}")
        key_ok = await post(gql.http, authorization=f"Bearer {key}")
        anonymous_ok = await post(gql.http)
        # And when the address uses up its own bucket, another address still passes
        for _ in range(2):
            assert (await post(gql.http)).status_code == 200
        ip_fourth = await post(gql.http)
        other_transport = httpx.ASGITransport(app=app, client=(random_ip(), 2))
        async with httpx.AsyncClient(transport=other_transport, base_url="http://test") as other:
            other_ip_ok = await post(other)
        # And the key's bucket ends on its own while alice's is still empty
        for _ in range(2):
            assert (await post(gql.http, authorization=f"Bearer {key}")).status_code == 200
        key_fourth = await post(gql.http, authorization=f"Bearer {key}")
        bob_still_ok = await post(gql.http, authorization=f"Bearer {bob}")
    assert alice_statuses == [200, 200, 200]
    assert_limited(alice_fourth)
    assert (bob_ok.status_code, key_ok.status_code, anonymous_ok.status_code) == (200, 200, 200)
    assert key_ok.json() == {"data": {"me": {"id": str(alice_id)}}}
    assert_limited(ip_fourth)
    assert other_ip_ok.status_code == 200
    assert_limited(key_fourth)
    assert bob_still_ok.status_code == 200


async def test_forged_tokens_count_against_the_address(tmp_path: Path, database_url: str) -> None:
    # Given a client that sends a different invalid token each time
    async with running(limited(tmp_path, database_url), client=(random_ip(), 1)) as (_, gql):
        statuses = [
            (await post(gql.http, authorization=f"Bearer forged.{i}.x")).status_code for i in range(3)
        ]
        fourth = await post(gql.http, authorization="Bearer forged.4.x")
    # Then they share the address's bucket (each is refused as unauthenticated until the limit)
    assert statuses == [401, 401, 401]
    assert_limited(fourth)


async def test_unknown_api_keys_count_against_the_address(tmp_path: Path, database_url: str) -> None:
    # Given a client that sends a different made-up API key each time
    async with running(limited(tmp_path, database_url), client=(random_ip(), 1)) as (_, gql):
        statuses = [
            (await post(gql.http, authorization=f"Bearer lk_{uuid.uuid4().hex}")).status_code
            for _ in range(3)
        ]
        fourth = await post(gql.http, authorization=f"Bearer lk_{uuid.uuid4().hex}")
    # Then a made-up key does not buy a fresh bucket: the fourth request is limited
    assert statuses == [401, 401, 401]
    assert_limited(fourth)


async def test_queries_sent_by_get_are_limited_too(tmp_path: Path, database_url: str) -> None:
    # Given GraphQL queries sent with GET (Strawberry executes them)
    async with running(limited(tmp_path, database_url), client=(random_ip(), 1)) as (_, gql):
        statuses = [(await gql.http.get("/graphql", params={"query": ME})).status_code for _ in range(3)]
        fourth = await gql.http.get("/graphql", params={"query": ME})
    # Then they share the limit of POSTed ones
    assert statuses == [200, 200, 200]
    assert_limited(fourth)


async def test_the_bot_is_limited_per_telegram_user_not_as_one_address(
    tmp_path: Path, database_url: str
) -> None:
    # Given the bot's service key acting for four different Telegram users from one address
    settings = limited(tmp_path, database_url)
    async with running(settings, client=(random_ip(), 1)) as (_, gql):
        responses = [
            await post(
                gql.http,
                authorization=f"Bearer {settings.telegram_service_key}",
                **{"x-lucas-telegram-user-id": str(1000 + i)},
            )
            for i in range(4)
        ]
    # Then each Telegram user has a bucket of their own: none of the four is limited
    assert [r.status_code for r in responses] == [200, 200, 200, 200]


async def test_the_limit_is_shared_through_redis_by_two_processes(
    tmp_path: Path, postgres_url: str, restore_dramatiq: None
) -> None:
    # Given two app instances on the same Redis, and one client address
    redis_url = need(REDIS_URL, "Redis")
    settings = limited(tmp_path, postgres_url, redis_url=redis_url)
    ip = random_ip()
    async with running(settings, client=(ip, 1)) as (_, a), running(settings, client=(ip, 2)) as (_, b):
        # When the client spreads its requests over both
        first = [
            (await post(a.http)).status_code,
            (await post(b.http)).status_code,
            (await post(a.http)).status_code,
        ]
        on_b = await post(b.http)
        on_a = await post(a.http)
    # Then the limit counts them together
    assert first == [200, 200, 200]
    assert_limited(on_b)
    assert_limited(on_a)


async def test_lucas_rate_limits_off_disables_them(tmp_path: Path, database_url: str) -> None:
    env = {
        "LUCAS_DATA_DIR": str(tmp_path / "data"),
        "LUCAS_DATABASE_URL": database_url,
        "LUCAS_SECRET_KEY": "k" * 48,
        "LUCAS_IN_PROCESS_WORKERS": "0",
        "LUCAS_RATE_LIMIT_ANONYMOUS": "1/minute",
    }
    off = load_settings({**env, "LUCAS_RATE_LIMITS": "off"})
    on = load_settings(env)
    assert (off.rate_limits, on.rate_limits, on.rate_limit_anonymous) == (False, True, "1/minute")
    for settings, expected in ((off, [200] * 5), (on, [200, 429, 429, 429, 429])):
        app = create_app(settings, migrate=False, start_workers=False)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, client=(random_ip(), 1))
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                statuses = [(await post(http)).status_code for _ in range(5)]
        assert statuses == expected


async def test_graphiql_page_and_health_are_not_limited(tmp_path: Path, database_url: str) -> None:
    async with running(limited(tmp_path, database_url), client=(random_ip(), 1)) as (_, gql):
        for _ in range(3):
            assert (await post(gql.http)).status_code == 200
        page = await gql.http.get("/graphql", headers={"accept": "text/html"})
        health = await gql.http.get("/healthz")
    assert page.status_code == 200
    assert health.status_code == 200
