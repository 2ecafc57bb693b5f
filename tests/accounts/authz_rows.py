"""The authorization matrix's rows for the accounts fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, World


async def new_username(world: World, actor: str) -> dict[str, Any]:
    return {"u": f"new_{actor}", "p": "password123"}


async def fresh_refresh_token(world: World, actor: str) -> dict[str, Any]:
    data = await world.must(
        "anonymous",
        'mutation { authLogin(input: {username: "loginme", password: "password123"}) { refreshToken } }',
    )
    return {"t": data["authLogin"]["refreshToken"]}


async def own_api_key(world: World, actor: str) -> dict[str, Any]:
    data = await world.must(
        world.owner(actor), 'mutation { apiKeyCreate(input: {name: "to revoke"}) { apiKey { id } } }'
    )
    return {"id": data["apiKeyCreate"]["apiKey"]["id"]}


ROWS: list[Row] = [
    Row(
        "public",
        "mutation($u: String!, $p: String!) { authRegister(input: {username: $u, password: $p})"
        " { accessToken errors { code } } }",
        new_username,
    ),
    Row(
        "public",
        'mutation { authLogin(input: {username: "loginme", password: "password123"}) { accessToken errors { code } } }',
    ),
    Row(
        "public",
        "mutation($t: String!) { authRefresh(input: {refreshToken: $t}) { accessToken errors { code } } }",
        fresh_refresh_token,
    ),
    Row(
        "public",
        "mutation($t: String!) { authLogout(input: {refreshToken: $t}) { ok errors { code } } }",
        fresh_refresh_token,
    ),
    Row("writer", 'mutation { apiKeyCreate(input: {name: "mine"}) { apiKey { id } errors { code } } }'),
    Row(
        "writer",
        "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { apiKey { revokedAt } errors { code } } }",
        own_api_key,
    ),
    Row("public", "{ me { id } }"),
    Row("reader", '{ userByUsername(username: "bob") { id } }'),
    Row("reader", "{ myApiKeys { id } }"),
    Row("reader", '{ userByTelegramUsername(username: "bob") { id } }'),
]
