"""Finding 12 (tokens in localStorage): the web app may keep its refresh token in an HttpOnly,
SameSite=Strict cookie scoped to /auth, refreshed by POST /auth/refresh with a CSRF header. The
body-based authRefresh keeps working for the bot and other clients."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient

LOGIN = """mutation { authLogin(input: {username: "webby", password: "long enough"}) {
  accessToken refreshToken errors { code } } }"""
REFRESH_BODY = """mutation($t: String!) { authRefresh(input: {refreshToken: $t}) { accessToken refreshToken errors { code } } }"""
CSRF = {"x-lucas-csrf": "1"}


async def test_sign_in_with_a_cookie_then_refresh_and_sign_out(app: Any, gql: GraphQLClient) -> None:
    await gql.register("webby", "long enough")
    response = await gql.http.post("/graphql", json={"query": LOGIN}, headers={"x-lucas-refresh-cookie": "1"})
    payload = response.json()["data"]["authLogin"]
    assert payload["errors"] == [] and payload["accessToken"] and payload["refreshToken"] is None
    cookie = response.headers["set-cookie"].lower()
    for part in ("lucas_refresh=", "httponly", "samesite=strict", "path=/auth"):
        assert part in cookie
    # no CSRF header, or a foreign origin: refused, the cookie stays usable
    assert (await gql.http.post("/auth/refresh")).status_code == 403
    foreign = await gql.http.post("/auth/refresh", headers={**CSRF, "origin": "https://evil.example"})
    assert foreign.status_code == 403
    refreshed = await gql.http.post("/auth/refresh", headers=CSRF)
    assert refreshed.status_code == 200
    body = refreshed.json()
    assert body["user"]["username"] == "webby"
    me = await gql("{ me { username } }", token=body["accessToken"])
    assert me["data"]["me"] == {"username": "webby"}
    assert (await gql.http.post("/auth/refresh", headers=CSRF)).status_code == 200  # rotated cookie works
    out = await gql.http.post("/auth/logout", headers=CSRF)
    assert out.status_code == 200 and 'lucas_refresh=""' in out.headers["set-cookie"]
    gql.http.cookies.clear()
    assert (await gql.http.post("/auth/refresh", headers=CSRF)).status_code == 401


async def test_a_revoked_cookie_is_refused_and_cleared(app: Any, gql: GraphQLClient) -> None:
    await gql.register("webby", "long enough")
    await gql.http.post("/graphql", json={"query": LOGIN}, headers={"x-lucas-refresh-cookie": "1"})
    saved = dict(gql.http.cookies)
    await gql.http.post("/auth/logout", headers=CSRF)
    gql.http.cookies.update(saved)
    refused = await gql.http.post("/auth/refresh", headers=CSRF)
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "INVALID_TOKEN"


async def test_the_body_based_refresh_still_works(app: Any, gql: GraphQLClient) -> None:
    await gql.register("webby", "long enough")
    login = (await gql(LOGIN))["data"]["authLogin"]
    assert login["refreshToken"].startswith("rt_")
    again = (await gql(REFRESH_BODY, {"t": login["refreshToken"]}))["data"]["authRefresh"]
    assert again["errors"] == [] and again["refreshToken"].startswith("rt_")
