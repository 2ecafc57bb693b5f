"""Validation results cached per schema.

strawberry's ``ValidationCache`` keeps one LRU for the whole process, keyed by the schema itself:
every schema a process built (each ``create_app``, so every test's server) stayed alive until 512
later validations pushed it out. A test worker held hundreds of them, 35,000 objects each, and the
collector's full passes over them stopped the whole process, its live servers too, for over ten
seconds (a request timed out). Here each schema's extension holds its own cache, gone with it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

from graphql import ASTValidationRule, DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

Key = tuple[DocumentNode, tuple[type[ASTValidationRule], ...]]


def validation_cache(maxsize: int = 512) -> type[SchemaExtension]:
    """An extension class with its own cache: pass one per schema built."""
    results: OrderedDict[Key, list[GraphQLError]] = OrderedDict()

    class SchemaValidationCache(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            document = context.graphql_document
            if document is not None:
                key = (document, context.validation_rules)
                errors = results.get(key)
                if errors is None:
                    errors = validate_document(context.schema._schema, document, context.validation_rules)
                    results[key] = errors
                    if len(results) > maxsize:
                        results.popitem(last=False)
                else:
                    results.move_to_end(key)
                context.pre_execution_errors = errors
            yield

    return SchemaValidationCache
