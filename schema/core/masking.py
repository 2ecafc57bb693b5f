"""Hides internal errors from clients; expected ones keep their message and ``extensions.code``."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from resolvers.errors import DomainError

log = logging.getLogger("lucas.graphql")

MASKED = "Internal error; it has been logged."
PUBLIC_CODES = frozenset(
    {"UNAUTHENTICATED", "FORBIDDEN", "RATE_LIMITED", "BAD_USER_INPUT", "QUERY_TOO_COSTLY"}
)


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    if original is None:
        return False
    if isinstance(original, DomainError):
        error.extensions = {
            **(error.extensions or {}),
            "code": "BAD_USER_INPUT",
            "reason": original.code,
            "field": original.field,
        }
        return False
    if (error.extensions or {}).get("code") in PUBLIC_CODES:
        return False
    log.error("internal error at %s", error.path, exc_info=original)
    return True


class MaskInternalErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=_should_mask, error_message=MASKED)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        return GraphQLError(
            message=self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL"},
        )
