from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.permission import BasePermission

from schema.core.context import Info


class IsAuthenticated(BasePermission):
    message = "Sign in first."
    error_extensions = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.actor.authenticated


class CanWrite(BasePermission):
    """Mutations need a signed-in user; an API key also needs the ``write`` scope."""

    message = "Sign in first."
    error_extensions = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        actor = info.context.actor
        if not actor.authenticated:
            return False
        if not actor.may("write"):
            self.message = "This API key may not change anything (needs the write scope)."
            self.error_extensions = {"code": "FORBIDDEN"}
            return False
        return True


def HasRole(role: str) -> type[BasePermission]:
    class _HasRole(BasePermission):
        message = f"Only a {role} may do this."
        error_extensions = {"code": "FORBIDDEN"}

        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            actor = info.context.actor
            if not actor.authenticated:
                self.message, self.error_extensions = "Sign in first.", {"code": "UNAUTHENTICATED"}
                return False
            return actor.has_role(role)

    _HasRole.__name__ = f"HasRole{role.title()}"
    return _HasRole


IsModerator = HasRole("moderator")
IsAdmin = HasRole("admin")


class PermissionDenied(GraphQLError):
    """An object-level refusal inside a resolver (a field's declared permissions passed)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})
