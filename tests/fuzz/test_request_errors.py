"""Requests the server cannot start to execute are the client's fault: HTTP 400 with
``extensions.code`` BAD_USER_INPUT, never INTERNAL, no traceback in the log, nothing changed."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import strawberry
from strawberry.extensions import SchemaExtension

from schema.core.masking import MASKED, MaskInternalErrors
from schema.core.requests import LucasSchema
from tests.conftest import make_admin, make_settings
from tests.server.support import running, snapshot

SHOP = "query($f:Int!){shopItems(first:$f){edges{node{id}}}}"
GRANT = (
    'mutation($u:ID!,$a:Amount!){adminGrant(input:{userId:$u,amount:$a,reason:"r"})'
    "{transfer{id} errors{code}}}"
)


def _no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    noisy = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert noisy == [], [r.getMessage() for r in noisy]


@pytest.mark.parametrize("value", ["abc", 1.5, [1], {"a": 1}, 2**40, True])
async def test_a_variable_that_does_not_coerce_is_bad_user_input(
    tmp_path: Path, sqlite_url: str, caplog: pytest.LogCaptureFixture, value: object
) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        with caplog.at_level(logging.DEBUG):
            response = await gql.http.post("/graphql", json={"query": SHOP, "variables": {"f": value}})
    body = response.json()
    assert response.status_code == 400
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
    assert body["errors"][0]["message"].startswith("Variable '$f'")
    _no_traceback(caplog)


async def test_a_missing_variable_and_an_unknown_operation_are_bad_user_input(
    tmp_path: Path, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        with caplog.at_level(logging.DEBUG):
            missing = await gql.http.post("/graphql", json={"query": SHOP})
            unknown = await gql.http.post(
                "/graphql", json={"query": "query A{me{id}} query B{me{id}}", "operationName": "C"}
            )
    for response in (missing, unknown):
        assert response.status_code == 400
        assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["BAD_USER_INPUT"]
    _no_traceback(caplog)


async def test_a_mutation_with_bad_variables_changes_nothing(
    tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        token, user_id = await make_admin(app, gql)
        before = await snapshot(app.state.services.db)
        with caplog.at_level(logging.DEBUG):
            bad_id = await gql(GRANT, {"u": {"id": user_id}, "a": 5}, token=token, expect_errors=True)
            bad_amount = await gql(GRANT, {"u": str(user_id)}, token=token, expect_errors=True)
        after = await snapshot(app.state.services.db)
    for body in (bad_id, bad_amount):
        assert body["_status"] == 400
        assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
    assert after == before
    _no_traceback(caplog)


@pytest.mark.parametrize("where", ["variables", "extensions", "top"])
async def test_json_nested_5000_deep_is_a_bad_request_with_a_code(
    tmp_path: Path, sqlite_url: str, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    deep = "[" * 5000 + "]" * 5000
    body = {
        "variables": '{"query":"{me{id}}","variables":{"a":' + deep + "}}",
        "extensions": '{"query":"{me{id}}","extensions":' + '{"a":' * 5000 + "1" + "}" * 5001,
        "top": deep,
    }[where]
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        with caplog.at_level(logging.DEBUG):
            response = await gql.http.post(
                "/graphql", content=body, headers={"content-type": "application/json"}
            )
            still = await gql.http.post("/graphql", json={"query": "{me{id}}"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert still.json() == {"data": {"me": None}}
    _no_traceback(caplog)


async def test_deep_json_in_get_variables_is_a_bad_request(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        response = await gql.http.get(
            "/graphql", params={"query": "{me{id}}", "variables": "[" * 5000 + "]" * 5000}
        )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_body_that_is_not_json_has_a_code(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        response = await gql.http.post(
            "/graphql", content=b"{not json", headers={"content-type": "application/json"}
        )
    assert response.status_code == 400
    assert json.loads(response.text)["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


REGISTER = 'mutation($u:String!){authRegister(input:{username:$u,password:"password123"}){errors{code}}}'


@pytest.mark.parametrize(
    "body",
    [
        {"query": REGISTER, "variables": {"u": "nul\x00name"}},
        {
            "query": 'mutation{authRegister(input:{username:"nul\\u0000name",password:"password123"}){errors{code}}}'
        },
        {"query": 'query{userByUsername(username:"\\u0000"){id}}'},
        {"query": "query($u:String!){userByUsername(username:$u){id}}", "variables": {"u": "\x00"}},
    ],
)
async def test_a_nul_character_in_any_text_is_refused_and_changes_nothing(
    tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture, body: dict[str, object]
) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        before = await snapshot(app.state.services.db)
        with caplog.at_level(logging.DEBUG):
            response = await gql.http.post("/graphql", json=body)
        after = await snapshot(app.state.services.db)
        fine = await gql(REGISTER, {"u": "nulname"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"message": "Text may not contain NUL characters (U+0000).", "extensions": {"code": "BAD_USER_INPUT"}}
    ]
    assert after == before
    assert fine["data"]["authRegister"]["errors"] == []
    _no_traceback(caplog)


@strawberry.type
class _Query:
    @strawberry.field
    def fine(self) -> int:
        return 1


class _Crashes(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        raise RuntimeError("password=hunter2 in /srv/secret")
        yield  # pragma: no cover


async def test_an_exception_outside_resolvers_is_masked_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    # Given an extension that fails before execution (the masking extension never sees it)
    schema = LucasSchema(query=_Query, extensions=[_Crashes, MaskInternalErrors], mask_errors=True)
    with caplog.at_level(logging.ERROR):
        result = await schema.execute("{ fine }")
    # Then the client sees INTERNAL and a fixed message, and the log has the real exception
    assert [e.formatted for e in result.errors or []] == [
        {"message": MASKED, "extensions": {"code": "INTERNAL"}}
    ]
    logged = [r for r in caplog.records if r.exc_info]
    assert [str(r.exc_info[1]) for r in logged if r.exc_info] == ["password=hunter2 in /srv/secret"]
