"""Challenges: 3 daily, 5 weekly and 3 monthly per player, chosen from what they do, counted from
domain events (``progress``), paid once on completion, expired when their period ends (``reset``).

Periods end at 00:00 UTC (weeks on Monday, months on the 1st). A player's set for a period is
assigned on first need (reading it, an event of theirs, or the ``challenge_reset`` job) and never
changes afterwards (``catalog`` explains the choice)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, or_, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

import resolvers.challenges.texts  # noqa: F401  (defines this domain's notification texts)
from db.models.challenges import Challenge, ChallengeEvent, ChallengeStreak
from resolvers import retention
from resolvers.challenges import assign, catalog, progress
from resolvers.challenges.catalog import ACTIVE, EXPIRED, PERIODS
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("challenges", "UNKNOWN_PERIOD", uses=(progress.ERRORS,))
CONSUMER = progress.CONSUMER
# Players whose challenges the reset job renews: those who had any in the last ``RECENT``.
RECENT = timedelta(days=35)


def check_period(period: str | None) -> str | None:
    if period is not None and period not in PERIODS:
        raise DomainError("UNKNOWN_PERIOD", "A period is DAILY, WEEKLY or MONTHLY.", "period")
    return period


async def current(
    session: AsyncSession, *, user_id: int, clock: Clock, period: str | None = None
) -> list[Challenge]:
    """The player's challenges of the running periods (assigned now when missing), daily first."""
    check_period(period)
    now = clock.now()
    found: list[Challenge] = []
    for each in PERIODS:
        if period is None or each == period:
            rows, _ = await assign.ensure(
                session, user_id, each, catalog.period_start(each, now.date()), now=now
            )
            found += rows
    return found


@dataclass(frozen=True, kw_only=True)
class Streak:
    period: str
    current: int
    best: int
    last_start: date | None
    next_milestone: int | None
    next_bonus: int | None


def alive(row: ChallengeStreak | None, period: str, today: date) -> int:
    """The streak as it stands: kept while this period or the one before was fully done."""
    if row is None or row.last_start is None:
        return 0
    start = catalog.period_start(period, today)
    return row.current if row.last_start in (start, catalog.previous_start(period, start)) else 0


async def streak(session: AsyncSession, *, user_id: int, period: str, clock: Clock) -> Streak:
    check_period(period)
    row = await session.get(ChallengeStreak, (user_id, period))
    now = alive(row, period, clock.now().date())
    milestones = catalog.MILESTONES[period]
    nxt = min((m for m in milestones if m > now), default=None)
    return Streak(
        period=period,
        current=now,
        best=row.best if row is not None else 0,
        last_start=row.last_start if row is not None else None,
        next_milestone=nxt,
        next_bonus=milestones[nxt] if nxt is not None else None,
    )


async def reset(session: AsyncSession, *, clock: Clock) -> dict[str, int]:
    """The reset job's reconciler: expires the unfinished challenges of ended periods, breaks the
    streaks that can no longer continue, and assigns the running periods' challenges to the
    players who recently had some. A repeated run changes nothing."""
    now = clock.now()
    expired = await session.execute(
        update(Challenge)
        .where(col(Challenge.status) == ACTIVE, col(Challenge.expires_at) <= now)
        .values(status=EXPIRED)
        .execution_options(synchronize_session=False)
    )
    broken = 0
    for period in PERIODS:
        start = catalog.period_start(period, now.date())
        result = await session.execute(
            update(ChallengeStreak)
            .where(
                col(ChallengeStreak.period) == period,
                col(ChallengeStreak.current) > 0,
                or_(
                    col(ChallengeStreak.last_start).is_(None),
                    col(ChallengeStreak.last_start) < catalog.previous_start(period, start),
                ),
            )
            .values(current=0, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        broken += int(result.rowcount or 0)  # type: ignore[attr-defined]
    players = (
        await session.execute(
            select(col(Challenge.user_id)).where(col(Challenge.created_at) >= now - RECENT).distinct()
        )
    ).scalars()
    assigned = 0
    for user_id in sorted(set(players)):
        _, made = await assign.ensure_current(session, user_id, now=now)
        assigned += made
    return {
        "expired": int(expired.rowcount or 0),  # type: ignore[attr-defined]
        "streaks_reset": broken,
        "assigned": assigned,
    }


@retention.rule("challenges.events", keep=timedelta(days=45))
async def _prune_counted(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(delete(ChallengeEvent).where(col(ChallengeEvent.created_at) < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@retention.rule("challenges.history", keep=timedelta(days=180))
async def _prune_history(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(
        delete(Challenge).where(and_(col(Challenge.expires_at) < cutoff, col(Challenge.status) != ACTIVE))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
