"""Clan XP and level from members' activity: the durable consumer ``clans`` reads every domain
event; an event by a clan member adds its points to the member's and the clan's XP (once per event),
and marks the member active. Levels and the perks they unlock are tables in code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Event
from db.models.clans import Clan, ClanMember, ClanXpDay, ClanXpEvent
from resolvers.clans import board, membership
from resolvers.clock import Clock

CONSUMER = "clans"
# Points an event by a member brings; any other event of another domain brings DEFAULT_POINTS.
POINTS: dict[str, int] = {
    "daily.claimed": 10,
    "shop.purchase": 5,
    "gift.sent": 5,
    "wallet.transfer": 2,
    "clan.contributed": 5,
}
DEFAULT_POINTS = 1
# The XP a clan needs for each level (level 1 at 0 XP).
LEVELS: tuple[int, ...] = (0, 100, 300, 600, 1000, 1500, 2100, 2800, 3600, 4500)
PERKS: dict[int, tuple[str, ...]] = {
    2: ("badge",),
    3: ("requests_inbox",),
    5: ("banner",),
    7: ("golden_name",),
    10: ("legend_frame",),
}
INACTIVE_AFTER = timedelta(days=30)


def level_of(xp: int) -> int:
    return sum(1 for need in LEVELS if xp >= need)


def perks_of(level: int) -> list[str]:
    return [perk for at, perks in sorted(PERKS.items()) if at <= level for perk in perks]


def next_level_xp(xp: int) -> int | None:
    return next((need for need in LEVELS if need > xp), None)


def points(event: Event) -> int:
    if event.kind in POINTS:
        return POINTS[event.kind]
    return 0 if event.kind.startswith("clan.") else DEFAULT_POINTS


async def count(session: AsyncSession, event: Event) -> None:
    """Counts one event (idempotent by event id)."""
    if event.actor_id is None:
        return
    gained = points(event)
    member = await session.get(ClanMember, event.actor_id)
    if member is None or gained <= 0:
        return
    inserted = await session.execute(
        insert_for(session, ClanXpEvent)
        .values(event_id=event.id, clan_id=member.clan_id)
        .on_conflict_do_nothing()
        .returning(col(ClanXpEvent.event_id))
    )
    if inserted.scalar_one_or_none() is None:
        return
    await gain(session, member.clan_id, gained, event.created_at)
    await session.execute(
        update(ClanMember)
        .where(col(ClanMember.user_id) == member.user_id)
        .values(xp=col(ClanMember.xp) + gained, active_at=event.created_at)
    )


async def hand_over_inactive(session: AsyncSession, *, clock: Clock) -> int:
    """Leaders inactive for 30 days hand the leadership to the member with the most XP (then the
    longest-standing); returns how many clans changed leader."""
    cutoff = clock.now() - INACTIVE_AFTER
    idle = await session.execute(
        select(ClanMember).where(
            col(ClanMember.role) == membership.LEADER, col(ClanMember.active_at) < cutoff
        )
    )
    changed = 0
    for leader in idle.scalars().all():
        best = await session.execute(
            select(ClanMember)
            .where(
                col(ClanMember.clan_id) == leader.clan_id,
                col(ClanMember.user_id) != leader.user_id,
                col(ClanMember.active_at) >= cutoff,
            )
            .order_by(col(ClanMember.xp).desc(), col(ClanMember.joined_at), col(ClanMember.user_id))
            .limit(1)
        )
        heir = best.scalars().first()
        if heir is None:
            continue
        await membership.hand_over(
            session, clan_id=leader.clan_id, old=leader, new=heir, actor_id=None, clock=clock
        )
        changed += 1
    return changed


async def gain(session: AsyncSession, clan_id: int, points: int, moment: datetime) -> None:
    """Adds XP to a clan and to its day (the clan leaderboard's periods sum the days); the board's
    watchers hear of it after commit."""
    await session.execute(update(Clan).where(col(Clan.id) == clan_id).values(xp=col(Clan.xp) + points))
    stmt = insert_for(session, ClanXpDay).values(
        clan_id=clan_id, day=moment.astimezone(UTC).date(), xp=points
    )
    await session.execute(
        stmt.on_conflict_do_update(index_elements=["clan_id", "day"], set_={"xp": col(ClanXpDay.xp) + points})
    )
    board.changed(session, moment)
