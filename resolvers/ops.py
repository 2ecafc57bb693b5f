"""Operations an admin runs on the deployment itself: moving the shared clock, and the record of
periodic job runs (one configuration row per job, written by whichever process ran it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue
from resolvers import audit
from resolvers.clock import OFFSET_KEY, Clock, MovableClock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("ops", "CLOCK_NOT_MANUAL", "INVALID_SECONDS", "UNKNOWN_JOB", "JOB_FAILED")
MAX_ADVANCE = 10 * 366 * 24 * 3600  # ten years in one call
JOB_RUN_PREFIX = "job.last_run:"


async def advance_clock(session: AsyncSession, *, clock: Clock, seconds: int, actor_id: int | None) -> float:
    """Moves the deployment's clock forward by ``seconds``; returns the new offset. Each process
    (this one included) picks it up when it next refreshes its clock, after this commits."""
    if not isinstance(clock, MovableClock):
        raise DomainError(
            "CLOCK_NOT_MANUAL", "The clock moves only when the deployment runs with LUCAS_CLOCK=manual."
        )
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 1 <= seconds <= MAX_ADVANCE:
        raise DomainError(
            "INVALID_SECONDS",
            f"Advance by 1 to {MAX_ADVANCE} whole seconds (the clock never goes back).",
            "seconds",
        )
    row = (
        await session.execute(select(ConfigValue).where(col(ConfigValue.key) == OFFSET_KEY).with_for_update())
    ).scalar_one_or_none()
    before = clock.now()
    if row is None:
        row = ConfigValue(key=OFFSET_KEY, value=0)
        session.add(row)
    previous = row.value if isinstance(row.value, int | float) else 0
    offset = previous + seconds
    row.value = offset
    row.updated_at = before
    await session.flush()
    await audit.append(
        session,
        action="admin.clock_advance",
        clock=clock,
        actor_id=actor_id,
        subject="clock",
        data={
            "seconds": seconds,
            "offset_seconds": offset,
            "from": before.isoformat(),
            "to": (before + timedelta(seconds=offset - previous)).isoformat(),
        },
    )
    return float(offset)


async def record_run(session: AsyncSession, *, name: str, at: datetime, report: dict[str, Any]) -> None:
    stmt = insert_for(session, ConfigValue).values(key=f"{JOB_RUN_PREFIX}{name}", value=report, updated_at=at)
    await session.execute(
        stmt.on_conflict_do_update(index_elements=["key"], set_={"value": report, "updated_at": at})
    )


async def last_runs(session: AsyncSession) -> dict[str, datetime]:
    rows = await session.execute(
        select(col(ConfigValue.key), col(ConfigValue.updated_at)).where(
            col(ConfigValue.key).startswith(JOB_RUN_PREFIX)
        )
    )
    return {key.removeprefix(JOB_RUN_PREFIX): at for key, at in rows.all()}


async def audit_job_run(
    session: AsyncSession,
    *,
    name: str,
    report: dict[str, Any] | None,
    error: str | None,
    actor_id: int | None,
    clock: Clock,
) -> None:
    await audit.append(
        session,
        action="admin.job_run",
        clock=clock,
        actor_id=actor_id,
        subject=f"job:{name}",
        data={"report": report, "error": error},
    )
