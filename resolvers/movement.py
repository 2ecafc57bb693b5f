"""Moving value: one call does what every value-moving use case must, in one transaction.

``move(session, Movement(...), effects=...)``:

1. claims the idempotency key (a repeat returns the first result and moves nothing; the same key
   with other input is IDEMPOTENCY_KEY_REUSED);
2. posts the ledger legs (conditional debits, all or nothing);
3. asks ``effects(transfers)`` what follows from them: the result to store for repeats, the domain
   events, the notifications and the audit entry (an async ``effects`` may write rows of its own
   domain first, or refuse with a DomainError, which rolls everything back);
4. writes the notifications (one statement), every event (one statement), the audit entry (one
   statement, unchained: it is sealed after commit) and the stored result.

A payment is therefore five statements after the caller's own checks, seven with a key.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer
from resolvers import audit, events, idempotency, ledger, notifications
from resolvers.clock import Clock
from resolvers.errors import ErrorCodes

ERRORS = ErrorCodes("movement", uses=(ledger.ERRORS, idempotency.ERRORS))


@dataclass(frozen=True, kw_only=True)
class Audit:
    action: str
    subject: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Effects:
    """What a movement leaves behind besides its transfers."""

    result: dict[str, Any] = field(default_factory=dict)
    events: list[events.Spec] = field(default_factory=list)
    notes: list[notifications.Note] = field(default_factory=list)
    audit: Audit | None = None


@dataclass(frozen=True, kw_only=True)
class Movement:
    operation: str
    actor_id: int | None
    legs: list[ledger.Leg]
    idempotency_key: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    shortfall_field: str = "amount"
    unknown_field: str | None = None


@dataclass(frozen=True, kw_only=True)
class Moved:
    """``result`` is what ``effects`` returned, or, on a repeat, what the first run stored."""

    result: dict[str, Any]
    transfers: list[Transfer]
    replayed: bool = False


async def move(
    session: AsyncSession,
    movement: Movement,
    *,
    clock: Clock,
    effects: Callable[[list[Transfer]], Effects | Awaitable[Effects]],
) -> Moved:
    replay = await idempotency.claim(
        session,
        actor_key=f"user:{movement.actor_id}",
        key=movement.idempotency_key,
        operation=movement.operation,
        params=movement.params,
        clock=clock,
    )
    if replay is not None:
        return Moved(result=replay, transfers=[], replayed=True)
    transfers = (
        await ledger.post(
            session,
            movement.legs,
            clock=clock,
            actor_id=movement.actor_id,
            shortfall_field=movement.shortfall_field,
            unknown_field=movement.unknown_field,
        )
        if movement.legs
        else []
    )
    outcome = effects(transfers)
    done = await outcome if inspect.isawaitable(outcome) else outcome
    created = await notifications.create_many(session, done.notes, clock=clock)
    await events.append_many(session, [*done.events, *created], clock=clock)
    if done.audit is not None:
        await audit.append(
            session,
            action=done.audit.action,
            clock=clock,
            actor_id=movement.actor_id,
            subject=done.audit.subject,
            data=done.audit.data,
        )
    if movement.idempotency_key is not None:
        await idempotency.record(session, done.result)
    return Moved(result=done.result, transfers=transfers)
