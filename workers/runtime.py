"""What a job needs, built once per worker process (or once for the in-process workers)."""

from __future__ import annotations

from dataclasses import dataclass

from db.engine import Database
from resolvers.clock import Clock, SystemClock
from server.settings import Settings, load_settings


@dataclass
class Runtime:
    settings: Settings
    db: Database
    clock: Clock


_runtime: Runtime | None = None


def configure(settings: Settings, *, clock: Clock | None = None) -> None:
    global _runtime
    _runtime = Runtime(settings=settings, db=Database(settings.database_url), clock=clock or SystemClock())


def get() -> Runtime:
    global _runtime
    if _runtime is None:
        configure(load_settings())
    assert _runtime is not None
    return _runtime
