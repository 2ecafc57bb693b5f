"""The clan leaderboard: clans ranked by XP — all of it (ALL_TIME) or gained within the period
(days from 00:00 UTC, weeks from Monday, calendar months), summed from ``clan_xp_days``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.clans import Clan, ClanXpDay
from resolvers.clock import Clock
from resolvers.leaderboards import periods

MAX_FIRST = 100


@dataclass(frozen=True)
class ClanStanding:
    rank: int
    clan: Clan
    score: int


async def top(
    session: AsyncSession, *, period: str, first: int, clock: Clock, clan_id: int | None = None
) -> tuple[list[ClanStanding], ClanStanding | None]:
    """The best ``first`` clans (equal scores by clan id) and, for ``clan_id``, its own standing."""
    first = max(1, min(first, MAX_FIRST))
    span = periods.window(period, clock.now())
    if span is None:
        score: Any = col(Clan.xp)
        query: Any = select(Clan, score.label("score")).where(score > 0)
    else:
        summed = func.sum(col(ClanXpDay.xp))
        days = (
            select(col(ClanXpDay.clan_id).label("clan_id"), summed.label("score"))
            .where(col(ClanXpDay.day) >= span[0].date(), col(ClanXpDay.day) < span[1].date())
            .group_by(col(ClanXpDay.clan_id))
            .subquery()
        )
        score = days.c.score
        query = select(Clan, score.label("score")).join(days, days.c.clan_id == col(Clan.id)).where(score > 0)
    rows = await session.execute(query.order_by(score.desc(), col(Clan.id)).limit(first))
    entries = [ClanStanding(rank=i, clan=c, score=int(s)) for i, (c, s) in enumerate(rows.all(), start=1)]
    mine = next((e for e in entries if e.clan.id == clan_id), None)
    if clan_id is not None and mine is None:
        mine = await _standing(session, query, clan_id)
    return entries, mine


async def _standing(session: AsyncSession, query: Any, clan_id: int) -> ClanStanding | None:
    ranked = query.subquery()
    own = (await session.execute(select(ranked).where(ranked.c.id == clan_id))).first()
    if own is None:
        return None
    clan = await session.get(Clan, clan_id)
    ahead = await session.execute(
        select(func.count())
        .select_from(ranked)
        .where((ranked.c.score > own.score) | ((ranked.c.score == own.score) & (ranked.c.id < clan_id)))
    )
    assert clan is not None
    return ClanStanding(rank=int(ahead.scalar_one()) + 1, clan=clan, score=int(own.score))
