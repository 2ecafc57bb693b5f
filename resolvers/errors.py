"""Expected failures of the domain.

DomainError(code, message, field)
    Raised by a use case when the input or the state refuses the operation. The transaction that
    raised it is rolled back, so nothing it did stays. The GraphQL layer turns it into a payload
    error with ``code`` from the domain's enum.
"""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.message!r}, field={self.field!r})"
