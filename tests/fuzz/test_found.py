"""What the fuzzer found, one regression test each: a refused input is a payload error with its
code and changes nothing, on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_admin, make_settings
from tests.server.support import running, snapshot

GRANT = (
    "mutation($u:ID!,$r:String!){walletGrant(input:{userId:$u,amount:5,reason:$r})"
    "{transfer{id} errors{code field}}}"
)
NICKNAME_REVIEW = (
    "mutation($i:ID!){ingestionNicknameReview(input:{id:$i,decision:APPROVE}){claim{id} errors{code field}}}"
)
REVIEW = "mutation($i:ID!){ingestionReview(input:{id:$i,decision:CORRECT}){errors{code field}}}"


@pytest.mark.parametrize("reason", ["", " ", "x" * 281])
async def test_a_grant_without_a_valid_reason_is_refused_with_its_code(
    tmp_path: Path, database_url: str, reason: str
) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        token, user_id = await make_admin(app, gql)
        before = await snapshot(app.state.services.db)
        body = await gql(GRANT, {"u": str(user_id), "r": reason}, token=token)
        after = await snapshot(app.state.services.db)
    assert body["data"]["walletGrant"] == {
        "transfer": None,
        "errors": [{"code": "INVALID_REASON", "field": "reason"}],
    }
    assert after == before


@pytest.mark.parametrize("query", [NICKNAME_REVIEW, REVIEW])
@pytest.mark.parametrize("ident", ["9223372036854775808", str(2**70), "-9223372036854775809", "0"])
async def test_a_review_of_an_id_out_of_range_is_not_found(
    tmp_path: Path, database_url: str, query: str, ident: str
) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        token, _ = await make_admin(app, gql)
        before = await snapshot(app.state.services.db)
        body = await gql(query, {"i": ident}, token=token)
        after = await snapshot(app.state.services.db)
    payload = next(iter(body["data"].values()))
    assert payload["errors"] == [{"code": "NOT_FOUND", "field": "id"}]
    assert after == before
