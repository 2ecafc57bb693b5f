"""The clan leaderboard: clans ranked by XP — all of it (ALL_TIME) or gained within the period
(days from 00:00 UTC, weeks from Monday, calendar months), summed from ``clan_xp_days``. Past
periods are read by a moment within them; each clan shown carries its rank in the period before.
Every change of clan XP signals ``clan.board_changed`` on the public subject ``clan_board:xp``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db import pubsub
from db.models.clans import Clan, ClanXpDay
from resolvers import events
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.leaderboards import periods

ERRORS = ErrorCodes("clan_board", "FUTURE_PERIOD")
MAX_FIRST = 100
SUBJECT = "clan_board:xp"
CHANGED = "clan.board_changed"
_NOTED = "clan_board_changed"
pubsub.public_subjects("clan_board")


@dataclass(frozen=True)
class ClanStanding:
    rank: int
    clan: Clan
    score: int
    previous_rank: int | None = None


@dataclass(frozen=True)
class ClanBoard:
    period_key: str
    entries: list[ClanStanding]
    viewer: ClanStanding | None


@dataclass(frozen=True)
class _At:
    moment: datetime

    def now(self) -> datetime:
        return self.moment


def changed(session: AsyncSession, moment: datetime) -> None:
    """Says once per transaction that clan scores changed (published to watchers after commit)."""
    if session.info.get(_NOTED):
        return
    session.info[_NOTED] = True
    events.signal(session, kind=CHANGED, subject=SUBJECT, payload={}, clock=_At(moment))


def _scores(span: tuple[datetime, datetime] | None) -> Any:
    """(clan_id, score) of every clan with a positive score in the span (None: all time)."""
    if span is None:
        return (
            select(col(Clan.id).label("clan_id"), col(Clan.xp).label("score"))
            .where(col(Clan.xp) > 0)
            .subquery()
        )
    summed = func.sum(col(ClanXpDay.xp))
    return (
        select(col(ClanXpDay.clan_id).label("clan_id"), summed.label("score"))
        .where(col(ClanXpDay.day) >= span[0].date(), col(ClanXpDay.day) < span[1].date())
        .group_by(col(ClanXpDay.clan_id))
        .having(summed > 0)
        .subquery()
    )


async def top(
    session: AsyncSession,
    *,
    period: str,
    first: int,
    clock: Clock,
    clan_id: int | None = None,
    at: datetime | None = None,
) -> ClanBoard:
    """The best ``first`` clans (equal scores by clan id) of the period holding ``at`` (default now)
    and, for ``clan_id``, its own standing; a period that has not begun yet is refused."""
    first = max(1, min(first, MAX_FIRST))
    now = clock.now()
    when = now if at is None else periods.utc(at)
    span = periods.window(period, when)
    if (span[0] if span is not None else when) > now:
        raise DomainError("FUTURE_PERIOD", "That period has not begun yet.", "at")
    scores = _scores(span)
    rows = await session.execute(
        select(Clan, scores.c.score)
        .join(scores, scores.c.clan_id == col(Clan.id))
        .order_by(scores.c.score.desc(), col(Clan.id))
        .limit(first)
    )
    entries = [ClanStanding(rank=i, clan=c, score=int(s)) for i, (c, s) in enumerate(rows.all(), start=1)]
    mine = next((e for e in entries if e.clan.id == clan_id), None)
    if clan_id is not None and mine is None:
        mine = await _standing(session, scores, clan_id)
    before = periods.previous(period, when)
    if before is not None:
        shown = {int(e.clan.id or 0) for e in entries} | ({int(mine.clan.id or 0)} if mine else set())
        ranks = await _ranks(session, _scores(before), shown)
        entries = [replace(e, previous_rank=ranks.get(int(e.clan.id or 0))) for e in entries]
        mine = replace(mine, previous_rank=ranks.get(int(mine.clan.id or 0))) if mine else None
    return ClanBoard(periods.key(period, when), entries, mine)


async def _standing(session: AsyncSession, scores: Any, clan_id: int) -> ClanStanding | None:
    own = (await session.execute(select(scores.c.score).where(scores.c.clan_id == clan_id))).first()
    if own is None:
        return None
    ahead = await session.execute(
        select(func.count())
        .select_from(scores)
        .where((scores.c.score > own.score) | ((scores.c.score == own.score) & (scores.c.clan_id < clan_id)))
    )
    clan = await session.get(Clan, clan_id)
    assert clan is not None
    return ClanStanding(rank=int(ahead.scalar_one()) + 1, clan=clan, score=int(own.score))


async def _ranks(session: AsyncSession, scores: Any, clan_ids: set[int]) -> dict[int, int]:
    if not clan_ids:
        return {}
    ranked = select(
        scores.c.clan_id,
        func.row_number().over(order_by=(scores.c.score.desc(), scores.c.clan_id)).label("rank"),
    ).subquery()
    rows = await session.execute(
        select(ranked.c.clan_id, ranked.c.rank).where(ranked.c.clan_id.in_(sorted(clan_ids)))
    )
    return {int(c): int(r) for c, r in rows.all()}
