from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from resolvers import audit
from tests.conftest import GraphQLClient, make_admin

AUDIT = (
    "{ adminAuditLog(first: 50) { chainValid edges { node { seq action actorId subject prevHash hash } } } }"
)


async def test_logins_admin_actions_and_value_movements_are_chained(app: Any, gql: GraphQLClient) -> None:
    admin, admin_id = await make_admin(app, gql)
    _, player_id = await gql.register("player")
    await gql(
        'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 5, reason: "r"}) { errors { code } } }',
        {"u": str(player_id)},
        token=admin,
    )
    await gql(
        'mutation { authLogin(input: {username: "player", password: "password123"}) { errors { code } } }'
    )
    log = (await gql(AUDIT, token=admin))["data"]["adminAuditLog"]
    assert log["chainValid"] is True
    actions = [e["node"]["action"] for e in reversed(log["edges"])]
    assert actions == ["auth.register", "auth.register", "admin.grant", "auth.login"]
    nodes = [e["node"] for e in reversed(log["edges"])]
    assert [n["seq"] for n in nodes] == [1, 2, 3, 4]
    assert all(b["prevHash"] == a["hash"] for a, b in itertools.pairwise(nodes))
    assert nodes[2]["actorId"] == str(admin_id) and nodes[2]["subject"] == f"user:{player_id}"


async def test_the_log_refuses_updates_and_deletes(app: Any, gql: GraphQLClient) -> None:
    admin, _ = await make_admin(app, gql)
    _, someone = await gql.register("someone")
    await gql(
        'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 5, reason: "r"}) { errors { code } } }',
        {"u": str(someone)},
        token=admin,
    )
    db = app.state.services.db
    for statement in (
        "UPDATE audit_log SET action = 'x'",
        "DELETE FROM audit_log",
        "UPDATE transfers SET amount = 1",
        "DELETE FROM transfers",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with db.transaction() as session:
                await session.execute(text(statement))


async def test_tampering_breaks_the_chain(app: Any, gql: GraphQLClient, backend: str) -> None:
    await gql.register("victim")
    await gql.register("other")
    db = app.state.services.db
    async with db.transaction() as session:
        if backend == "sqlite":
            await session.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            await session.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        await session.execute(text("UPDATE audit_log SET subject = 'user:999' WHERE seq = 1"))
    async with db.reader() as session:
        assert await audit.verify(session) is False
