"""The authorization matrix's vocabulary: the kinds of caller, the rules, a row and the world a
row's variables are made in. Each domain lists its root fields' rows in ``tests/<domain>/authz_rows.py``;
``tests/server/test_authz_matrix.py`` gathers them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import GraphQLClient

ACTORS = ("anonymous", "user", "moderator", "admin", "telegram", "read_key", "admin_read_key")

# What a rule means for each caller. Payload: the field answers (its payload's errors are then []).
UNAUTH, FORBID, OK = "UNAUTHENTICATED", "FORBIDDEN", "payload"
RULES: dict[str, dict[str, str]] = {
    # anyone, signed in or not
    "public": dict.fromkeys(ACTORS, OK),
    # any signed-in caller, read-only keys too
    "reader": {**dict.fromkeys(ACTORS, OK), "anonymous": UNAUTH},
    # signed in, and a key needs the write scope
    "writer": {
        **dict.fromkeys(ACTORS, OK),
        "anonymous": UNAUTH,
        "read_key": FORBID,
        "admin_read_key": FORBID,
    },
    # moderators and admins (an admin's read-only key reads, and may not change anything)
    "moderator_read": {
        **dict.fromkeys(ACTORS, FORBID),
        "anonymous": UNAUTH,
        "moderator": OK,
        "admin": OK,
        "admin_read_key": OK,
    },
    "moderator_write": {**dict.fromkeys(ACTORS, FORBID), "anonymous": UNAUTH, "moderator": OK, "admin": OK},
    "admin_read": {**dict.fromkeys(ACTORS, FORBID), "anonymous": UNAUTH, "admin": OK, "admin_read_key": OK},
    "admin_write": {**dict.fromkeys(ACTORS, FORBID), "anonymous": UNAUTH, "admin": OK},
}


@dataclass
class World:
    gql: GraphQLClient
    app: Any
    headers: dict[str, dict[str, str]]
    ids: dict[str, int]
    item_id: int

    def owner(self, actor: str) -> str:
        """Whose resources an actor uses (anonymous tries alice's; keys act for their owners)."""
        return {"anonymous": "user", "read_key": "user", "admin_read_key": "admin"}.get(actor, actor)

    async def call(self, actor: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.gql.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=self.headers[actor]
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def must(self, actor: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = await self.call(actor, query, variables)
        assert "errors" not in body, body
        return body["data"]


Variables = Callable[[World, str], Awaitable[dict[str, Any]]]


async def no_variables(world: World, actor: str) -> dict[str, Any]:
    return {}


def fixed(**values: Any) -> Variables:
    async def make(world: World, actor: str) -> dict[str, Any]:
        return dict(values)

    return make


async def bob(world: World, actor: str) -> dict[str, Any]:
    return {"u": str(world.ids["bob"])}


async def the_item(world: World, actor: str) -> dict[str, Any]:
    return {"id": str(world.item_id)}


@dataclass(frozen=True)
class Row:
    rule: str
    document: str
    variables: Variables = no_variables
    # Cells where authorization passes and the use case answers a payload error (e.g. only the
    # bot may submit game messages): the exact codes, and then too nothing may change
    domain: dict[str, list[str]] = field(default_factory=dict)

    def expected(self, actor: str) -> str:
        if actor in self.domain:
            return f"payload with errors {self.domain[actor]}"
        return RULES[self.rule][actor]


def payload_errors(codes: list[str], *actors: str) -> dict[str, list[str]]:
    return dict.fromkeys(actors, codes)
