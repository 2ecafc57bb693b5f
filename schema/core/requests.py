"""Errors in the request itself (variables that do not coerce, an unknown operation name) are the
client's: ``BAD_USER_INPUT``, logged without a traceback. With suggestions off, no message says
"Did you mean …" (it would list the schema that disabled introspection hides)."""

from __future__ import annotations

import re
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionContext

from resolvers.errors import DomainError
from schema.core.masking import PUBLIC_CODES

SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class RequestErrorsContext(StrawberryGraphQLCoreExecutionContext):
    """Marks the errors found before execution starts as the client's."""

    @classmethod
    def build(cls, *args: Any, **kwargs: Any) -> Any:
        built = super().build(*args, **kwargs)
        if isinstance(built, list):
            for error in built:
                error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
        return built


def is_client_error(error: GraphQLError) -> bool:
    """Errors the client caused: invalid documents, public codes, domain refusals."""
    if error.original_error is None or isinstance(error.original_error, DomainError):
        return True
    return (error.extensions or {}).get("code") in PUBLIC_CODES


class LucasSchema(strawberry.Schema):
    def __init__(self, *args: Any, suggestions: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("execution_context_class", RequestErrorsContext)
        super().__init__(*args, **kwargs)
        self.suggestions = suggestions

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        if not self.suggestions:
            for error in errors:
                error.message = SUGGESTION.sub("", error.message)
        super().process_errors([e for e in errors if not is_client_error(e)], execution_context)
