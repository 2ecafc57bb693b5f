"""The D&D domain's error codes and its payloads' error type."""

from __future__ import annotations

from enum import Enum

import strawberry

from resolvers.dnd import campaigns, encounters, sessions
from schema.core.errors import error_codes

DndErrorCode = error_codes("Dnd", sessions.ERRORS, encounters.ERRORS, campaigns.ERRORS)


@strawberry.type
class DndError:
    code: Enum = strawberry.field(graphql_type=DndErrorCode)
    field: str | None
    message: str
