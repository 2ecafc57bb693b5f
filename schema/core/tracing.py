"""One OpenTelemetry span per GraphQL operation, named by its type and name (cheap: no per-field spans)."""

from __future__ import annotations

from collections.abc import Iterator

from opentelemetry import trace
from strawberry.extensions import SchemaExtension

tracer = trace.get_tracer("lucas.graphql")


class OperationSpan(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        with tracer.start_as_current_span("graphql") as span:
            yield
            context = self.execution_context
            name = context.operation_name or "anonymous"
            operation = context.operation_type.value if context.operation_type else "unknown"
            span.update_name(f"graphql {operation} {name}")
            span.set_attribute("graphql.operation.name", name)
            span.set_attribute("graphql.operation.type", operation)
            errors = context.result.errors if context.result else None
            if errors:
                span.set_attribute("graphql.errors", len(errors))
