"""Expected failures of the domain.

DomainError(code, message, field)
    Raised by a use case when the input or the state refuses the operation. The transaction that
    raised it is rolled back, so nothing it did stays. The GraphQL layer turns it into a payload
    error with ``code`` from the domain's enum.

ErrorCodes(domain, *codes, uses=...)
    What a resolvers module may raise: its own codes, and those of the shared modules it calls.
    Each module that raises declares ``ERRORS``; the GraphQL enums are derived from them, and
    ``tests/kit/test_error_codes.py`` proves every raised code is declared.
"""

from __future__ import annotations

from collections.abc import Iterable


class DomainError(Exception):
    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.message!r}, field={self.field!r})"


class ErrorCodes:
    def __init__(self, domain: str, *codes: str, uses: Iterable[ErrorCodes] = ()) -> None:
        self.domain = domain
        self.own = frozenset(codes)
        self.uses = tuple(uses)

    def all(self) -> tuple[str, ...]:
        seen: set[str] = set(self.own)
        for other in self.uses:
            seen.update(other.all())
        return tuple(sorted(seen))

    def __contains__(self, code: object) -> bool:
        return code in self.all()

    def __or__(self, other: ErrorCodes) -> ErrorCodes:
        return ErrorCodes(f"{self.domain}+{other.domain}", uses=(self, other))

    def __repr__(self) -> str:
        return f"ErrorCodes({self.domain!r}, {len(self.all())} codes)"
