"""Runs a use case as one transaction and publishes its events after commit.

A use case raises DomainError for expected failures; the transaction rolls back, unless the
use case asked to keep what it did (a refresh-token reuse revokes the family and still fails).
A unique-key race or a deadlock is retried a few times: the retry sees the winner's row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers import events
from resolvers.errors import DomainError
from schema.core.context import Context, Services

T = TypeVar("T")
RETRIES = 3
_RETRYABLE = ("deadlock detected", "could not serialize", "database is locked")


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
