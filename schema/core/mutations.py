"""Runs a use case as one transaction and publishes its events after commit.

``mutate(info, Payload, use_case, build)`` is what every mutation field calls: the use case runs in
one transaction; a DomainError becomes ``Payload(errors=[…])`` with the code from the payload's
error enum; otherwise ``build(result)`` makes the payload. Permissions are declared on the field.

The transaction itself is ``resolvers.unit_of_work.run``, the same for jobs: commit, then publish.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers import unit_of_work
from resolvers.errors import DomainError
from schema.core.context import Context, Info, Services
from schema.core.errors import payload_error_type, to_error

T = TypeVar("T")
P = TypeVar("P")


async def mutate(
    info: Info | Context,
    payload: type[P],
    use_case: Callable[[AsyncSession], Awaitable[T]],
    build: Callable[[T], P],
    **on_error: Any,
) -> P:
    """``on_error`` are extra fields of the payload when it carries errors (e.g. a status)."""
    context = info if isinstance(info, Context) else info.context
    return await as_payload(payload, in_transaction(context, use_case), build, **on_error)


async def as_payload(payload: type[P], work: Awaitable[T], build: Callable[[T], P], **on_error: Any) -> P:
    """For a mutation that is more than one transaction (work outside it, such as parsing a message
    before crediting it): its DomainError becomes the payload's errors all the same."""
    try:
        result = await work
    except DomainError as exc:
        error = to_error(payload_error_type(payload), exc)  # type: ignore[arg-type]
        return payload(errors=[error], **on_error)  # type: ignore[call-arg]
    return build(result)


async def in_transaction(host: Context | Services, fn: Callable[[AsyncSession], Awaitable[T]]) -> T:
    services = host.services if isinstance(host, Context) else host
    return await unit_of_work.run(services.db, fn, publish=services.publish)
