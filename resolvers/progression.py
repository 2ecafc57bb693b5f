"""Levels, XP and loyalty tiers, derived from the domain events other domains append.

XP is never sent by a client: the durable events consumer ``progression`` (``award``) reads every
event once and gives its player the XP its kind is worth (``XP_DEFAULTS``, or an admin's
``progression.xp.<kind>`` configuration row ``{"xp": n, "cap": m}``), at most ``cap`` XP per kind
and UTC day of the event, so nothing is farmed by repetition. A reward event (a quest or an
achievement completed) names its own XP in its payload (``{"xp_reward": n}``), given in full. Each
award is one ``xp_awards`` row keyed by (event, player): a re-read event awards nothing twice.

The level curve is published: going from level n to n + 1 costs ``round(100 · n^1.5)`` XP
(level 2 at 100 XP, 3 at 383, 4 at 903, 5 at 1,703, 10 at 11,106). A level-up notifies the
player and is an activity (``progression.level_up``).

Loyalty tiers come from lifetime engagement (XP plus ``CLAIM_POINTS`` per daily claim) and are
permanent (the best tier reached is kept). Perks: more gifts a day and a larger daily bonus.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue, Event
from db.models.progression import Progress, XpAward, XpDay
from resolvers import audit, events, notifications, retention
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("progression", "INVALID_KIND", "INVALID_XP", "INVALID_CAP")

CONSUMER = "progression"
RULE_PREFIX = "progression.xp."
MAX_LEVEL = 1000
MAX_XP_PER_EVENT = 100_000
CLAIM_POINTS = 50
CLAIM_KIND = "daily.claimed"
# A reward event (a quest, an achievement, a challenge) names its XP in its payload; it is not capped.
REWARD_KEY = "xp_reward"


@dataclass(frozen=True)
class XpRule:
    xp: int
    cap: int


XP_DEFAULTS: dict[str, XpRule] = {
    "wallet.transfer": XpRule(xp=5, cap=50),
    "shop.purchase": XpRule(xp=10, cap=100),
    "gift.sent": XpRule(xp=10, cap=50),
    "wallet.credit": XpRule(xp=5, cap=100),
    CLAIM_KIND: XpRule(xp=20, cap=20),
}
# Kinds whose XP goes to the players the event concerns (its actor is a reviewer or the system).
FOR_AUDIENCE = frozenset({"wallet.credit"})


@dataclass(frozen=True)
class Tier:
    name: str
    engagement: int
    extra_gifts: int
    daily_bonus_percent: int


TIERS: tuple[Tier, ...] = (
    Tier("bronze", 0, 0, 0),
    Tier("silver", 2_000, 2, 10),
    Tier("gold", 10_000, 5, 25),
    Tier("platinum", 40_000, 10, 50),
)
TIER_RANK = {t.name: i for i, t in enumerate(TIERS)}


def step_cost(level: int) -> int:
    """XP to go from ``level`` to ``level + 1``."""
    return round(100 * level**1.5)


@cache
def _thresholds() -> tuple[int, ...]:
    """Total XP at which each level starts (index 0 is level 1)."""
    totals = [0]
    for n in range(1, MAX_LEVEL):
        totals.append(totals[-1] + step_cost(n))
    return tuple(totals)


def xp_for_level(level: int) -> int:
    """Total XP at which ``level`` starts."""
    return _thresholds()[max(1, min(level, MAX_LEVEL)) - 1]


def level_for(xp: int) -> int:
    low, high = 0, MAX_LEVEL - 1
    totals = _thresholds()
    while low < high:
        mid = (low + high + 1) // 2
        if totals[mid] <= xp:
            low = mid
        else:
            high = mid - 1
    return low + 1


def engagement(xp: int, claims: int) -> int:
    return xp + CLAIM_POINTS * claims


def tier_for(points: int) -> Tier:
    return [t for t in TIERS if t.engagement <= points][-1]


def tier_named(name: str) -> Tier:
    return TIERS[TIER_RANK.get(name, 0)]


@dataclass(frozen=True, kw_only=True)
class Standing:
    """What a player's page shows: level, XP within it, the loyalty tier and the next one."""

    user_id: int
    xp: int
    level: int
    claims: int
    tier: Tier
    engagement: int
    level_start: int
    next_level_at: int
    next_tier: Tier | None


