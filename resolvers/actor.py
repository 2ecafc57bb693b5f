from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROLES = ("user", "moderator", "admin")
ROLE_RANK = {"user": 0, "moderator": 1, "admin": 2}


@dataclass(frozen=True, kw_only=True)
class Actor:
    """Who acts: a user (possibly through an API key with scopes) or nobody."""

    user_id: int | None = None
    username: str | None = None
    role: str = "user"
    api_key_id: int | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    via_telegram: bool = False
    row: Any = field(default=None, compare=False, repr=False)

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None

    def has_role(self, role: str) -> bool:
        return self.authenticated and ROLE_RANK.get(self.role, -1) >= ROLE_RANK[role]

    def may(self, scope: str) -> bool:
        """A key's scopes narrow what its owner may do; a session token may do everything."""
        return self.api_key_id is None or scope in self.scopes


ANONYMOUS = Actor()
