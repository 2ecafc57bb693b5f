"""graphql-cop's checks as tests: introspection and GraphiQL off in production, no field
suggestions there, batching refused, GET mutations and non-JSON POSTs (CSRF) refused, alias,
directive and field-duplication overloading bounded, no traces or exceptions in error bodies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from server.settings import Settings, load_settings
from tests.conftest import make_settings
from tests.server.support import running, snapshot

REGISTER = 'mutation { authRegister(input: {username: "csrf", password: "password123"}) { errors { code } } }'
CIRCULAR = (
    "query { __schema { types { fields { type { fields { type { fields { type { fields "
    "{ type { name } } } } } } } } } } }"
)
SUGGESTING = [
    {"query": "{ shopItem { id } }"},
    {"query": "{ shopItems(frst: 1) { edges { node { id } } } }"},
    {"query": "{ shopItems { edgs { node { id } } } }"},
    {"query": 'mutation { apiKeyCreate(input: {name: "k", scopes: [REED]}) { errors { code } } }'},
    {"query": 'mutation { authLogin(input: {usernme: "a", password: "b"}) { errors { code } } }'},
    {"query": "query($i: Strin) { me { id } }"},
    {"query": "{ me { ...F } } fragment F on Usr { id }"},
    {
        "query": "mutation($i: AuthLoginInput!) { authLogin(input: $i) { errors { code } } }",
        "variables": {"i": {"usernme": "a", "password": "b"}},
    },
    {
        "query": 'mutation($s: [ApiKeyScope!]!) { apiKeyCreate(input: {name: "k", scopes: $s}) { errors { code } } }',
        "variables": {"s": ["REED"]},
    },
]


def production(tmp_path: Path, url: str) -> Settings:
    switches = load_settings(
        {"LUCAS_ENV": "production", "LUCAS_SECRET_KEY": "p" * 40, "LUCAS_DATA_DIR": str(tmp_path)}
    )
    return make_settings(tmp_path, url, introspection=switches.introspection, graphiql=switches.graphiql)


def messages(body: dict[str, Any]) -> list[str]:
    return [e["message"] for e in body.get("errors") or []]


@pytest.mark.parametrize(
    "query", ["{ __schema { types { name } } }", '{ __type(name: "Query") { name } }', CIRCULAR]
)
async def test_production_answers_no_introspection(tmp_path: Path, sqlite_url: str, query: str) -> None:
    async with running(production(tmp_path, sqlite_url)) as (_, gql):
        body = await gql(query, expect_errors=True)
        plain = await gql("{ __typename }")
    assert body["data"] is None
    assert messages(body) and all("introspection" in m or "depth" in m for m in messages(body))
    assert plain["data"] == {"__typename": "Query"}


async def test_production_serves_no_graphiql(tmp_path: Path, sqlite_url: str) -> None:
    async with running(production(tmp_path, sqlite_url)) as (_, gql):
        page = await gql.http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert "graphiql" not in page.text.lower()


async def test_production_gives_no_field_suggestions(tmp_path: Path, sqlite_url: str) -> None:
    async with running(production(tmp_path, sqlite_url)) as (_, gql):
        bodies = [(await gql.http.post("/graphql", json=b)).json() for b in SUGGESTING]
    for sent, body in zip(SUGGESTING, bodies, strict=True):
        assert body["errors"], sent
        assert not any("Did you mean" in m for m in messages(body)), (sent, body)


async def test_development_keeps_suggestions(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        body = await gql(SUGGESTING[0]["query"], expect_errors=True)
    assert "Did you mean 'shopItems'" in messages(body)[0]


async def test_a_batch_is_refused_and_runs_nothing(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (app, gql):
        before = await snapshot(app.state.services.db)
        response = await gql.http.post("/graphql", json=[{"query": REGISTER}] * 10)
        after = await snapshot(app.state.services.db)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert after == before


@pytest.mark.parametrize(
    "params",
    [
        {"query": REGISTER},
        {
            "query": "query Q { __typename } " + REGISTER.replace("mutation", "mutation M"),
            "operationName": "M",
        },
    ],
)
async def test_a_mutation_over_get_is_refused(
    tmp_path: Path, sqlite_url: str, params: dict[str, str]
) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (app, gql):
        before = await snapshot(app.state.services.db)
        response = await gql.http.get("/graphql", params=params)
        after = await snapshot(app.state.services.db)
    assert 400 <= response.status_code < 500
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert after == before


@pytest.mark.parametrize(
    ("content", "content_type", "params"),
    [
        (json.dumps({"query": REGISTER}), "text/plain", None),
        ("query=" + REGISTER, "application/x-www-form-urlencoded", None),
        (b"", None, {"query": REGISTER}),
    ],
)
async def test_a_post_that_is_not_json_is_refused(
    tmp_path: Path, sqlite_url: str, content: Any, content_type: str | None, params: Any
) -> None:
    """Browsers send these cross-site without a preflight: they must not run anything."""
    headers = {"content-type": content_type} if content_type else {}
    async with running(make_settings(tmp_path, sqlite_url)) as (app, gql):
        before = await snapshot(app.state.services.db)
        response = await gql.http.post("/graphql", content=content, headers=headers, params=params)
        after = await snapshot(app.state.services.db)
    assert 400 <= response.status_code < 500
    assert after == before


@pytest.mark.parametrize(("count", "refused"), [(30, False), (31, True), (100, True)])
async def test_alias_overloading_is_bounded(
    tmp_path: Path, sqlite_url: str, count: int, refused: bool
) -> None:
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        body = await gql(query, expect_errors=True)
    if refused:
        assert body["data"] is None and len(body["errors"]) == 1, body
    else:
        assert len(body["data"]) == count


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ __typename " + "@aa" * 10 + " }", "Unknown directive '@aa'."),
        ("{ __typename " + "@aa" * 900 + " }", "The document holds 900 directives; the limit is 30."),
        (
            "{ __typename " + "@include(if: true)" * 31 + " }",
            "The document holds 31 directives; the limit is 30.",
        ),
    ],
)
async def test_directive_overloading_answers_one_error(
    tmp_path: Path, sqlite_url: str, query: str, expected: str
) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        body = await gql(query, expect_errors=True)
        fine = await gql("{ __typename @include(if: true) @skip(if: false) }")
    assert body["data"] is None
    assert messages(body) == [expected]
    assert fine["data"] == {"__typename": "Query"}


@pytest.mark.parametrize(
    ("query", "key", "count"),
    [
        ("{ " + "__typename " * 500 + "}", "__typename", 500),
        ("{ " + "me { id } " * 490 + "}", "me", 490),
        ("{ " + "... on Query { me { id } } " * 200 + "}", "me", 200),
        ("{ me { " + "id " * 11 + "} }", "id", 11),
    ],
)
async def test_field_duplication_is_refused_before_validation(
    tmp_path: Path, sqlite_url: str, query: str, key: str, count: int
) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        body = await gql(query, expect_errors=True)
        fine = await gql("{ " + "__typename " * 10 + "me { id id } }")
    assert body["data"] is None
    assert body["errors"] == [
        {
            "message": f"'{key}' is selected {count} times in one selection set; the limit is 10.",
            "locations": body["errors"][0]["locations"],
            "extensions": {"code": "QUERY_TOO_COMPLEX", "limit": 10},
        }
    ]
    assert fine["data"] == {"__typename": "Query", "me": None}


@pytest.mark.parametrize("query", ["qwerty cop { abc }", "{ nope }", "{ __typename @include }"])
async def test_errors_carry_no_trace_or_exception(tmp_path: Path, sqlite_url: str, query: str) -> None:
    async with running(production(tmp_path, sqlite_url)) as (_, gql):
        response = await gql.http.post("/graphql", json={"query": query})
    text = response.text.lower()
    assert response.status_code < 500
    assert "stacktrace" not in text and "traceback" not in text and '"exception"' not in text
    assert '"tracing"' not in text
