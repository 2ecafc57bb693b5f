"""Errors in the request itself (variables that do not coerce, an unknown operation name) are the
client's: ``BAD_USER_INPUT``, logged without a traceback. With suggestions off, no message says
"Did you mean …" (it would list the schema that disabled introspection hides)."""

from __future__ import annotations

import re
from typing import Any

import strawberry
from graphql import BREAK, DocumentNode, GraphQLError, StringValueNode, Visitor, visit
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionContext

from resolvers.errors import DomainError
from schema.core.masking import MASKED, PUBLIC_CODES
from schema.core.shared import SharedEvents

SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
NUL_MESSAGE = "Text may not contain NUL characters (U+0000)."


def _has_nul(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _document_has_nul(document: DocumentNode) -> bool:
    """A NUL can only come from an escape in a string literal (the lexer refuses raw ones)."""
    if document.loc is not None and "\\u" not in document.loc.source.body:
        return False
    found: list[bool] = []

    class Finder(Visitor):
        def enter_string_value(self, node: StringValueNode, *_: Any) -> Any:
            if "\x00" in node.value:
                found.append(True)
                return BREAK
            return None

    visit(document, Finder())
    return bool(found)


class RequestErrorsContext(StrawberryGraphQLCoreExecutionContext):
    """Marks the errors found before execution starts as the client's, and refuses NUL characters
    in any text (PostgreSQL cannot store them; the embedded database refuses them alike)."""

    @classmethod
    def build(cls, schema: Any, document: DocumentNode, *args: Any, **kwargs: Any) -> Any:
        raw_variables = kwargs.get("raw_variable_values", args[2] if len(args) > 2 else None)
        if _has_nul(raw_variables) or _document_has_nul(document):
            return [GraphQLError(NUL_MESSAGE, extensions={"code": "BAD_USER_INPUT"})]
        built = super().build(schema, document, *args, **kwargs)
        if isinstance(built, list):
            for error in built:
                error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
        return built


class LucasExecutor(SharedEvents, RequestErrorsContext):
    """Request errors as above; shared live events executed once (``schema.core.shared``)."""


def is_client_error(error: GraphQLError) -> bool:
    """Errors the client caused: invalid documents, public codes, domain refusals."""
    if error.original_error is None or isinstance(error.original_error, DomainError):
        return True
    return (error.extensions or {}).get("code") in PUBLIC_CODES


class LucasSchema(strawberry.Schema):
    """Logs only the server's errors. With ``mask_errors``, an exception raised outside a resolver
    (an extension, parsing, validation), which the masking extension never sees, is masked here."""

    def __init__(
        self, *args: Any, suggestions: bool = True, mask_errors: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("execution_context_class", LucasExecutor)
        super().__init__(*args, **kwargs)
        self.suggestions = suggestions
        self.mask_errors = mask_errors

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        if not self.suggestions:
            for error in errors:
                error.message = SUGGESTION.sub("", error.message)
        internal = [e for e in errors if not is_client_error(e)]
        super().process_errors(internal, execution_context)
        if self.mask_errors:
            for error in internal:
                if not isinstance(error.original_error, GraphQLError):
                    error.message = MASKED
                    error.extensions = {"code": "INTERNAL"}
