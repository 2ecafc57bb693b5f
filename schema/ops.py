"""Operating the deployment: the movable clock (``LUCAS_CLOCK=manual``) and the periodic jobs,
which an admin can list and run now (in this server process)."""

from __future__ import annotations

import logging
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from resolvers import ops
from resolvers.clock import MovableClock
from resolvers.errors import DomainError
from schema.core.context import Info, Jobs
from schema.core.errors import error_codes, to_error
from schema.core.mutations import in_transaction, mutate
from schema.core.permissions import IsAdmin
from schema.core.scalars import JSON

log = logging.getLogger("lucas.ops")

OpsErrorCode = error_codes("Ops", ops.ERRORS)


@strawberry.type
class OpsError:
    code: Enum = strawberry.field(graphql_type=OpsErrorCode)
    field: str | None
    message: str


@strawberry.input
class AdminClockAdvanceInput:
    seconds: int = strawberry.field(description="How far forward, in seconds (1 to ten years).")


@strawberry.type
class AdminClockAdvancePayload:
    now: datetime | None = strawberry.field(default=None, description="The platform's time after the move.")
    errors: list[OpsError] = strawberry.field(default_factory=list)


@strawberry.input
class AdminJobRunInput:
    name: str


@strawberry.type
class AdminJobRunPayload:
    name: str | None = None
    report: JSON | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="What the job did (counts), as the job reports it."
    )
    errors: list[OpsError] = strawberry.field(default_factory=list)


@strawberry.type
class JobInfo:
    name: str
    schedule: str = strawberry.field(description='How often it runs, e.g. "every 3600 s", or "on demand".')
    last_run_at: datetime | None = strawberry.field(description="When it last ran, in any process.")


def _jobs(info: Info) -> Jobs:
    jobs = info.context.services.jobs
    assert jobs is not None, "the server offers its jobs (server.jobs)"
    return jobs


def _error(exc: DomainError) -> OpsError:
    return to_error(OpsError, exc)


@strawberry.type
class OpsQuery:
    @strawberry.field(permission_classes=[IsAdmin], description="The jobs, their schedule and last run.")
    async def admin_jobs(self, info: Info) -> list[JobInfo]:
        schedules = _jobs(info).schedules()
        async with info.context.db.reader() as session:
            runs = await ops.last_runs(session)
        return [
            JobInfo(name=name, schedule=schedule, last_run_at=runs.get(name))
            for name, schedule in sorted(schedules.items())
        ]


@strawberry.type
class OpsMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Moves the clock of every process forward (only with LUCAS_CLOCK=manual).",
    )
    async def admin_clock_advance(
        self, info: Info, input: AdminClockAdvanceInput
    ) -> AdminClockAdvancePayload:
        ctx = info.context

        def moved(offset: float) -> AdminClockAdvancePayload:
            # this process at once; the others at their next request, job or scheduler turn
            if isinstance(ctx.clock, MovableClock):
                ctx.clock.offset_seconds = offset
            return AdminClockAdvancePayload(now=ctx.clock.now())

        return await mutate(
            info,
            AdminClockAdvancePayload,
            lambda s: ops.advance_clock(
                s, clock=ctx.clock, seconds=input.seconds, actor_id=ctx.actor.user_id
            ),
            moved,
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Runs a periodic job now, in this process, and says what it did.",
    )
    async def admin_job_run(self, info: Info, input: AdminJobRunInput) -> AdminJobRunPayload:
        ctx = info.context
        jobs = _jobs(info)
        name = input.name.strip()
        if name not in jobs.schedules():
            return AdminJobRunPayload(
                name=name,
                errors=[_error(DomainError("UNKNOWN_JOB", f"No periodic job is named {name!r}.", "name"))],
            )
        report: dict[str, Any] | None = None
        failure: str | None = None
        try:
            report = await jobs.run(name)
        except Exception as exc:
            log.exception("job %s failed when run by an admin", name)
            failure = f"{type(exc).__name__}: {exc}"[:500]
        await in_transaction(
            ctx,
            lambda s: ops.audit_job_run(
                s, name=name, report=report, error=failure, actor_id=ctx.actor.user_id, clock=ctx.clock
            ),
        )
        if failure is not None:
            return AdminJobRunPayload(
                name=name, errors=[_error(DomainError("JOB_FAILED", f"The job failed: {failure}", None))]
            )
        return AdminJobRunPayload(name=name, report=report)


ROOTS = (OpsQuery, OpsMutation)
