"""Giving a player their challenges for a period: once, on first need (a read, an event, the reset
job), from their activity in the 30 days before the period; a race inserts nothing twice."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue, Event
from db.models.challenges import Challenge
from resolvers.challenges import catalog
from resolvers.challenges.catalog import ACTIVE, COUNTS, TRACKED


async def activity(session: AsyncSession, user_id: int, start: date) -> dict[str, int]:
    """How often the player did each challenge kind in the 30 days before ``start``."""
    until = catalog.midnight(start)
    rows = await session.execute(
        select(col(Event.kind), func.count())
        .where(
            col(Event.actor_id) == user_id,
            col(Event.kind).in_(sorted(TRACKED)),
            col(Event.created_at) >= until - catalog.WINDOW,
            col(Event.created_at) < until,
        )
        .group_by(col(Event.kind))
    )
    found: dict[str, int] = {}
    for kind, count in rows.all():
        for template in TRACKED.get(kind, ()):
            found[template] = found.get(template, 0) + int(count)
    return found


async def rewards(session: AsyncSession) -> dict[str, tuple[int, int]]:
    """The base (COIN, XP) per period: ``challenges.reward.<period>`` ({"coin": n, "xp": m}), or the
    default."""
    found = dict(catalog.REWARDS)
    keys = [f"challenges.reward.{p.lower()}" for p in catalog.PERIODS]
    rows = await session.execute(select(ConfigValue).where(col(ConfigValue.key).in_(keys)))
    for row in rows.scalars():
        value = row.value
        if isinstance(value, dict):
            coin, xp = value.get("coin"), value.get("xp")
            if all(
                isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 1_000_000 for v in (coin, xp)
            ):
                found[row.key.rsplit(".", 1)[1].upper()] = (int(coin), int(xp))  # type: ignore[arg-type]
    return found


async def of_period(session: AsyncSession, user_id: int, period: str, start: date) -> list[Challenge]:
    query = (
        select(Challenge)
        .where(
            col(Challenge.user_id) == user_id,
            col(Challenge.period) == period,
            col(Challenge.period_start) == start,
        )
        .order_by(col(Challenge.slot))
        .execution_options(populate_existing=True)
    )
    return list((await session.execute(query)).scalars().all())


async def ensure(
    session: AsyncSession, user_id: int, period: str, start: date, *, now: datetime
) -> tuple[list[Challenge], int]:
    """The player's challenges of one period, assigned now if they have none; and how many were new."""
    rows = await of_period(session, user_id, period, start)
    if len(rows) >= COUNTS[period]:
        return rows, 0
    picks = catalog.choose(user_id, period, start, await activity(session, user_id, start))
    base = (await rewards(session))[period]
    expires = catalog.midnight(catalog.period_end(period, start))
    values = []
    for slot, pick in enumerate(picks):
        coin, xp = catalog.reward_for(pick.template, period, pick.goal, base)
        values.append(
            {
                "user_id": user_id,
                "period": period,
                "period_start": start,
                "slot": slot,
                "kind": pick.template.kind,
                "goal": pick.goal,
                "progress": 0,
                "reward": coin,
                "xp_reward": xp,
                "status": ACTIVE,
                "expires_at": expires,
                "created_at": now,
            }
        )
    result = await session.execute(
        insert_for(session, Challenge).values(values).on_conflict_do_nothing().returning(col(Challenge.id))
    )
    made = len(result.scalars().all())
    return await of_period(session, user_id, period, start), made


async def ensure_current(
    session: AsyncSession, user_id: int, *, now: datetime
) -> tuple[list[Challenge], int]:
    """Every period's challenges as of ``now`` (daily, weekly, monthly)."""
    found: list[Challenge] = []
    made = 0
    for period in catalog.PERIODS:
        rows, new = await ensure(session, user_id, period, catalog.period_start(period, now.date()), now=now)
        found += rows
        made += new
    return found, made
