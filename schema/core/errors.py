"""Payload errors: each domain has an error type with a code enum, built here the same way."""

from __future__ import annotations

from enum import Enum
from typing import Any, Protocol, TypeVar

from resolvers.errors import DomainError


class PayloadError(Protocol):
    def __init__(self, *, code: Any, field: str | None, message: str) -> None: ...


E = TypeVar("E")


def to_error(error_type: type[E], code_enum: type[Enum], exc: DomainError) -> E:
    code = code_enum.__members__.get(exc.code)
    if code is None:
        raise RuntimeError(f"{exc.code} is not a {code_enum.__name__}") from exc
    return error_type(code=code, field=exc.field, message=exc.message)  # type: ignore[call-arg]
