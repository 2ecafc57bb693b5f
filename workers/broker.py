"""Dramatiq, wired for both modes: Redis broker for separate worker processes, or a stub broker
with worker threads inside ``lucas serve`` on the embedded default."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware.asyncio import AsyncIO

JobFn = Callable[..., Awaitable[Any]]
JOBS: dict[str, tuple[JobFn, dict[str, Any]]] = {}
_actors: dict[str, dramatiq.Actor[Any, Any]] = {}


def job(name: str, **options: Any) -> Callable[[JobFn], JobFn]:
    """Declare a job; it becomes a Dramatiq actor once the broker is configured."""

    def register(fn: JobFn) -> JobFn:
        JOBS[name] = (fn, options)
        return fn

    return register


def configure(redis_url: str | None) -> dramatiq.Broker:
    broker: dramatiq.Broker
    if redis_url:
        # RedisBroker.__init__ has no annotations (StubBroker's has).
        broker = RedisBroker(url=redis_url)  # type: ignore[no-untyped-call]
    else:
        broker = StubBroker(fail_fast_default=False)
    broker.add_middleware(AsyncIO())
    dramatiq.set_broker(broker)
    import workers.jobs  # noqa: F401  (registers every job)

    _actors.clear()
    for name, (fn, options) in JOBS.items():
        # Options go to the decorator form: dramatiq's overloads only type ``actor(fn)`` bare.
        _actors[name] = dramatiq.actor(actor_name=name, broker=broker, **options)(fn)
    return broker


def send(name: str, **kwargs: Any) -> None:
    _actors[name].send(**kwargs)


def configured() -> bool:
    return bool(_actors)
