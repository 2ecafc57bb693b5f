"""Repeated identical operations are parsed and validated once (the caches are shared across
requests), and a cached invalid document still answers its validation error every time. The
validation cache is the schema's own: a schema that served requests is freed with its app."""

from __future__ import annotations

import asyncio
import gc
import uuid
import weakref
from typing import Any

import pytest
import strawberry.schema.schema as strawberry_schema
from graphql.language import parser

from schema import build_schema
from tests.conftest import GraphQLClient


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"validate": 0, "parse": 0}
    validate, parse = strawberry_schema.validate, parser.Parser.parse_document

    def counting_validate(*args: Any, **kwargs: Any) -> Any:
        calls["validate"] += 1
        return validate(*args, **kwargs)

    def counting_parse(self: parser.Parser) -> Any:
        calls["parse"] += 1
        return parse(self)

    monkeypatch.setattr(strawberry_schema, "validate", counting_validate)
    monkeypatch.setattr(parser.Parser, "parse_document", counting_parse)
    return calls


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_identical_requests_are_parsed_and_validated_once(
    gql: GraphQLClient, counted: dict[str, int]
) -> None:
    token, user_id = await gql.register("cached")
    # A query text no other test sends, so its first request is a cache miss.
    query = f"query Me_{uuid.uuid4().hex} {{ me {{ id username balances {{ currency amount }} }} }}"
    counted.update(validate=0, parse=0)
    for _ in range(5):
        body = await gql(query, token=token)
        assert body["data"]["me"]["id"] == str(user_id)
    assert counted == {"validate": 1, "parse": 1}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_a_cached_invalid_document_is_refused_every_time(
    gql: GraphQLClient, counted: dict[str, int]
) -> None:
    token, _ = await gql.register("refused")
    query = f"query Bad_{uuid.uuid4().hex} {{ me {{ noSuchField }} }}"
    counted.update(validate=0, parse=0)
    for _ in range(3):
        body = await gql(query, token=token, expect_errors=True)
        assert body["data"] is None
        assert "noSuchField" in body["errors"][0]["message"]
    assert counted["validate"] == 1


async def test_a_schema_that_served_requests_is_freed_once_dropped() -> None:
    # every test builds an app, so a schema kept by a process-wide cache (strawberry's) stayed alive
    # by the hundred in a test worker, and the collector's passes over them stalled the process
    built = build_schema()
    for query in ("{ __typename }", "{ noSuchField }"):
        await asyncio.create_task(built.execute(query))  # its own task, as a server's request
    released = weakref.ref(built._schema)
    del built
    gc.collect()
    assert released() is None
