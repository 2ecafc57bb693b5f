"""Live events that read the same for many subscribers are executed once.

A subscription resolver that yields ``shared(value, key)`` declares that the value's selection
reads the same for every viewer with the same role and scopes (no field of it depends on who
asks). The first subscriber of a process to receive the event executes the selection; every other
subscriber of the same role, document and variables takes that result (awaiting it if it is still
being made). Over a WebSocket, ``schema.core.live`` goes further (one reading and one encoding per
channel); this is what other transports get (``schema.subscribe`` in tests).

Anything else, and values yielded plainly, executes per subscriber as before.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import Awaitable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from graphql import ExecutionResult

T = TypeVar("T")

executor_var: ContextVar[Any] = ContextVar("lucas_live_executor", default=None)

MEMO_SIZE = 256


@dataclass(frozen=True, slots=True)
class Shared:
    value: Any
    key: Hashable


def shared(value: T, key: Hashable) -> T:
    """``value`` marked as reading the same for every viewer of one role; ``key`` names the event
    uniquely in the process (e.g. the channel, the message's id and time: a live-only signal has no
    event id, and a reused key would replay the older event's result)."""
    return cast(T, Shared(value, key))


class _Memo:
    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self.results: OrderedDict[Hashable, asyncio.Future[Any] | ExecutionResult] = OrderedDict()

    def get(self, key: Hashable) -> asyncio.Future[Any] | ExecutionResult | None:
        return self.results.get(key)

    def put(self, key: Hashable, entry: asyncio.Future[Any] | ExecutionResult) -> None:
        self.results[key] = entry
        while len(self.results) > self.size:
            self.results.popitem(last=False)


memo = _Memo()


class _Replay:
    """Stands in for a per-event executor: hands over the shared result."""

    __slots__ = ("entry",)

    def __init__(self, entry: asyncio.Future[Any] | ExecutionResult) -> None:
        self.entry = entry

    def execute_operation(self, serially: bool | None = None) -> Any:
        if isinstance(self.entry, ExecutionResult):
            return self.entry
        return asyncio.shield(self.entry)


def viewer_scope(context: Any) -> Hashable | None:
    actor = getattr(context, "actor", None)
    if actor is None:
        return None
    return (actor.role, actor.api_key_id is not None, tuple(sorted(actor.scopes)))


class SharedEvents:
    """An executor mixin (graphql-core's ``Executor``) executing shared events once per process."""

    _share_operation: Hashable | None = None

    @classmethod
    def build(cls, *args: Any, **kwargs: Any) -> Any:
        """Also remembers the executor in this task (``schema.core.live`` runs a subscription's
        events through it)."""
        built = cast(Any, super()).build(*args, **kwargs)
        if not isinstance(built, list):
            executor_var.set(built)
        return built

    def build_per_event_executor(self, payload: Any) -> Any:
        parent = cast(Any, super())
        if not isinstance(payload, Shared):
            return parent.build_per_event_executor(payload)
        self_: Any = self
        scope = viewer_scope(self_.context_value)
        if scope is None:
            return parent.build_per_event_executor(payload.value)
        key = (payload.key, scope, self._operation_key())
        entry = memo.get(key)
        if entry is None:
            result = parent.build_per_event_executor(payload.value).execute_operation(False)
            if self_.is_awaitable(result):
                entry = asyncio.ensure_future(_settle(cast(Awaitable[ExecutionResult], result)))
            else:
                entry = cast(ExecutionResult, result)
            memo.put(key, entry)
        return _Replay(entry)

    def _operation_key(self) -> Hashable:
        if self._share_operation is None:
            self_: Any = self
            operation = self_.operation
            body = operation.loc.source.body if operation.loc is not None else id(operation)
            name = operation.name.value if operation.name is not None else None
            variables = json.dumps(self_.variable_values.coerced, sort_keys=True, default=repr)
            self._share_operation = (body, name, variables)
        return self._share_operation


async def _settle(result: Awaitable[ExecutionResult]) -> ExecutionResult:
    return await result
