"""The periodic jobs offered to admins: run in this server process, on its database and clock."""

from __future__ import annotations

from typing import Any

from workers import broker
from workers.runtime import Runtime


class ServerJobs:
    """``schema.core.context.Jobs`` over the workers' registry (on-demand jobs take arguments an
    admin does not give, so only the periodic ones are listed)."""

    def __init__(self, runtime: Runtime, modules: tuple[str, ...]) -> None:
        self.runtime = runtime
        self.modules = modules

    def schedules(self) -> dict[str, str]:
        broker.discover(self.modules)
        return {name: job.schedule for name, job in broker.periodic().items()}

    async def run(self, name: str) -> dict[str, Any]:
        return await broker.run(name, self.runtime)
