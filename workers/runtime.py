"""What a job needs, given by the process that runs it: ``lucas worker``, the in-process workers of
``lucas serve``, or the server itself for ``adminJobRun`` (``using``). Workers never read the
server's settings module: the caller hands over any object with the fields below."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models import Event
from resolvers import unit_of_work
from resolvers.clock import Clock, clock_for

T = TypeVar("T")
Publish = Callable[[list[Event]], Awaitable[None]]


class WorkerSettings(Protocol):
    @property
    def database_url(self) -> str: ...
    @property
    def data_dir(self) -> Path: ...
    @property
    def clock_mode(self) -> str: ...
    @property
    def telegram_token(self) -> str | None: ...
    @property
    def telegram_api_url(self) -> str: ...
    @property
    def job_modules(self) -> tuple[str, ...]: ...


async def _no_publisher(events: list[Event]) -> None:
    """Without pub/sub, committed events still reach durable consumers through the events table."""


@dataclass
class Runtime:
    settings: WorkerSettings
    db: Database
    clock: Clock
    publish: Publish = _no_publisher

    async def transaction(self, fn: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """One unit of work: commit, then publish its events to live subscribers."""
        return await unit_of_work.run(self.db, fn, publish=self.publish)


_runtime: Runtime | None = None
_current: ContextVar[Runtime | None] = ContextVar("lucas_job_runtime", default=None)


def configure(
    settings: WorkerSettings, *, clock: Clock | None = None, publish: Publish | None = None
) -> Runtime:
    """This process's runtime for the jobs Dramatiq runs."""
    global _runtime
    _runtime = Runtime(
        settings=settings,
        db=Database(settings.database_url),
        clock=clock or clock_for(settings.clock_mode),
        publish=publish or _no_publisher,
    )
    return _runtime


def get() -> Runtime:
    current = _current.get() or _runtime
    if current is None:
        raise RuntimeError("the job runtime is not configured: call workers.runtime.configure(settings)")
    return current


@contextlib.contextmanager
def using(rt: Runtime) -> Iterator[Runtime]:
    """Jobs called inside the block see ``rt`` (a job run by the server uses the server's)."""
    token = _current.set(rt)
    try:
        yield rt
    finally:
        _current.reset(token)
