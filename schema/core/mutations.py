"""Runs a use case as one transaction and publishes its events after commit.

``mutate(info, Payload, use_case, build)`` is what every mutation field calls: the use case runs in
one transaction; a DomainError becomes ``Payload(errors=[…])`` with the code from the payload's
error enum; otherwise ``build(result)`` makes the payload. Permissions are declared on the field.

A use case raises DomainError for expected failures; the transaction rolls back, unless the
use case asked to keep what it did (a refresh-token reuse revokes the family and still fails).
A unique-key race or a deadlock is retried a few times: the retry sees the winner's row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers import events
from resolvers.errors import DomainError
from schema.core.context import Context, Info, Services
from schema.core.errors import payload_error_type, to_error

T = TypeVar("T")
P = TypeVar("P")
RETRIES = 3
_RETRYABLE = ("deadlock detected", "could not serialize", "database is locked")


async def mutate(
    info: Info,
    payload: type[P],
    use_case: Callable[[AsyncSession], Awaitable[T]],
    build: Callable[[T], P],
    **on_error: Any,
) -> P:
    """``on_error`` are extra fields of the payload when it carries errors (e.g. a status)."""
    try:
        result = await in_transaction(info.context, use_case)
    except DomainError as exc:
        error = to_error(payload_error_type(payload), exc)  # type: ignore[arg-type]
        return payload(errors=[error], **on_error)  # type: ignore[call-arg]
    return build(result)


async def in_transaction(host: Context | Services, fn: Callable[[AsyncSession], Awaitable[T]]) -> T:
    services = host.services if isinstance(host, Context) else host
    for attempt in range(RETRIES):
        try:
            return await _once(services, fn)
        except IntegrityError:
            if attempt == RETRIES - 1:
                raise
        except DBAPIError as exc:
            if attempt == RETRIES - 1 or not any(s in str(exc.orig) for s in _RETRYABLE):
                raise
    raise AssertionError("unreachable")


async def _once(services: Services, fn: Callable[[AsyncSession], Awaitable[T]]) -> T:
    failure: DomainError | None = None
    async with services.db.transaction() as session:
        try:
            result = await fn(session)
        except DomainError as exc:
            if not session.info.get("commit_despite_error"):
                raise
            failure = exc
        appended = events.pending(session)
    await services.publish(appended)
    if failure is not None:
        raise failure
    return result
