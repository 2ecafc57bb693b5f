"""Declared permissions. Strawberry keeps one permission object per field for the whole process,
so a refusal's message and code are decided per call and raised, never stored on the object."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, OperationType
from strawberry.permission import BasePermission

from resolvers.actor import ROLE_RANK
from schema.core.context import Info


class Unauthenticated(GraphQLError):
    def __init__(self, message: str = "Sign in first.") -> None:
        super().__init__(message, extensions={"code": "UNAUTHENTICATED"})


class PermissionDenied(GraphQLError):
    """A refusal for a signed-in caller (also raised by resolvers for object-level checks)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})


def _check_write(info: Info) -> None:
    """An API key without the ``write`` scope may not run mutations."""
    if info.operation.operation == OperationType.MUTATION and not info.context.actor.may("write"):
        raise PermissionDenied("This API key may not change anything (needs the write scope).")


class IsAuthenticated(BasePermission):
    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if not info.context.actor.authenticated:
            raise Unauthenticated()
        _check_write(info)
        return True


CanWrite = IsAuthenticated


def HasRole(role: str) -> type[BasePermission]:
    if role not in ROLE_RANK:
        raise ValueError(role)
    article = "an" if role[0] in "aeiou" else "a"

    class _HasRole(BasePermission):
        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            actor = info.context.actor
            if not actor.authenticated:
                raise Unauthenticated()
            if not actor.has_role(role):
                raise PermissionDenied(f"Only {article} {role} may do this.")
            _check_write(info)
            return True

    _HasRole.__name__ = f"HasRole{role.title()}"
    return _HasRole


IsModerator = HasRole("moderator")
IsAdmin = HasRole("admin")


class NeedsSession(BasePermission):
    """Signed in by a session (or the bot for a Telegram user), never by an API key: what an API key
    could do with this (create more keys) would outlive the key's revocation."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        actor = info.context.actor
        if not actor.authenticated:
            raise Unauthenticated()
        if actor.api_key_id is not None:
            raise PermissionDenied("API keys are created from a signed-in session, not with an API key.")
        return True
