"""The bot's GraphQL documents validate against the committed SDL, and the TypedDicts in
bot/results.py say exactly what each selection set returns (fields, lists, nullability)."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from graphql import (
    FieldNode,
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    SelectionSetNode,
    build_schema,
    parse,
    validate,
)

from bot import api
from bot import results as r
from bot.api import DOCUMENTS_DIR

SDL = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"

# Each document's one root field and the TypedDict the client casts it to (None: nullable).
RESULTS: dict[str, tuple[str, Any]] = {
    "Me": ("me", r.Me | None),
    "MyTransfers": ("myTransfers", r.TransferConnection),
    "UserByUsername": ("userByUsername", r.PublicUser | None),
    "WalletTransfer": ("walletTransfer", r.WalletTransferPayload),
    "ShopItems": ("shopItems", r.ShopItemConnection),
    "ShopPurchase": ("shopPurchase", r.ShopPurchasePayload),
    "Notifications": ("notifications", r.NotificationConnection),
    "NotificationMarkRead": ("notificationMarkRead", r.NotificationMarkReadPayload),
    "IngestionSubmit": ("ingestionSubmit", r.IngestionSubmitPayload),
    "IngestionNicknameClaim": ("ingestionNicknameClaim", r.IngestionNicknameClaimPayload),
    "MyIngestions": ("myIngestions", r.IngestionConnection),
}
SCALARS = {"String": str, "ID": str, "DateTime": str, "Int": int, "Amount": int, "Boolean": bool}


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema(SDL.read_text())


def test_every_document_is_used_and_typed() -> None:
    names = {p.stem for p in DOCUMENTS_DIR.glob("*.graphql")}
    assert names == set(RESULTS)
    source = Path(api.__file__).read_text()
    for name in names:
        assert f'"{name}"' in source


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_document_matches_schema_and_types(schema: GraphQLSchema, name: str) -> None:
    document = parse((DOCUMENTS_DIR / f"{name}.graphql").read_text())
    assert validate(schema, document) == []
    (operation,) = document.definitions
    assert isinstance(operation, OperationDefinitionNode) and operation.name is not None
    assert operation.name.value == name
    root = schema.mutation_type if operation.operation.value == "mutation" else schema.query_type
    assert root is not None
    (field,) = operation.selection_set.selections
    assert isinstance(field, FieldNode)
    root_field, hint = RESULTS[name]
    assert field.name.value == root_field
    check(root.fields[root_field].type, field.selection_set, hint, name)


def _optional(hint: Any) -> tuple[bool, Any]:
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(get_args(hint)) == 2:
            return True, args[0]
    return False, hint


def check(gql_type: Any, selection: SelectionSetNode | None, hint: Any, where: str) -> None:
    nullable, inner = _optional(hint)
    assert nullable == (not isinstance(gql_type, GraphQLNonNull)), f"{where}: nullability"
    gql_type = gql_type.of_type if isinstance(gql_type, GraphQLNonNull) else gql_type
    if isinstance(gql_type, GraphQLList):
        assert get_origin(inner) is list, f"{where}: expected a list"
        check(gql_type.of_type, selection, get_args(inner)[0], f"{where}[]")
        return
    if isinstance(gql_type, GraphQLObjectType):
        assert selection is not None
        fields = {s.name.value: s for s in selection.selections if isinstance(s, FieldNode)}
        hints = get_type_hints(inner)
        assert set(fields) == set(hints), f"{where}: fields {sorted(fields)} vs {sorted(hints)}"
        for key, node in fields.items():
            check(gql_type.fields[key].type, node.selection_set, hints[key], f"{where}.{key}")
        return
    if isinstance(gql_type, GraphQLEnumType):
        if get_origin(inner) is Literal:
            assert set(get_args(inner)) == set(gql_type.values), f"{where}: enum values"
        else:
            assert inner is str, f"{where}: an enum is a str"
        return
    assert SCALARS[gql_type.name] is inner, f"{where}: {gql_type.name} vs {inner}"
