"""Findings 5 (forwarded headers), 6 (body limit) and 12 (headers, metrics) at the HTTP layer."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import make_settings
from tests.server.support import running, snapshot

PUBLIC = ("93.184.216.34", 40000)
QUERY = "{ __typename }"


# --- 6: body limit ---------------------------------------------------------------------------------


async def test_a_body_over_the_limit_is_refused_with_413(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url, max_body_bytes=64 * 1024)
    big = json.dumps({"query": QUERY, "variables": {"pad": "x" * (70 * 1024)}}).encode()

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(big), 8192):
            yield big[start : start + 8192]

    async with running(settings) as (app, gql):
        before = await snapshot(app.state.services.db)
        declared = await gql.http.post("/graphql", content=big, headers={"content-type": "application/json"})
        streamed = await gql.http.post(
            "/graphql", content=chunks(), headers={"content-type": "application/json"}
        )
        small = await gql.http.post("/graphql", json={"query": QUERY, "variables": {"pad": "x" * 1000}})
        after = await snapshot(app.state.services.db)
    for response in (declared, streamed):
        assert response.status_code == 413
        assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["PAYLOAD_TOO_LARGE"]
    assert small.status_code == 200 and small.json()["data"] == {"__typename": "Query"}
    assert after == before


async def test_the_default_limit_is_about_one_megabyte(tmp_path: Path, sqlite_url: str) -> None:
    body = json.dumps({"query": QUERY, "variables": {"pad": "x" * (1 << 20)}})
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        response = await gql.http.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413


# --- 12: headers and metrics -----------------------------------------------------------------------


async def test_security_headers_on_every_response(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (app, _):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            plain = [
                await http.get("/healthz"),
                await http.post("/graphql", json={"query": QUERY}),
                await http.get("/"),
            ]
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://test") as http:
            tls = await http.get("/healthz")
    for response in [*plain, tls]:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in plain[2].headers["content-security-policy"]
    assert all("strict-transport-security" not in r.headers for r in plain)
    assert tls.headers["strict-transport-security"].startswith("max-age=")


async def test_metrics_are_private_unless_a_token_is_given(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url), client=PUBLIC) as (_, gql):
        public = await gql.http.get("/metrics")
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):  # 127.0.0.1
        local = await gql.http.get("/metrics")
    settings = make_settings(tmp_path, sqlite_url, metrics_token="scrape-me")
    async with running(settings, client=PUBLIC) as (_, gql):
        without = await gql.http.get("/metrics")
        wrong = await gql.http.get("/metrics", headers={"authorization": "Bearer nope"})
        right = await gql.http.get("/metrics", headers={"authorization": "Bearer scrape-me"})
    assert public.status_code == 403 and "lucas_" not in public.text
    assert local.status_code == 200
    assert (without.status_code, wrong.status_code, right.status_code) == (403, 403, 200)
    assert "lucas_" in right.text


# --- 5: X-Forwarded-For ----------------------------------------------------------------------------


async def _statuses(tmp_path: Path, url: str, **overrides: object) -> list[int]:
    settings = make_settings(tmp_path, url, rate_limits=True, rate_limit_anonymous="3/minute", **overrides)
    async with running(settings, client=("198.51.100.7", 5000)) as (_, gql):
        return [
            (
                await gql.http.post(
                    "/graphql", json={"query": QUERY}, headers={"x-forwarded-for": f"10.9.8.{i}"}
                )
            ).status_code
            for i in range(6)
        ]


async def test_forwarded_for_is_ignored_from_untrusted_peers(tmp_path: Path, sqlite_url: str) -> None:
    assert await _statuses(tmp_path, sqlite_url) == [200, 200, 200, 429, 429, 429]


async def test_forwarded_for_is_believed_from_trusted_proxies(tmp_path: Path, sqlite_url: str) -> None:
    assert await _statuses(tmp_path, sqlite_url, trusted_proxies=("198.51.100.0/24",)) == [200] * 6


def test_trusted_proxies_setting_is_parsed_and_checked() -> None:

    from server.settings import SettingsError, load_settings

    env = {"LUCAS_SECRET_KEY": "k" * 40, "LUCAS_DATA_DIR": "/tmp/lucas-sec-settings"}
    assert load_settings(env).trusted_proxies == ()
    parsed = load_settings({**env, "LUCAS_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16"}).trusted_proxies
    assert parsed == ("10.0.0.1", "192.168.0.0/16")
    with pytest.raises(SettingsError):
        load_settings({**env, "LUCAS_TRUSTED_PROXIES": "not-an-ip"})


def test_lucas_serve_leaves_forwarded_headers_to_the_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str
) -> None:
    """uvicorn believes X-Forwarded-For from 127.0.0.1 by default (FORWARDED_ALLOW_IPS=* from anyone):
    ``lucas serve`` turns that off; the app reads them from LUCAS_TRUSTED_PROXIES only."""
    import uvicorn

    from server import cli

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    monkeypatch.setenv("LUCAS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LUCAS_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")
    monkeypatch.delenv("LUCAS_TRUSTED_PROXIES", raising=False)
    assert cli.main(["serve", "--port", "8123"]) == 0
    assert cli.main(["serve", "--port", "8123", "--workers", "2"]) == 0
    assert cli.main(["serve", "--port", "8123", "--trusted-proxies", "10.0.0.0/8"]) == 0
    assert [c["proxy_headers"] for c in calls] == [False, False, False]
    import os

    assert os.environ["LUCAS_TRUSTED_PROXIES"] == "10.0.0.0/8"
