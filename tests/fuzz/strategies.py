"""Hypothesis strategies for the whole API, from the committed SDL: operations with literal
arguments (hypothesis-graphql, valid and invalid ones), and operations whose arguments are
variables filled with values shaped like their types, or arbitrary JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import graphql
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema

from tests.fuzz.conftest import BOT_IDS

SDL = (Path(__file__).resolve().parents[2] / "schema" / "schema.graphql").read_text()
SCHEMA = graphql.build_schema(SDL)

# Ids that exist after seeding (users, items, transfers, the game bots' Telegram ids), and others.
REAL_IDS = [str(n) for n in range(0, 8)] + [str(v) for v in BOT_IDS.values()] + ["4242", "-100123"]
ID_VALUES = st.one_of(
    st.sampled_from(REAL_IDS),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=12),
)
AMOUNT_VALUES = st.one_of(
    st.integers(min_value=-3, max_value=2000),
    st.integers(),
    st.sampled_from(["1", "10", "0", "-1", "1.5", "1e3", "1e999999", "NaN", "Infinity", " 7 ", "٣", "1_0"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=8),
)
DATETIME_VALUES = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(["2026-12-03T10:00:00Z", "2026-13-40", "9999-12-31T23:59:59+14:00", ""]),
    st.text(max_size=12),
)
JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _node(value: Any) -> graphql.ValueNode:
    node = graphql.ast_from_value(value, graphql.GraphQLString)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**31:
        return graphql.IntValueNode(value=str(value))
    assert node is not None
    return node


# hypothesis-graphql draws literal values of our scalars (and of ID) from these.
LITERAL_SCALARS = {
    "ID": ID_VALUES.map(_node),
    "Amount": AMOUNT_VALUES.map(_node),
    "DateTime": DATETIME_VALUES.map(_node),
    "JSON": JSON_VALUES.map(lambda v: graphql.StringValueNode(value=str(v))),
}


def documents() -> st.SearchStrategy[str]:
    """Queries and mutations over every root field: valid ones, and ones with one violation."""
    return from_schema(SCHEMA, custom_scalars=LITERAL_SCALARS) | from_schema(
        SCHEMA, custom_scalars=LITERAL_SCALARS, mode=Mode.NEGATIVE
    )


SCALAR_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "Int": st.one_of(st.integers(min_value=-5, max_value=200), st.integers(-(2**31), 2**31 - 1)),
    "Float": st.floats(allow_nan=False, allow_infinity=False),
    "String": st.text(max_size=40),
    "Boolean": st.booleans(),
    "ID": ID_VALUES,
    "Amount": AMOUNT_VALUES,
    "DateTime": DATETIME_VALUES,
    "JSON": JSON_VALUES,
}


def values(type_: graphql.GraphQLInputType) -> st.SearchStrategy[Any]:
    """Mostly values of the type, sometimes any JSON at all."""
    return st.one_of(_typed(type_), _typed(type_), _typed(type_), JSON_VALUES)


def _typed(type_: graphql.GraphQLInputType) -> st.SearchStrategy[Any]:
    nullable = not isinstance(type_, graphql.GraphQLNonNull)
    inner = graphql.get_nullable_type(type_)  # type: ignore[arg-type]
    strategy: st.SearchStrategy[Any]
    if isinstance(inner, graphql.GraphQLScalarType):
        strategy = SCALAR_VALUES.get(inner.name, JSON_VALUES)
    elif isinstance(inner, graphql.GraphQLEnumType):
        strategy = st.sampled_from(sorted(inner.values))
    elif isinstance(inner, graphql.GraphQLList):
        strategy = st.lists(st.deferred(lambda: values(inner.of_type)), max_size=3)
    elif isinstance(inner, graphql.GraphQLInputObjectType):
        required = {n: values(f.type) for n, f in inner.fields.items() if graphql.is_required_input_field(f)}
        optional = {n: values(f.type) for n, f in inner.fields.items() if n not in required}
        strategy = st.fixed_dictionaries(required, optional=optional)
    else:
        raise TypeError(type_)
    return strategy | st.none() if nullable else strategy


def _selection(type_: graphql.GraphQLOutputType) -> str:
    named = graphql.get_named_type(type_)
    return " { __typename }" if isinstance(named, graphql.GraphQLObjectType) else ""


@st.composite
def operations_with_variables(draw: st.DrawFn) -> dict[str, Any]:
    """One root field with every argument passed as a variable of the argument's declared type."""
    kind, root = draw(st.sampled_from([("query", SCHEMA.query_type), ("mutation", SCHEMA.mutation_type)]))
    assert root is not None
    name = draw(st.sampled_from(sorted(n for n, f in root.fields.items() if f.args)))
    field = root.fields[name]
    definitions, arguments, variables = [], [], {}
    for i, (arg_name, arg) in enumerate(sorted(field.args.items())):
        definitions.append(f"$v{i}: {arg.type}")
        arguments.append(f"{arg_name}: $v{i}")
        if graphql.is_required_argument(arg) or draw(st.booleans()):
            variables[f"v{i}"] = draw(values(arg.type))
    query = f"{kind}({', '.join(definitions)}) {{ {name}({', '.join(arguments)}){_selection(field.type)} }}"
    return {"query": query, "variables": variables}
