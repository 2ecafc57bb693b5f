"""Jobs, and Dramatiq wired for both modes: Redis broker for separate worker processes, or a stub
broker with worker threads inside ``lucas serve`` on the embedded default.

A job is declared where it is defined, with its schedule::

    @job("housekeeping", every=3600, max_retries=3, time_limit=300_000)
    async def housekeeping() -> dict[str, int]: ...

``every`` (seconds) makes it periodic (``lucas scheduler`` or the embedded scheduler enqueues it);
``at_start=False`` keeps a heavy job from running at every (re)start. Other options go to
Dramatiq's actor. A job returns a JSON-able report of what it did (counts). Every module of the
``workers`` package is imported by ``discover``, so a new job module needs no list.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware.asyncio import AsyncIO

from resolvers import ops
from resolvers.clock import refresh
from workers import runtime

log = logging.getLogger("lucas.workers")

Report = dict[str, Any]
JobFn = Callable[..., Awaitable[Report | None]]


@dataclass(frozen=True)
class Job:
    name: str
    fn: JobFn
    every: float | None = None
    at_start: bool = True
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def schedule(self) -> str:
        if self.every is None:
            return "on demand"
        seconds = f"{self.every:g}"
        return f"every {seconds} s" + ("" if self.at_start else ", not at start")


JOBS: dict[str, Job] = {}
_actors: dict[str, dramatiq.Actor[Any, Any]] = {}


def job(
    name: str, *, every: float | None = None, at_start: bool = True, **options: Any
) -> Callable[[JobFn], JobFn]:
    """Declare a job; it becomes a Dramatiq actor once the broker is configured."""
    if every is not None and every <= 0:
        raise ValueError(f"job {name!r}: every must be a positive number of seconds")

    def register(fn: JobFn) -> JobFn:
        JOBS[name] = Job(name=name, fn=fn, every=every, at_start=at_start, options=options)
        return fn

    return register


def discover(extra: Iterable[str] = ()) -> dict[str, Job]:
    """Imports every module of the ``workers`` package (and ``extra`` modules): their jobs register."""
    import workers

    for module in pkgutil.iter_modules(workers.__path__, "workers."):
        importlib.import_module(module.name)
    for name in extra:
        importlib.import_module(name)
    return JOBS


def periodic() -> dict[str, Job]:
    return {name: j for name, j in JOBS.items() if j.every is not None}


async def run(name: str, rt: runtime.Runtime | None = None, **kwargs: Any) -> Report:
    """Runs a job now in this process: the clock refreshed first, the run recorded afterwards."""
    spec = JOBS[name]
    rt = rt or runtime.get()
    with runtime.using(rt):
        await refresh(rt.clock, rt.db)
        report = dict(await spec.fn(**kwargs) or {})
        async with rt.db.transaction() as session:
            await ops.record_run(session, name=name, at=rt.clock.now(), report=report)
    if any(report.values()):
        log.info("%s: %s", name, report)
    return report


def _actor_fn(name: str) -> Callable[..., Awaitable[None]]:
    async def perform(**kwargs: Any) -> None:
        await run(name, **kwargs)

    perform.__name__ = perform.__qualname__ = name
    return perform


def configure(redis_url: str | None, *, extra_modules: Iterable[str] = ()) -> dramatiq.Broker:
    broker: dramatiq.Broker
    if redis_url:
        # RedisBroker.__init__ has no annotations (StubBroker's has).
        broker = RedisBroker(url=redis_url)  # type: ignore[no-untyped-call]
    else:
        broker = StubBroker(fail_fast_default=False)
    broker.add_middleware(AsyncIO())
    dramatiq.set_broker(broker)
    discover(extra_modules)
    _actors.clear()
    for name, spec in JOBS.items():
        # Options go to the decorator form: dramatiq's overloads only type ``actor(fn)`` bare.
        _actors[name] = dramatiq.actor(actor_name=name, broker=broker, **spec.options)(_actor_fn(name))
    return broker


def send(name: str, **kwargs: Any) -> None:
    _actors[name].send(**kwargs)


def configured() -> bool:
    return bool(_actors)