def standing_of(user_id: int, row: Progress | None) -> Standing:
    xp, claims = (row.xp, row.claims) if row is not None else (0, 0)
    level = level_for(xp)
    tier = tier_named(row.tier) if row is not None else TIERS[0]
    rank = TIER_RANK[tier.name]
    return Standing(
        user_id=user_id,
        xp=xp,
        level=level,
        claims=claims,
        tier=tier,
        engagement=engagement(xp, claims),
        level_start=xp_for_level(level),
        next_level_at=xp_for_level(level + 1),
        next_tier=TIERS[rank + 1] if rank + 1 < len(TIERS) else None,
    )


async def standing(session: AsyncSession, user_id: int) -> Standing:
    return standing_of(user_id, await session.get(Progress, user_id))


async def tier_of(session: AsyncSession, user_id: int) -> Tier:
    row = await session.get(Progress, user_id)
    return tier_named(row.tier) if row is not None else TIERS[0]


async def extra_gifts(session: AsyncSession, user_id: int) -> int:
    """The loyalty perk the gifts domain adds to its daily limit."""
    return (await tier_of(session, user_id)).extra_gifts


# --- XP rules (admin-set) -------------------------------------------------------------------


async def rules(session: AsyncSession) -> dict[str, XpRule]:
    found = dict(XP_DEFAULTS)
    rows = await session.execute(select(ConfigValue).where(col(ConfigValue.key).startswith(RULE_PREFIX)))
    for row in rows.scalars():
        parsed = _parse_rule(row.value)
        if parsed is not None:
            found[row.key.removeprefix(RULE_PREFIX)] = parsed
    return found


def _parse_rule(value: Any) -> XpRule | None:
    if not isinstance(value, dict):
        return None
    xp, cap = value.get("xp"), value.get("cap")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (xp, cap)):
        return None
    return XpRule(xp=int(xp), cap=int(cap))  # type: ignore[arg-type]


async def set_rule(
    session: AsyncSession, *, actor_id: int, kind: str, xp: int, daily_cap: int, clock: Clock
) -> tuple[str, XpRule]:
    kind = (kind or "").strip()
    if not kind or len(kind) > 64 or not all(c.isalnum() or c in "._-" for c in kind):
        raise DomainError("INVALID_KIND", "An event kind is 1 to 64 letters, digits, dots or dashes.", "kind")
    if not 0 <= xp <= MAX_XP_PER_EVENT:
        raise DomainError("INVALID_XP", f"XP per event is 0 to {MAX_XP_PER_EVENT}.", "xp")
    if not 0 <= daily_cap <= MAX_XP_PER_EVENT * 100:
        raise DomainError("INVALID_CAP", "The daily cap is 0 or more, and not absurdly large.", "daily_cap")
    value = {"xp": xp, "cap": daily_cap}
    stmt = insert_for(session, ConfigValue).values(
        key=RULE_PREFIX + kind, value=value, updated_at=clock.now()
    )
    await session.execute(
        stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value, "updated_at": clock.now()})
    )
    await audit.append(
        session,
        action="progression.xp_rule",
        clock=clock,
        actor_id=actor_id,
        subject=f"xp:{kind}",
        data=value,
    )
    return kind, XpRule(xp=xp, cap=daily_cap)


# --- the consumer ---------------------------------------------------------------------------

_RULES_CACHE = "progression_rules"


@dataclass(frozen=True)
class _At:
    """The consumer's clock: what follows from an event is dated when the event happened."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


async def award(session: AsyncSession, event: Event) -> None:
    """Gives the XP one event is worth (idempotent per event and player); the ``progression``
    consumer calls it for every event, in the relay's transaction."""
    clock = _At(event.created_at)
    cached = session.info.get(_RULES_CACHE)
    if cached is None:
        cached = session.info[_RULES_CACHE] = await rules(session)
    rule = cached.get(event.kind)
    claims = 1 if event.kind == CLAIM_KIND else 0
    reward = reward_xp(event.payload)
    if (rule is None or rule.xp <= 0) and not claims and not reward:
        return
    if event.kind in FOR_AUDIENCE or event.actor_id is None:
        players = list(event.audience)
    else:
        players = [event.actor_id]
    day = event.created_at.date()
    for user_id in players:
        capped = await _within_cap(session, user_id, day, event.kind, rule) if rule is not None else 0
        gained = capped + reward
        inserted = await session.execute(
            insert_for(session, XpAward)
            .values(event_id=event.id, user_id=user_id, kind=event.kind, xp=gained, created_at=clock.now())
            .on_conflict_do_nothing()
            .returning(col(XpAward.event_id))
        )
        if inserted.scalar_one_or_none() is None:
            continue
        if rule is not None:
            await _count_day(session, user_id, day, event.kind, capped)
        if gained or claims:
            await _add(session, user_id, gained, claims, clock=clock)


