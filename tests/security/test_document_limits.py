"""Finding 2: fragments spread twice by fragments spread twice… are expanded once each (a ~750-byte
anonymous request blocked the event loop for seconds), and a document may expand at most so many
fragment spreads. Finding 5 (part): a request holds one sign-in mutation, so thirty aliased
``authLogin`` fields are not thirty password guesses for one request of the rate limit."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_settings
from tests.server.support import running, snapshot


def doubling(levels: int) -> str:
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels))
    return f"query {{ ...F0 }} {fragments} fragment F{levels} on Query {{ __typename }}"


async def test_doubling_fragments_are_refused_by_their_expanded_count(
    tmp_path: Path, sqlite_url: str
) -> None:
    # 18 levels expand to 2^19 - 2 spreads; 40 levels (2^41) would never finish if walked per use
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        for levels in (18, 40):
            body = await gql(doubling(levels), expect_errors=True)
            assert body["data"] is None
            assert "QUERY_TOO_COMPLEX" in [e["extensions"]["code"] for e in body["errors"]]
        # a few levels stay under the cap and answer
        assert (await gql(doubling(5)))["data"] == {"__typename": "Query"}
        health = await gql.http.get("/healthz")
    assert health.status_code == 200


async def test_depth_through_shared_fragments_is_still_counted(tmp_path: Path, sqlite_url: str) -> None:
    query = (
        "query Deep { me { ...A ...B } } fragment A on User { ...Inv } fragment B on User { ...Inv }"
        " fragment Inv on User { inventory { item { id } } }"
    )
    async with running(make_settings(tmp_path, sqlite_url, max_query_depth=2)) as (_, gql):
        body = await gql(query, expect_errors=True)
    assert body["data"] is None
    assert {e["message"] for e in body["errors"]} == {"'Deep' exceeds maximum operation depth of 2"}


async def test_aliases_are_counted_through_fragments(tmp_path: Path, sqlite_url: str) -> None:
    # 4 aliases in F, spread 8 times through two levels: 32 > 30
    query = (
        "{ ...G ...G } fragment G on Query { ...H ...H } fragment H on Query { ...F ...F }"
        " fragment F on Query { a: me { id } b: me { id } c: me { id } d: me { id } }"
    )
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        body = await gql(query, expect_errors=True)
    assert [e["message"] for e in body["errors"]] == ["32 aliases found. Allowed: 30"]


async def test_one_sign_in_mutation_per_request(tmp_path: Path, database_url: str) -> None:
    login = 'l{i}: authLogin(input: {{username: "alice", password: "guess{i}"}}) {{ accessToken }}'
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        await gql.register("alice")
        before = await snapshot(app.state.services.db)
        thirty = await gql(
            "mutation { " + " ".join(login.format(i=i) for i in range(30)) + " }", expect_errors=True
        )
        hidden = await gql(
            "mutation { ...M } fragment M on Mutation { "
            + login.format(i=1)
            + " "
            + login.format(i=2)
            + " }",
            expect_errors=True,
        )
        after = await snapshot(app.state.services.db)
        one = await gql("mutation { " + login.format(i=0) + " }")
    for body in (thirty, hidden):
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["TOO_MANY_AUTH_FIELDS"]
    assert after == before
    assert one["data"] == {"l0": {"accessToken": None}}
