"""Top-level errors: INTERNAL (masked), UNAUTHENTICATED (HTTP 401 for bad credentials), FORBIDDEN.

Expected failures are payload data; a top-level error is only for authentication, permission,
rate limits and bugs, and a bug never shows its message or stack to the client.
"""

from __future__ import annotations

import base64
import json
import logging
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import strawberry
from graphql import GraphQLError

from resolvers.accounts.tokens import issue_access_token
from resolvers.errors import DomainError
from schema.core.masking import MaskInternalErrors
from tests.conftest import PG_DSN, make_admin, make_settings
from tests.server.support import running, snapshot

SECRET_DETAIL = "password=hunter2 at /srv/lucas/secret.db"
MASKED = "Internal error; it has been logged."
GRANT = (
    'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 10, reason: "r"})'
    " { transfer { id } errors { code } } }"
)
PAY = (
    "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1})"
    " { transfer { id } errors { code } } }"
)


# --- masking, on a schema of our own with the production extension -----------------------------


@strawberry.type
class _Query:
    @strawberry.field
    def boom(self) -> int:
        raise RuntimeError(SECRET_DETAIL)

    @strawberry.field
    def domain(self) -> int:
        raise DomainError("SOME_CODE", "A readable message.", "someField")

    @strawberry.field
    def refused(self) -> int:
        raise GraphQLError("Not for you.", extensions={"code": "FORBIDDEN"})

    @strawberry.field
    def fine(self) -> int:
        return 1


MASKING_SCHEMA = strawberry.Schema(query=_Query, extensions=[MaskInternalErrors()])


async def test_an_internal_error_is_masked_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    # When a resolver fails with an unexpected exception
    with caplog.at_level(logging.ERROR, logger="lucas.graphql"):
        result = await MASKING_SCHEMA.execute("{ fine boom }")
    # Then the client sees INTERNAL and a fixed message, and the log has the real exception
    assert result.data is None  # boom is non-null, so the whole data is null
    assert [e.formatted for e in result.errors or []] == [
        {
            "message": MASKED,
            "locations": [{"line": 1, "column": 8}],
            "path": ["boom"],
            "extensions": {"code": "INTERNAL"},
        }
    ]
    assert "hunter2" not in json.dumps([e.formatted for e in result.errors or []])
    logged = [r for r in caplog.records if r.name == "lucas.graphql"]
    assert len(logged) == 1
    assert logged[0].exc_info is not None and str(logged[0].exc_info[1]) == SECRET_DETAIL


async def test_a_domain_error_outside_a_payload_keeps_its_message_as_bad_user_input() -> None:
    result = await MASKING_SCHEMA.execute("{ domain }")
    assert [e.formatted for e in result.errors or []] == [
        {
            "message": "A readable message.",
            "locations": [{"line": 1, "column": 3}],
            "path": ["domain"],
            "extensions": {"code": "BAD_USER_INPUT", "reason": "SOME_CODE", "field": "someField"},
        }
    ]


async def test_a_public_code_is_not_masked() -> None:
    result = await MASKING_SCHEMA.execute("{ refused }")
    assert [(e.message, e.extensions) for e in result.errors or []] == [
        ("Not for you.", {"code": "FORBIDDEN"})
    ]


@pytest.fixture
def unreachable_database(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/no/such/folder/lucas.sqlite3"
    assert PG_DSN
    base = PG_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    return f"{base}/no_such_database_{uuid.uuid4().hex[:8]}"


async def test_a_database_failure_reaches_the_client_masked(
    tmp_path: Path, unreachable_database: str
) -> None:
    # Given a server whose database cannot be opened
    async with running(make_settings(tmp_path, unreachable_database)) as (_, gql):
        # When a query needs it
        response = await gql.http.post("/graphql", json={"query": "{ shopItems { edges { node { id } } } }"})
    # Then the client sees a masked INTERNAL error and nothing about the database
    assert response.status_code == 200
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": MASKED,
                "locations": [{"line": 1, "column": 3}],
                "path": ["shopItems"],
                "extensions": {"code": "INTERNAL"},
            }
        ],
    }
    for leak in ("sqlite", "asyncpg", "no_such", "Traceback", "Error:"):
        assert leak not in response.text


async def test_debug_errors_shows_the_real_message(
    tmp_path: Path, unreachable_database: str, backend: str
) -> None:
    settings = make_settings(tmp_path, unreachable_database, debug_errors=True)
    async with running(settings) as (_, gql):
        body = await gql("{ shopItems { edges { node { id } } } }", expect_errors=True)
    [error] = body["errors"]
    assert error["path"] == ["shopItems"]
    assert "extensions" not in error
    expected = "unable to open database file" if backend == "sqlite" else "does not exist"
    assert expected in error["message"]