def reward_xp(payload: Any) -> int:
    """The uncapped XP a reward event carries (``{"xp_reward": n}``), 0 when it carries none."""
    value = payload.get(REWARD_KEY) if isinstance(payload, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_XP_PER_EVENT:
        return value
    return 0


async def _within_cap(session: AsyncSession, user_id: int, day: date, kind: str, rule: XpRule) -> int:
    used = (
        await session.execute(
            select(col(XpDay.xp)).where(
                col(XpDay.user_id) == user_id, col(XpDay.day) == day, col(XpDay.kind) == kind
            )
        )
    ).scalar_one_or_none()
    return max(0, min(rule.xp, rule.cap - (used or 0)))


async def _count_day(session: AsyncSession, user_id: int, day: date, kind: str, gained: int) -> None:
    stmt = insert_for(session, XpDay).values(user_id=user_id, day=day, kind=kind, xp=gained, count=1)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["user_id", "day", "kind"],
            set_={"xp": col(XpDay.xp) + gained, "count": col(XpDay.count) + 1},
        )
    )


async def _add(session: AsyncSession, user_id: int, xp: int, claims: int, *, clock: Clock) -> None:
    row = (
        await session.execute(
            select(Progress)
            .where(col(Progress.user_id) == user_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one_or_none()
    if row is None:
        row = Progress(user_id=user_id, xp=0, level=1, claims=0, tier=TIERS[0].name, updated_at=clock.now())
        session.add(row)
    old_level, old_tier = row.level, tier_named(row.tier)
    row.xp += xp
    row.claims += claims
    row.level = max(old_level, level_for(row.xp))
    reached = tier_for(engagement(row.xp, row.claims))
    if TIER_RANK[reached.name] > TIER_RANK[old_tier.name]:
        row.tier = reached.name
    row.updated_at = clock.now()
    await session.flush()
    notes: list[notifications.Note] = []
    specs: list[events.Spec] = []
    if row.level > old_level:
        notes.append(
            notifications.Note(
                user_id=user_id,
                kind="progression.level_up",
                title=f"⭐ Level {row.level}",
                body=f"You reached level {row.level}.",
                data={"level": row.level, "xp": row.xp},
            )
        )
        specs.append(
            events.Spec(
                kind="progression.level_up",
                actor_id=user_id,
                subject=f"user:{user_id}",
                audience=[user_id],
                payload={"level": row.level, "from_level": old_level},
            )
        )
    if row.tier != old_tier.name:
        notes.append(
            notifications.Note(
                user_id=user_id,
                kind="progression.tier_up",
                title=f"🏅 {row.tier.capitalize()}",
                body=f"Your loyalty tier is now {row.tier}.",
                data={"tier": row.tier},
            )
        )
        specs.append(
            events.Spec(
                kind="progression.tier_up",
                actor_id=user_id,
                subject=f"user:{user_id}",
                audience=[user_id],
                payload={"tier": row.tier},
            )
        )
    if notes:
        created = await notifications.create_many(session, notes, clock=clock)
        await events.append_many(session, [*specs, *created], clock=clock)


async def awards_of(session: AsyncSession, *, user_id: int, after: int | None, limit: int) -> list[XpAward]:
    """The player's XP awards, newest first (``limit + 1`` rows for paging)."""
    query = select(XpAward).where(col(XpAward.user_id) == user_id)
    if after is not None:
        query = query.where(col(XpAward.event_id) < after)
    rows = await session.execute(query.order_by(col(XpAward.event_id).desc()).limit(limit + 1))
    return list(rows.scalars().all())


async def earned_today(session: AsyncSession, *, user_id: int, clock: Clock) -> dict[str, int]:
    rows = await session.execute(
        select(XpDay).where(col(XpDay.user_id) == user_id, col(XpDay.day) == clock.now().date())
    )
    return {r.kind: r.xp for r in rows.scalars()}


@retention.rule("progression.xp_awards", keep=timedelta(days=90))
async def _prune_awards(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(delete(XpAward).where(col(XpAward.created_at) < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@retention.rule("progression.xp_days", keep=timedelta(days=30))
async def _prune_days(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(delete(XpDay).where(col(XpDay.day) < cutoff.date()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
