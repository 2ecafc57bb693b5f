"""Request limits: depth, tokens, aliases, query cost and malformed documents.

A refused document is refused whole, before anything runs: a mutation in it changes nothing (those
tests run on both databases; pure validation runs on the embedded one only).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_admin, make_settings
from tests.server.support import running, snapshot

ME_DEPTH_3 = "{ me { inventory { item { id } } } }"
ME_DEPTH_2 = "{ me { inventory { quantity } } }"


def grant(alias: str, user_id: int, amount: int = 5) -> str:
    return (
        f'{alias}: adminGrant(input: {{userId: "{user_id}", amount: {amount}, reason: "limits"}})'
        " { transfer { id amount } errors { code } }"
    )


async def _setup(app, gql):
    admin, _ = await make_admin(app, gql)
    _, bob_id = await gql.register("bob")
    return admin, bob_id


async def _seed(tmp_path: Path, database_url: str) -> tuple[str, int]:
    """An admin and a user, made through a server without tight limits (tokens stay valid)."""
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        return await _setup(app, gql)


# --- depth -------------------------------------------------------------------------------------


async def test_a_query_deeper_than_the_limit_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    # Given a server that allows depth 2
    token, _ = await _seed(tmp_path, sqlite_url)
    settings = make_settings(tmp_path, sqlite_url, max_query_depth=2)
    async with running(settings) as (_, gql):
        # When a query of depth 2 and one of depth 3 are sent
        allowed = await gql(ME_DEPTH_2, token=token)
        refused = await gql(ME_DEPTH_3, token=token, expect_errors=True)
    # Then the first runs and the second is refused before it runs
    assert allowed["data"] == {"me": {"inventory": []}}
    assert refused["_status"] == 200
    assert refused["data"] is None
    assert [e["message"] for e in refused["errors"]] == ["'anonymous' exceeds maximum operation depth of 2"]


async def test_depth_counts_through_fragments(tmp_path: Path, sqlite_url: str) -> None:
    token, _ = await _seed(tmp_path, sqlite_url)
    settings = make_settings(tmp_path, sqlite_url, max_query_depth=2)
    async with running(settings) as (_, gql):
        body = await gql(
            "query Deep { me { ...Inv } } fragment Inv on User { inventory { item { id } } }",
            token=token,
            expect_errors=True,
        )
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == ["'Deep' exceeds maximum operation depth of 2"]


async def test_a_too_deep_mutation_changes_nothing(tmp_path: Path, database_url: str) -> None:
    admin, bob_id = await _seed(tmp_path, database_url)
    settings = make_settings(tmp_path, database_url, max_query_depth=1)
    async with running(settings) as (app, gql):
        before = await snapshot(app.state.services.db)
        body = await gql("mutation { " + grant("g", bob_id) + " }", token=admin, expect_errors=True)
        after = await snapshot(app.state.services.db)
    assert body["data"] is None
    # one error per field past the limit (id, amount, code)
    assert [e["message"] for e in body["errors"]] == ["'anonymous' exceeds maximum operation depth of 1"] * 3
    assert after == before


# --- tokens ------------------------------------------------------------------------------------


async def test_tokens_up_to_the_limit_pass_and_one_more_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    # `{ me { id username } }` is 7 tokens
    query = "{ me { id username } }"
    async with running(make_settings(tmp_path, sqlite_url, max_query_tokens=7)) as (_, gql):
        at_limit = await gql(query)
    async with running(make_settings(tmp_path, sqlite_url, max_query_tokens=6)) as (_, gql):
        over = await gql(query, expect_errors=True)
    assert at_limit["data"] == {"me": None}
    assert over["data"] is None
    assert [e["message"] for e in over["errors"]] == [
        "Syntax Error: Document contains more than 6 tokens. Parsing aborted."
    ]


async def test_a_document_over_the_default_token_limit_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        body = await gql("{ me { " + " ".join(["id"] * 1996) + " } }", expect_errors=True)
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == [
        "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."
    ]


async def test_a_mutation_with_too_many_tokens_changes_nothing(tmp_path: Path, database_url: str) -> None:
    admin, bob_id = await _seed(tmp_path, database_url)
    settings = make_settings(tmp_path, database_url, max_query_tokens=40)
    async with running(settings) as (app, gql):
        before = await snapshot(app.state.services.db)
        padded = "mutation { " + grant("g", bob_id) + " " + " ".join(["__typename"] * 30) + " }"
        body = await gql(padded, token=admin, expect_errors=True)
        after = await snapshot(app.state.services.db)
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == [
        "Syntax Error: Document contains more than 40 tokens. Parsing aborted."
    ]
    assert after == before


# --- aliases -----------------------------------------------------------------------------------


async def test_thirty_aliases_pass_and_thirty_one_are_refused(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        token, user_id = await gql.register("alice")
        thirty = await gql("{ " + " ".join(f"a{i}: me {{ id }}" for i in range(30)) + " }", token=token)
        refused = await gql(
            "{ " + " ".join(f"a{i}: me {{ id }}" for i in range(31)) + " }", token=token, expect_errors=True
        )
    assert thirty["data"] == {f"a{i}": {"id": str(user_id)} for i in range(30)}
    assert refused["data"] is None
    assert [e["message"] for e in refused["errors"]] == ["31 aliases found. Allowed: 30"]


async def test_a_mutation_with_too_many_aliases_changes_nothing(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        admin, bob_id = await _setup(app, gql)
        before = await snapshot(app.state.services.db)
        body = await gql(
            "mutation { " + " ".join(grant(f"g{i}", bob_id) for i in range(31)) + " }",
            token=admin,
            expect_errors=True,
        )
        after = await snapshot(app.state.services.db)
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == ["31 aliases found. Allowed: 30"]
    assert after == before


# --- cost --------------------------------------------------------------------------------------

# shopItems(first: 100) { edges { node { id name } } } costs 1 + 100 * (1 + (1 + 2)) = 401
SHOP_PAGE = "shopItems(first: 100) { edges { node { id name } } }"


def costly(n: int) -> str:
    return " ".join(f"s{i}: {SHOP_PAGE}" for i in range(n))


async def test_cost_up_to_the_limit_passes_and_above_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        twelve = await gql("{ " + costly(12) + " }")  # 4812
        thirteen = await gql("{ " + costly(13) + " }", expect_errors=True)  # 5213
    assert twelve["data"] == {f"s{i}": {"edges": []} for i in range(12)}
    assert thirteen["data"] is None
    assert thirteen["errors"] == [
        {
            "message": "Query cost 5213 exceeds the limit of 5000; ask for fewer items.",
            "locations": [{"line": 1, "column": 1}],
            "extensions": {"code": "QUERY_TOO_COSTLY", "cost": 5213, "limit": 5000},
        }
    ]


async def test_connections_of_several_kinds_add_up(tmp_path: Path, sqlite_url: str) -> None:
    # Given 9 notifications and 8 transfers pages of 100 (each 1 + 100 * (1 + (1 + 1)) = 301) and a page
    # of shop items without `first` (the default page of 20: 1 + 20 * (1 + (1 + 1)) = 61)
    # (the rule stops counting once the limit is passed, so the cheap page comes first)
    query = (
        "{ shopItems { edges { node { id } } } "
        + " ".join(f"n{i}: notifications(first: 100) {{ edges {{ node {{ id }} }} }}" for i in range(9))
        + " "
        + " ".join(f"t{i}: myTransfers(first: 100) {{ edges {{ node {{ id }} }} }}" for i in range(8))
        + " }"
    )
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        token, _ = await gql.register("alice")
        body = await gql(query, token=token, expect_errors=True)
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 17 * 301 + 61,
        "limit": 5000,
    }


async def test_a_variable_first_costs_the_maximum_page(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url, max_query_cost=400)) as (_, gql):
        body = await gql(
            "query($n: Int!) { shopItems(first: $n) { edges { node { id name } } } }",
            {"n": 1},
            expect_errors=True,
        )
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 401, "limit": 400}


async def test_fragments_are_expanded_in_the_cost(tmp_path: Path, sqlite_url: str) -> None:
    query = (
        "query { "
        + " ".join(f"s{i}: shopItems(first: 100) {{ ...Page }}" for i in range(13))
        + " } fragment Page on ItemConnection { edges { node { id name } } }"
    )
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        body = await gql(query, expect_errors=True)
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 5213, "limit": 5000}


async def test_a_mutation_beside_a_costly_query_changes_nothing(tmp_path: Path, database_url: str) -> None:
    # Given a document with a grant and a costly query; the grant is the operation asked for
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        admin, bob_id = await _setup(app, gql)
        before = await snapshot(app.state.services.db)
        response = await gql.http.post(
            "/graphql",
            json={
                "query": "mutation Grant { " + grant("g", bob_id) + " } query Costly { " + costly(13) + " }",
                "operationName": "Grant",
            },
            headers={"authorization": f"Bearer {admin}"},
        )
        after = await snapshot(app.state.services.db)
    # Then the whole document is refused and nothing changed
    body = response.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TOO_COSTLY"]
    assert after == before


async def test_a_costly_mutation_changes_nothing(tmp_path: Path, database_url: str) -> None:
    # grant(...) { transfer { id amount } errors { code } } costs 1 + 3 + 2 = 6
    admin, bob_id = await _seed(tmp_path, database_url)
    settings = make_settings(tmp_path, database_url, max_query_cost=5)
    async with running(settings) as (app, gql):
        before = await snapshot(app.state.services.db)
        body = await gql("mutation { " + grant("g", bob_id) + " }", token=admin, expect_errors=True)
        after = await snapshot(app.state.services.db)
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 6, "limit": 5}
    assert after == before


# --- malformed ---------------------------------------------------------------------------------


async def test_a_malformed_query_is_a_syntax_error(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        body = await gql("{ me { id ", expect_errors=True)
    assert body["_status"] == 200
    assert body["data"] is None
    assert body["errors"] == [
        {"message": "Syntax Error: Expected Name, found <EOF>.", "locations": [{"line": 1, "column": 11}]}
    ]


async def test_a_malformed_mutation_changes_nothing(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        admin, bob_id = await _setup(app, gql)
        before = await snapshot(app.state.services.db)
        body = await gql("mutation { " + grant("g", bob_id), token=admin, expect_errors=True)
        after = await snapshot(app.state.services.db)
    assert body["data"] is None
    assert body["errors"][0]["message"] == "Syntax Error: Expected Name, found <EOF>."
    assert after == before


async def test_a_body_that_is_not_json_is_a_bad_request(tmp_path: Path, sqlite_url: str) -> None:
    async with running(make_settings(tmp_path, sqlite_url)) as (_, gql):
        response = await gql.http.post(
            "/graphql", content=b"{not json", headers={"content-type": "application/json"}
        )
    assert response.status_code == 400


async def test_an_unknown_field_is_refused_before_anything_runs(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        admin, bob_id = await _setup(app, gql)
        before = await snapshot(app.state.services.db)
        body = await gql(
            "mutation { " + grant("g", bob_id) + " nope: adminExplode { ok } }",
            token=admin,
            expect_errors=True,
        )
        after = await snapshot(app.state.services.db)
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == ["Cannot query field 'adminExplode' on type 'Mutation'."]
    assert after == before
