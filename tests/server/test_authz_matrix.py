"""Who may call what: every mutation and query, as every kind of caller.

Each domain lists its root fields' rows in ``tests/<domain>/authz_rows.py`` (``ROWS``); this test
gathers every such file, so a new domain adds its file and edits nothing here. The fields come from
the schema itself (the committed SDL and the code's schema), so a new field without a row fails the
test. Each cell is the exact outcome: a top-level UNAUTHENTICATED or FORBIDDEN error, or a payload;
a refused call changes nothing in the database.
"""

from __future__ import annotations

import functools
import importlib
from collections import Counter
from pathlib import Path
from typing import Any

from graphql import FieldNode, OperationDefinitionNode, parse
from graphql import build_schema as build_sdl

import schema as code_schema
from tests.conftest import GraphQLClient, make_admin, make_settings
from tests.server.authz import ACTORS, OK, Row, World
from tests.server.support import running, set_role, snapshot

TESTS = Path(__file__).resolve().parents[1]
SDL = TESTS.parent / "schema" / "schema.graphql"
TELEGRAM_USER_ID = "12345"


def root_field(document: str) -> tuple[str, str]:
    """The root type and the one field a row's document calls (``("Mutation", "chatSend")``)."""
    (operation,) = parse(document).definitions
    assert isinstance(operation, OperationDefinitionNode), document
    (selection,) = operation.selection_set.selections
    assert isinstance(selection, FieldNode) and selection.alias is None, document
    return operation.operation.value.capitalize(), selection.name.value


def gathered() -> list[tuple[str, str, Row]]:
    """Every domain's rows (``tests/*/authz_rows.py``), as (root type, field, row)."""
    rows: list[tuple[str, str, Row]] = []
    for path in sorted(TESTS.glob("*/authz_rows.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.authz_rows")
        rows += [(*root_field(row.document), row) for row in module.ROWS]
    return rows


ROWS = gathered()
MUTATIONS: dict[str, Row] = {name: row for root, name, row in ROWS if root == "Mutation"}
QUERIES: dict[str, Row] = {name: row for root, name, row in ROWS if root == "Query"}


def twice(root: str) -> list[str]:
    """Fields of a root type with more than one row (each field has exactly one)."""
    return sorted(name for name, n in Counter(name for r, name, _ in ROWS if r == root).items() if n > 1)


@functools.cache
def schema_fields(type_name: str) -> frozenset[str]:
    """The fields of a root type in the committed SDL and in the code's schema (both, so neither
    a field added to the code before the SDL is exported nor one only in the SDL slips by)."""
    from_sdl = set(build_sdl(SDL.read_text()).get_type(type_name).fields)  # type: ignore[union-attr]
    from_code = set(code_schema.build_schema()._schema.get_type(type_name).fields)  # type: ignore[union-attr]
    return frozenset(from_sdl | from_code)


def test_every_mutation_has_a_row() -> None:
    assert twice("Mutation") == [], "one row per mutation"
    missing = sorted(schema_fields("Mutation") - set(MUTATIONS))
    assert missing == [], f"add rows for these mutations to tests/<domain>/authz_rows.py: {missing}"
    assert sorted(set(MUTATIONS) - schema_fields("Mutation")) == []


def test_every_query_has_a_row() -> None:
    assert twice("Query") == [], "one row per query"
    missing = sorted(schema_fields("Query") - set(QUERIES))
    assert missing == [], f"add rows for these queries to tests/<domain>/authz_rows.py: {missing}"
    assert sorted(set(QUERIES) - schema_fields("Query")) == []


def test_every_admin_field_is_admin_only() -> None:
    for name, row in {**MUTATIONS, **QUERIES}.items():
        if name.startswith("admin"):
            assert row.rule.startswith("admin"), name


async def build_world(app: Any, gql: GraphQLClient, service_key: str) -> World:
    db = app.state.services.db
    admin, admin_id = await make_admin(app, gql)
    alice, alice_id = await gql.register("alice")
    mod, mod_id = await gql.register("mod")
    _, bob_id = await gql.register("bob")
    await gql.register("loginme")
    await set_role(db, mod_id, "moderator")
    telegram = {"authorization": f"Bearer {service_key}", "x-lucas-telegram-user-id": TELEGRAM_USER_ID}
    tg_id = int((await gql("{ me { id } }", headers=telegram))["data"]["me"]["id"])
    keys = {}
    for owner, token in (("alice", alice), ("admin", admin)):
        body = await gql(
            'mutation { apiKeyCreate(input: {name: "read", scopes: [READ]}) { secret errors { code } } }',
            token=token,
        )
        keys[owner] = body["data"]["apiKeyCreate"]["secret"]
    for user_id in (alice_id, mod_id, admin_id, tg_id):
        body = await gql(
            'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 1000, reason: "seed"}) { errors { code } } }',
            {"u": str(user_id)},
            token=admin,
        )
        assert body["data"]["adminGrant"]["errors"] == []
    item = await gql(
        'mutation { adminItemCreate(input: {name: "Widget", price: 1}) { item { id } errors { code } } }',
        token=admin,
    )
    headers = {
        "anonymous": {},
        "user": {"authorization": f"Bearer {alice}"},
        "moderator": {"authorization": f"Bearer {mod}"},
        "admin": {"authorization": f"Bearer {admin}"},
        "telegram": telegram,
        "read_key": {"authorization": f"Bearer {keys['alice']}"},
        "admin_read_key": {"authorization": f"Bearer {keys['admin']}"},
    }
    ids = {"alice": alice_id, "mod": mod_id, "admin": admin_id, "bob": bob_id, "telegram": tg_id}
    return World(
        gql=gql, app=app, headers=headers, ids=ids, item_id=int(item["data"]["adminItemCreate"]["item"]["id"])
    )


def outcome(body: dict[str, Any], field: str) -> str:
    errors = body.get("errors")
    if errors:
        codes = {(e.get("extensions") or {}).get("code") for e in errors}
        return "/".join(sorted(str(c) for c in codes))
    payload = body["data"][field]
    if isinstance(payload, dict) and payload.get("errors"):
        return f"payload with errors {[e['code'] for e in payload['errors']]}"
    return OK


async def run_matrix(world: World, rows: dict[str, Row]) -> list[str]:
    """Every (field, caller) cell; returns the cells that differ from the rule."""
    wrong: list[str] = []
    db = world.app.state.services.db
    for name, row in rows.items():
        for actor in ACTORS:
            expected = row.expected(actor)
            variables = await row.variables(world, actor)
            before = await snapshot(db) if expected != OK else None
            body = await world.call(actor, row.document, variables)
            got = outcome(body, name)
            if got != expected:
                wrong.append(f"{name} as {actor}: expected {expected}, got {got}")
            if before is not None and await snapshot(db) != before:
                wrong.append(f"{name} as {actor}: refused but the database changed")
    return wrong


async def test_mutations_matrix(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url)
    async with running(settings) as (app, gql):
        world = await build_world(app, gql, settings.telegram_service_key)
        wrong = await run_matrix(
            world, {k: v for k, v in MUTATIONS.items() if k in schema_fields("Mutation")}
        )
    assert not wrong, "cells that differ from the rules:\n" + "\n".join(wrong)


async def test_queries_matrix(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url)
    async with running(settings) as (app, gql):
        world = await build_world(app, gql, settings.telegram_service_key)
        wrong = await run_matrix(world, {k: v for k, v in QUERIES.items() if k in schema_fields("Query")})
    assert not wrong, "cells that differ from the rules:\n" + "\n".join(wrong)
