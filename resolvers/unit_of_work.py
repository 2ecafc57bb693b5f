"""One unit of work, the same for the server and for jobs: run a use case in one transaction, commit,
then publish the events it appended to live subscribers (``events.pending``).

A use case raises DomainError for expected failures; the transaction rolls back, unless the
use case asked to keep what it did (``session.info["commit_despite_error"]``: a refresh-token reuse
revokes the family and still fails). A unique-key race or a deadlock is retried a few times: the
retry sees the winner's row. Publishing is best effort: durable consumers read the events table.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models import Event
from resolvers import events
from resolvers.errors import DomainError

T = TypeVar("T")
Publish = Callable[[list[Event]], Awaitable[None]]
RETRIES = 3
_RETRYABLE = ("deadlock detected", "could not serialize", "database is locked")


async def run(db: Database, fn: Callable[[AsyncSession], Awaitable[T]], *, publish: Publish) -> T:
    for attempt in range(RETRIES):
        try:
            return await _once(db, fn, publish)
        except IntegrityError:
            if attempt == RETRIES - 1:
                raise
        except DBAPIError as exc:
            if attempt == RETRIES - 1 or not any(s in str(exc.orig) for s in _RETRYABLE):
                raise
    raise AssertionError("unreachable")


async def _once(db: Database, fn: Callable[[AsyncSession], Awaitable[T]], publish: Publish) -> T:
    failure: DomainError | None = None
    async with db.transaction() as session:
        try:
            result = await fn(session)
        except DomainError as exc:
            if not session.info.get("commit_despite_error"):
                raise
            failure = exc
        appended = events.pending(session)
    await publish(appended)
    if failure is not None:
        raise failure
    return result