# --- UNAUTHENTICATED ---------------------------------------------------------------------------


def _unauthenticated(message: str) -> dict:
    return {"data": None, "errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}


async def test_an_expired_token_is_refused_with_401(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url)
    async with running(settings) as (app, gql):
        admin, _ = await make_admin(app, gql)
        _, bob_id = await gql.register("bob")
        admin_id = (await gql("{ me { id } }", token=admin))["data"]["me"]["id"]
        # Given an admin's token issued 16 minutes ago (tokens last 15)
        expired = issue_access_token(
            secret=settings.secret_key,
            user_id=int(admin_id),
            now=datetime.now(UTC) - timedelta(minutes=16),
            minutes=15,
        )
        before = await snapshot(app.state.services.db)
        response = await gql.http.post(
            "/graphql",
            json={"query": GRANT, "variables": {"u": str(bob_id)}},
            headers={"authorization": f"Bearer {expired}"},
        )
        after = await snapshot(app.state.services.db)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == _unauthenticated("The access token is invalid or has expired.")
    assert after == before


BAD_CREDENTIALS = [
    ("Bearer {forged}", "The access token is invalid or has expired."),
    ("Bearer {refresh}", "The access token is invalid or has expired."),
    ("Bearer not-a-jwt", "The access token is invalid or has expired."),
    ("Bearer lk_madeupkey123456", "This API key is not valid."),
    ("Bearer {revoked_key}", "This API key is not valid."),
    ("Basic {forged}", "Authorization must be 'Bearer <token>'."),
    ("Bearer ", "Authorization must be 'Bearer <token>'."),
    ("Bearer {deleted_user}", "The access token's user no longer exists."),
    ("Bearer {service_key}", "The service key acts only for a Telegram user (X-Lucas-Telegram-User-Id)."),
]


async def test_bad_credentials_are_refused_with_401(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url)
    async with running(settings) as (app, gql):
        # Given an admin, a refresh token, a revoked key and tokens of several wrong kinds
        admin, _ = await make_admin(app, gql)
        _, bob_id = await gql.register("bob")
        login = await gql(
            'mutation { authLogin(input: {username: "admin", password: "password123"}) { refreshToken } }'
        )
        key = await gql(
            'mutation { k: apiKeyCreate(input: {name: "k", scopes: [READ, WRITE]})'
            " { apiKey { id } secret } }",
            token=admin,
        )
        await gql(
            "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { errors { code } } }",
            {"id": key["data"]["k"]["apiKey"]["id"]},
            token=admin,
        )
        values = {
            # signed with another secret, for an admin that exists
            "forged": issue_access_token(
                secret="another-secret", user_id=1, now=datetime.now(UTC), minutes=15
            ),
            "refresh": login["data"]["authLogin"]["refreshToken"],
            "revoked_key": key["data"]["k"]["secret"],
            "deleted_user": issue_access_token(
                secret=settings.secret_key, user_id=987654, now=datetime.now(UTC), minutes=15
            ),
            "service_key": settings.telegram_service_key,
        }
        before = await snapshot(app.state.services.db)
        # When each asks for a grant
        answers = []
        for header, _ in BAD_CREDENTIALS:
            response = await gql.http.post(
                "/graphql",
                json={"query": GRANT, "variables": {"u": str(bob_id)}},
                headers={"authorization": header.format(**values)},
            )
            answers.append((header, response.status_code, response.json()))
        after = await snapshot(app.state.services.db)
    # Then each is refused with 401 and its reason, and nothing changed
    assert answers == [(header, 401, _unauthenticated(message)) for header, message in BAD_CREDENTIALS]
    assert after == before


async def test_anonymous_calls_to_protected_fields_are_unauthenticated(
    tmp_path: Path, database_url: str
) -> None:
    # No credentials at all is not an HTTP error: protected fields answer UNAUTHENTICATED
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        _, bob_id = await gql.register("bob")
        before = await snapshot(app.state.services.db)
        body = await gql(PAY, {"u": str(bob_id)}, expect_errors=True)
        after = await snapshot(app.state.services.db)
    assert body["_status"] == 200
    assert body["data"] is None
    assert [(e["message"], e["path"], e["extensions"]) for e in body["errors"]] == [
        ("Sign in first.", ["walletTransfer"], {"code": "UNAUTHENTICATED"})
    ]
    assert after == before


# --- FORBIDDEN ---------------------------------------------------------------------------------


async def test_a_user_calling_an_admin_mutation_is_forbidden(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        alice, _ = await gql.register("alice")
        _, bob_id = await gql.register("bob")
        before = await snapshot(app.state.services.db)
        body = await gql(GRANT, {"u": str(bob_id)}, token=alice, expect_errors=True)
        after = await snapshot(app.state.services.db)
    assert body["data"] is None
    assert [(e["path"], e["extensions"]) for e in body["errors"]] == [(["adminGrant"], {"code": "FORBIDDEN"})]
    assert after == before


async def test_forbidden_stays_forbidden_after_an_anonymous_call(tmp_path: Path, database_url: str) -> None:
    # Given an anonymous call to an admin field (answered UNAUTHENTICATED)
    async with running(make_settings(tmp_path, database_url)) as (_, gql):
        alice, _ = await gql.register("alice")
        anonymous = await gql("{ adminEconomySupply { asset } }", expect_errors=True)
        # When a signed-in user who is not an admin calls it
        user = await gql("{ adminEconomySupply { asset } }", token=alice, expect_errors=True)
    # Then each gets its own answer: permission objects must not carry one caller's message to the next
    assert [(e["message"], e["extensions"]) for e in anonymous["errors"]] == [
        ("Sign in first.", {"code": "UNAUTHENTICATED"})
    ]
    assert [e["extensions"] for e in user["errors"]] == [{"code": "FORBIDDEN"}]


async def test_a_read_only_key_is_forbidden_and_anonymous_still_unauthenticated(
    tmp_path: Path, database_url: str
) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        alice, _ = await gql.register("alice")
        _, bob_id = await gql.register("bob")
        key = await gql(
            'mutation { apiKeyCreate(input: {name: "ro", scopes: [READ]}) { secret } }', token=alice
        )
        before = await snapshot(app.state.services.db)
        # When a read-only key tries to pay, and then someone anonymous does
        by_key = await gql(
            PAY, {"u": str(bob_id)}, token=key["data"]["apiKeyCreate"]["secret"], expect_errors=True
        )
        anonymous = await gql(PAY, {"u": str(bob_id)}, expect_errors=True)
        after = await snapshot(app.state.services.db)
    assert [(e["message"], e["extensions"]) for e in by_key["errors"]] == [
        ("This API key may not change anything (needs the write scope).", {"code": "FORBIDDEN"})
    ]
    assert [(e["message"], e["extensions"]) for e in anonymous["errors"]] == [
        ("Sign in first.", {"code": "UNAUTHENTICATED"})
    ]
    assert after == before


# --- bad input is never an internal error ------------------------------------------------------


async def test_out_of_range_ids_are_payload_errors_not_internal(tmp_path: Path, database_url: str) -> None:
    huge = "99999999999999999999"
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        alice, _ = await gql.register("alice")
        before = await snapshot(app.state.services.db)
        mark = await gql(
            "mutation($ids: [ID!]) { notificationMarkRead(input: {ids: $ids})"
            " { count errors { code field } } }",
            {"ids": [huge]},
            token=alice,
            expect_errors=True,
        )
        revoke = await gql(
            "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { apiKey { id } errors { code field } } }",
            {"id": huge},
            token=alice,
            expect_errors=True,
        )
        after = await snapshot(app.state.services.db)
    assert mark == {
        "data": {"notificationMarkRead": {"count": 0, "errors": [{"code": "NOT_FOUND", "field": "ids"}]}},
        "_status": 200,
    }
    assert revoke == {
        "data": {"apiKeyRevoke": {"apiKey": None, "errors": [{"code": "NOT_FOUND", "field": "id"}]}},
        "_status": 200,
    }
    assert after == before


async def test_an_out_of_range_cursor_is_invalid_not_internal(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        admin, _ = await make_admin(app, gql)
        alice, alice_id = await gql.register("alice")
        await gql(GRANT, {"u": str(alice_id)}, token=admin)
        cursor = base64.urlsafe_b64encode(b"transfer:99999999999999999999").decode()
        body = await gql(
            "query($c: String) { myTransfers(after: $c) { edges { node { id } } } }",
            {"c": cursor},
            token=alice,
            expect_errors=True,
        )
    assert [(e["message"], e["extensions"]) for e in body["errors"]] == [
        (
            "This cursor is not valid here.",
            {"code": "BAD_USER_INPUT", "reason": "INVALID_CURSOR", "field": "after"},
        )
    ]


async def test_an_out_of_range_telegram_id_is_unauthenticated(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url)
    async with running(settings) as (app, gql):
        before = await snapshot(app.state.services.db)
        try:
            response = await gql.http.post(
                "/graphql",
                json={"query": "{ me { id } }"},
                headers={
                    "authorization": f"Bearer {settings.telegram_service_key}",
                    "x-lucas-telegram-user-id": "99999999999999999999",
                },
            )
            status, body = response.status_code, response.json()
        except Exception as exc:  # the in-process transport re-raises what the app did not handle
            status, body = 500, {"unhandled": type(exc).__name__}
        after = await snapshot(app.state.services.db)
    assert status == 401
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert after == before
