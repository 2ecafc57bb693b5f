from __future__ import annotations

from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.conftest import GraphQLClient

EXPORTER = InMemorySpanExporter()


@pytest.fixture(autouse=True, scope="module")
def provider() -> None:
    current = trace.get_tracer_provider()
    if not isinstance(current, TracerProvider):
        current = TracerProvider()
        trace.set_tracer_provider(current)
    current.add_span_processor(SimpleSpanProcessor(EXPORTER))


async def test_requests_and_operations_are_traced(app: Any, gql: GraphQLClient) -> None:
    EXPORTER.clear()
    await gql("query Who { me { id } }")
    names = [s.name for s in EXPORTER.get_finished_spans()]
    assert "graphql query Who" in names
    assert "POST /graphql" in names
    http = next(s for s in EXPORTER.get_finished_spans() if s.name == "POST /graphql")
    op = next(s for s in EXPORTER.get_finished_spans() if s.name == "graphql query Who")
    assert op.parent is not None and op.parent.span_id == http.context.span_id
    assert http.attributes is not None and http.attributes["http.status_code"] == 200
