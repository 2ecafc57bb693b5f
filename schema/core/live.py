"""Live streams fanned out once per process.

``live.stream(info, channel, build, key, group)`` replaces a subscription's own reading of a
pub/sub channel. Over a WebSocket, each subscriber joins its channel's group instead: the process
holds one pub/sub subscription per group, builds each message's item once, executes the selection
once per document, variables and role (the item must read the same for every viewer of one role,
as with ``shared``), encodes it once and writes the frame straight to every member's socket
(``Sink.write``: the serialized frame itself, where the server allows it). The subscribers' own
streams never yield; they end when the operation does, or fail with the group's reading.
Elsewhere (``schema.subscribe`` in tests) the items are yielded as ``shared`` values.

1,000 subscribers to one chat channel cost one execution and encoding plus 1,000 socket writes a
message, not 1,000 queue hand-offs, generator chains and executions.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from graphql import ExecutionResult

from schema.core.masking import MASKED
from schema.core.shared import executor_var, shared, viewer_scope

T = TypeVar("T")
log = logging.getLogger("lucas.live")


class Sink(Protocol):
    """Where an operation's frames go: its WebSocket, under its operation id."""

    operation_id: str

    def open(self) -> bool: ...

    def frame(self, text: str) -> bytes:
        """``text`` as the bytes ``write`` takes."""
        ...

    def write(self, frame: bytes) -> bool:
        """Writes a frame straight to the socket; False when it must go through ``send``."""
        ...

    async def send(self, text: str) -> None: ...


sink_var: ContextVar[Sink | None] = ContextVar("lucas_live_sink", default=None)


@dataclass(eq=False)
class Member:
    sink: Sink
    executor: Any
    selection: Hashable
    ended: asyncio.Future[None] = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    head: str = ""

    def __post_init__(self) -> None:
        self.head = '{"id":' + json.dumps(self.sink.operation_id)


class Group:
    """One channel read for every member; members with the same selection share each result."""

    def __init__(
        self, groups: Groups, name: Hashable, channel: str, build: Callable[[dict[str, Any]], Any]
    ) -> None:
        self.groups, self.name, self.channel, self.build = groups, name, channel, build
        self.members: dict[Hashable, list[Member]] = {}
        self.ready = asyncio.get_running_loop().create_future()
        self.task = asyncio.create_task(self._read())

    def add(self, member: Member) -> None:
        self.members.setdefault(member.selection, []).append(member)

    def remove(self, member: Member) -> bool:
        """Drops the member; True when the group is then empty."""
        same = self.members.get(member.selection, [])
        if member in same:
            same.remove(member)
            if not same:
                del self.members[member.selection]
        return not self.members

    async def _read(self) -> None:
        try:
            async with self.groups.subscribe(self.channel) as messages:
                self.ready.set_result(None)
                async for message in messages:
                    item = self.build(message)
                    if item is not None:
                        await self._deliver(item)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("a live group stopped reading %s", self.channel)
            self.groups.forget(self)
            if not self.ready.done():
                self.ready.set_exception(exc)
            for members in list(self.members.values()):
                for member in members:
                    if not member.ended.done():
                        member.ended.set_exception(exc)

    async def _deliver(self, item: Any) -> None:
        for members in list(self.members.values()):
            if not members:
                continue
            tail = ',"type":"next","payload":' + await _payload(members[0].executor, item) + "}"
            frames: dict[str, bytes] = {}  # by operation id: clients often all use "1"
            for member in list(members):
                if not member.sink.open():
                    continue
                frame = frames.get(member.head)
                if frame is None:
                    frame = frames[member.head] = member.sink.frame(member.head + tail)
                if member.sink.write(frame):
                    continue
                try:
                    await member.sink.send(member.head + tail)
                except Exception:  # a closing socket: its operation ends by itself
                    continue


async def _payload(executor: Any, item: Any) -> str:
    result = executor.build_per_event_executor(item).execute_operation(False)
    if executor.is_awaitable(result):
        result = await result
    assert isinstance(result, ExecutionResult)
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        for error in result.errors:
            log.error("a live event failed: %s", error.message, exc_info=error.original_error)
        body["errors"] = [{"message": MASKED, "extensions": {"code": "INTERNAL"}} for _ in result.errors]
    return json.dumps(body, separators=(",", ":"))


class Groups:
    """A process's live groups (``services.extras["live_groups"]``)."""

    def __init__(self, subscribe: Callable[[str], Any]) -> None:
        self.subscribe = subscribe
        self.groups: dict[Hashable, Group] = {}

    def forget(self, group: Group) -> None:
        if self.groups.get(group.name) is group:
            del self.groups[group.name]

    @contextlib.asynccontextmanager
    async def join(
        self, name: Hashable, channel: str, build: Callable[[dict[str, Any]], Any], member: Member
    ) -> AsyncIterator[None]:
        group = self.groups.get(name)
        if group is None:
            group = self.groups[name] = Group(self, name, channel, build)
        group.add(member)
        try:
            await asyncio.shield(group.ready)
            yield
        finally:
            if group.remove(member):
                self.forget(group)
                group.task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await group.task


async def stream(
    info: Any,
    channel: str,
    build: Callable[[dict[str, Any]], T | None],
    key: Callable[[T], Hashable],
    group: Hashable,
) -> AsyncGenerator[T, None]:
    """The items ``build`` makes of ``channel``'s messages (None skips one). ``group`` names what
    ``build`` depends on besides the message (e.g. the channel as this reader names it); ``key``
    names an item uniquely in the process."""
    ctx = info.context
    sink, executor = sink_var.get(), executor_var.get()
    selection = executor._operation_key() if executor is not None else None
    scope = viewer_scope(ctx)
    if sink is None or selection is None or scope is None:
        async with ctx.services.subscribe(channel) as messages:
            async for message in messages:
                item = build(message)
                if item is not None:
                    yield shared(item, key(item))
        return
    groups: Groups = ctx.services.extras.setdefault("live_groups", Groups(ctx.services.subscribe))
    member = Member(sink=sink, executor=executor, selection=(selection, scope))
    async with groups.join((channel, group), channel, build, member):
        await member.ended
    return
    yield  # an async generator that never yields here: its frames are written by the group
