from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from strawberry.types import Info as StrawberryInfo

from dataloaders import Loaders
from db.engine import Database
from db.models import Event
from resolvers.accounts.auth import TokenPolicy
from resolvers.actor import ANONYMOUS, Actor
from resolvers.clock import Clock


class Jobs(Protocol):
    """The periodic jobs, as the server offers them to admins (``adminJobs``, ``adminJobRun``)."""

    def schedules(self) -> dict[str, str]: ...

    async def run(self, name: str) -> dict[str, Any]: ...


@dataclass(kw_only=True)
class Services:
    """What every request shares: built once per process by the server."""

    db: Database
    clock: Clock
    token_policy: TokenPolicy
    publish: Callable[[list[Event]], Awaitable[None]]
    subscribe: Callable[[str], Any]
    enqueue: Callable[[str, dict[str, Any]], Awaitable[None]]
    jobs: Jobs | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Context:
    services: Services
    actor: Actor = ANONYMOUS
    loaders: Loaders
    request: Any = None
    response: Any = None
    connection_params: dict[str, Any] | None = None

    @property
    def db(self) -> Database:
        return self.services.db

    @property
    def clock(self) -> Clock:
        return self.services.clock


Info = StrawberryInfo[Context, None]
