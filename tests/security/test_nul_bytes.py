"""NUL characters in text inputs: PostgreSQL cannot store them (INTERNAL before), SQLite stored them.
On both, any text with U+0000 (in variables or in a string literal) is refused as BAD_USER_INPUT,
and nothing changes."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient
from tests.server.support import snapshot

REGISTER = 'mutation($u: String!) { authRegister(input: {username: $u, password: "long enough"}) { errors { code } } }'
TRANSFER = (
    'mutation($m: String) { walletTransfer(input: {toUserId: "1", amount: 1, memo: $m}) { errors { code } } }'
)


async def test_nul_characters_are_bad_user_input_on_both_databases(app: Any, gql: GraphQLClient) -> None:
    token, _ = await gql.register("alice")
    before = await snapshot(app.state.services.db)
    refused = [
        await gql(REGISTER, {"u": "bob\x00"}, expect_errors=True),
        await gql(TRANSFER, {"m": "hi\x00there"}, token=token, expect_errors=True),
        await gql(
            'mutation { authLogin(input: {username: "a\\u0000", password: "x"}) { errors { code } } }',
            expect_errors=True,
        ),
    ]
    for body in refused:
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
        assert "NUL" in body["errors"][0]["message"]
    assert await snapshot(app.state.services.db) == before
