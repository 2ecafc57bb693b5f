"""Operations endpoints: /healthz, /metrics, GraphiQL on GET /graphql, and introspection switches."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from server.app import create_app
from tests.conftest import REDIS_URL, free_port, make_settings, need
from tests.server.support import running

INTROSPECTION = "{ __schema { queryType { name } } }"


async def test_healthz_reports_the_database(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (_, gql):
        response = await gql.http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "not configured"}}


async def test_healthz_reports_redis_when_configured(
    tmp_path: Path, database_url: str, restore_dramatiq: None
) -> None:
    settings = make_settings(tmp_path, database_url, redis_url=need(REDIS_URL, "Redis"))
    async with running(settings) as (_, gql):
        response = await gql.http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


async def test_healthz_is_503_when_redis_is_down(tmp_path: Path, database_url: str) -> None:
    # Given a Redis URL on a port nobody listens on (the app is not started: it could not connect)
    settings = make_settings(tmp_path, database_url, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    app = create_app(settings, migrate=False, start_workers=False)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            response = await http.get("/healthz")
    finally:
        await app.state.redis.aclose()
        await app.state.services.db.dispose()
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "ok", "redis": "error: ConnectionError"},
    }


async def test_healthz_is_503_when_the_database_is_down(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/missing/dir/lucas.sqlite3")
    async with running(settings) as (_, gql):
        response = await gql.http.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "error: OperationalError", "redis": "not configured"},
    }


def _counter(text: str, path: str, status: str) -> float:
    found = re.search(
        rf'^lucas_http_requests_total\{{path="{re.escape(path)}",status="{status}"\}} (\S+)$', text, re.M
    )
    return float(found.group(1)) if found else 0.0


async def test_metrics_count_requests_in_prometheus_text(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (_, gql):
        before = (await gql.http.get("/metrics")).text
        await gql.http.get("/healthz")
        await gql.http.get("/healthz")
        await gql("{ me { id } }")
        await gql.http.get("/some/page")
        response = await gql.http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert "# TYPE lucas_http_requests_total counter" in text
    assert "# TYPE lucas_http_request_seconds histogram" in text
    assert _counter(text, "/healthz", "200") - _counter(before, "/healthz", "200") == 2
    assert _counter(text, "/graphql", "200") - _counter(before, "/graphql", "200") == 1
    # paths we do not track are one label, so a crawler cannot blow up the series
    assert _counter(text, "other", "503") - _counter(before, "other", "503") == 1
    assert 'path="/some/page"' not in text


async def test_metrics_count_published_events(tmp_path: Path, database_url: str) -> None:
    from tests.conftest import make_admin

    def events(text: str, kind: str) -> float:
        found = re.search(rf'^lucas_events_published_total\{{kind="{kind}"\}} (\S+)$', text, re.M)
        return float(found.group(1)) if found else 0.0

    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        admin, _ = await make_admin(app, gql)
        _, bob_id = await gql.register("bob")
        before = (await gql.http.get("/metrics")).text
        await gql(
            'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 3, reason: "m"}) { errors { code } } }',
            {"u": str(bob_id)},
            token=admin,
        )
        after = (await gql.http.get("/metrics")).text
    assert events(after, "wallet.grant") - events(before, "wallet.grant") == 1
    assert events(after, "notification.created") - events(before, "notification.created") == 1


async def test_get_graphql_serves_graphiql(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (_, gql):
        response = await gql.http.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>Strawberry GraphiQL</title>" in response.text


async def test_graphiql_can_be_switched_off(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url, graphiql=False)) as (_, gql):
        response = await gql.http.get("/graphql", headers={"accept": "text/html"})
        still_works = await gql("{ me { id } }")
    assert response.status_code == 404
    assert "GraphiQL" not in response.text
    assert still_works["data"] == {"me": None}


async def test_introspection_is_on_by_default(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (_, gql):
        body = await gql(INTROSPECTION)
    assert body["data"] == {"__schema": {"queryType": {"name": "Query"}}}


@pytest.mark.parametrize("query", [INTROSPECTION, '{ __type(name: "User") { name } }'])
async def test_introspection_can_be_switched_off(tmp_path: Path, database_url: str, query: str) -> None:
    async with running(make_settings(tmp_path, database_url, introspection=False)) as (_, gql):
        body = await gql(query, expect_errors=True)
        ordinary = await gql("{ me { id } __typename }")
    assert body["data"] is None
    assert body["errors"]
    assert all(e["message"].startswith("GraphQL introspection has been disabled") for e in body["errors"])
    assert ordinary["data"] == {"me": None, "__typename": "Query"}


def test_production_switches_introspection_and_graphiql_off(tmp_path: Path) -> None:
    from server.settings import load_settings

    base = {"LUCAS_DATA_DIR": str(tmp_path), "LUCAS_SECRET_KEY": "k" * 48}
    production = load_settings({**base, "LUCAS_ENV": "production"})
    development = load_settings(base)
    assert (production.introspection, production.graphiql) == (False, False)
    assert (development.introspection, development.graphiql) == (True, True)
