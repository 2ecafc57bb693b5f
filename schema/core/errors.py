"""Payload errors: each domain's code enum is derived from the codes its resolvers declare.

``error_codes("Wallet", wallet.ERRORS)`` builds the GraphQL enum ``WalletErrorCode``; the domain's
error type then reads ``code: Enum = strawberry.field(graphql_type=WalletErrorCode)``. Field names
reach clients in camelCase whatever the resolver wrote (``to_user_id`` → ``toUserId``).
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from typing import Any, TypeVar

import strawberry
from strawberry.types.base import StrawberryList, get_object_definition

from resolvers.errors import DomainError, ErrorCodes

E = TypeVar("E")


def error_codes(domain: str, *declared: ErrorCodes, extra: tuple[str, ...] = ()) -> type[Enum]:
    codes: set[str] = set(extra)
    for group in declared:
        codes.update(group.all())
    enum = Enum(f"{domain}ErrorCode", {code: code for code in sorted(codes)})  # type: ignore[misc]
    return strawberry.enum(enum)


def camel(name: str | None) -> str | None:
    if not name or "_" not in name:
        return name
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _code_enum(error_type: type[Any]) -> type[Enum]:
    definition = get_object_definition(error_type, strict=True)
    field = next(f for f in definition.fields if f.python_name == "code")
    enum = getattr(field.type, "wrapped_cls", None)
    if not (isinstance(enum, type) and issubclass(enum, Enum)):
        raise TypeError(f"{error_type.__name__}.code is not an enum")
    return enum


def to_error(error_type: type[E], exc: DomainError) -> E:
    enum = _cached_enum(error_type)  # type: ignore[arg-type]
    code = enum.__members__.get(exc.code)
    if code is None:
        raise RuntimeError(
            f"{exc.code} is not a {enum.__name__}: declare it in the resolvers' ERRORS"
        ) from exc
    return error_type(code=code, field=camel(exc.field), message=exc.message)  # type: ignore[call-arg]


@cache
def _cached_enum(error_type: type[Any]) -> type[Enum]:
    return _code_enum(error_type)


@cache
def payload_error_type(payload: type[Any]) -> type[Any]:
    """The element type of a payload's ``errors`` list."""
    definition = get_object_definition(payload, strict=True)
    field = next(f for f in definition.fields if f.python_name == "errors")
    if not isinstance(field.type, StrawberryList):
        raise TypeError(f"{payload.__name__}.errors is not a list")
    inner = field.type.of_type
    assert isinstance(inner, type)
    return inner
