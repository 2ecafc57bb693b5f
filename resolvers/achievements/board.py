"""What a player sees of the achievements (progress, tiers, hidden ones), the ones they feature on
their profile (at most five, unlocked ones only), and the rewards admins tune."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue, User
from db.models.achievements import AchievementFeatured, AchievementProgress, AchievementUnlock
from resolvers import audit
from resolvers.achievements import catalog, counting
from resolvers.achievements.catalog import Achievement, Text
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes(
    "achievements",
    "UNKNOWN_ACHIEVEMENT",
    "NOT_UNLOCKED",
    "TOO_MANY_FEATURED",
    "DUPLICATE_ACHIEVEMENT",
    "INVALID_STEP",
    "INVALID_REWARD",
)
MAX_FEATURED = 5
MAX_REWARD = 1_000_000
HIDDEN_TITLE = Text("Hidden achievement", "Скрытое достижение")
HIDDEN_DESCRIPTION = Text("Keep playing to find out.", "Играйте дальше, чтобы узнать.")


@dataclass(frozen=True, kw_only=True)
class TierView:
    step: int
    name: str | None
    goal: int
    coin: int
    xp: int
    unlocked_at: datetime | None


@dataclass(frozen=True, kw_only=True)
class Requirement:
    key: str
    title: str
    tier: str | None
    met: bool


@dataclass(frozen=True, kw_only=True)
class View:
    key: str
    title: str
    description: str
    hidden: bool
    revealed: bool
    progress: int
    goal: int | None
    steps_unlocked: int
    tier: str | None
    tiers: list[TierView]
    requires: Requirement | None
    unlocked_at: datetime | None
    featured: bool

    @property
    def unlocked(self) -> bool:
        return self.steps_unlocked > 0

    @property
    def next_tier(self) -> TierView | None:
        return next((t for t in self.tiers if t.unlocked_at is None), None)


def _view(
    a: Achievement,
    *,
    language: str,
    progress: int,
    unlocks: dict[int, datetime],
    steps: dict[str, int],
    rewards: dict[tuple[str, int], counting.Reward],
    featured: set[str],
) -> View:
    done = steps.get(a.key, 0)
    revealed = not a.hidden or done > 0
    goal = a.goals[min(done, len(a.goals) - 1)]
    tiers = [
        TierView(
            step=step,
            name=a.tier_name(step),
            goal=a.goals[step - 1],
            coin=rewards[(a.key, step)].coin,
            xp=rewards[(a.key, step)].xp,
            unlocked_at=unlocks.get(step),
        )
        for step in range(1, len(a.goals) + 1)
    ]
    requires = None
    if a.requires is not None:
        needed = catalog.BY_KEY[a.requires[0]]
        requires = Requirement(
            key=needed.key,
            title=needed.title.get(language) if not needed.hidden else HIDDEN_TITLE.get(language),
            tier=needed.tier_name(a.requires[1]),
            met=counting.met(a, steps),
        )
    return View(
        key=a.key,
        title=a.title.get(language) if revealed else HIDDEN_TITLE.get(language),
        description=a.describe(language, goal) if revealed else HIDDEN_DESCRIPTION.get(language),
        hidden=a.hidden,
        revealed=revealed,
        progress=progress,
        goal=goal if revealed else None,
        steps_unlocked=done,
        tier=a.tier_name(done) if done else None,
        tiers=tiers if revealed else [],
        requires=requires,
        unlocked_at=unlocks.get(1),
        featured=a.key in featured,
    )


async def views(session: AsyncSession, *, user_id: int, language: str) -> list[View]:
    """Every achievement as the player sees it, in the catalog's order."""
    progress = {
        r.key: r.progress
        for r in (
            await session.execute(
                select(AchievementProgress).where(col(AchievementProgress.user_id) == user_id)
            )
        ).scalars()
    }
    unlocks: dict[str, dict[int, datetime]] = {}
    rows = await session.execute(select(AchievementUnlock).where(col(AchievementUnlock.user_id) == user_id))
    for u in rows.scalars():
        unlocks.setdefault(u.key, {})[u.step] = u.unlocked_at
    steps = {key: max(found) for key, found in unlocks.items()}
    featured = set(await featured_keys(session, user_id))
    rewards = await counting.rewards(session)
    return [
        _view(
            a,
            language=language,
            progress=progress.get(a.key, 0),
            unlocks=unlocks.get(a.key, {}),
            steps=steps,
            rewards=rewards,
            featured=featured,
        )
        for a in catalog.CATALOG
    ]


async def language_of(session: AsyncSession, user_id: int, asked: str | None) -> str:
    """The language asked for, else the one the account keeps, else English."""
    if asked:
        return catalog.language_of(asked)
    stored = (await session.execute(select(col(User.language)).where(col(User.id) == user_id))).scalar()
    return catalog.language_of(stored)


async def featured_keys(session: AsyncSession, user_id: int) -> list[str]:
    rows = await session.execute(
        select(col(AchievementFeatured.key))
        .where(col(AchievementFeatured.user_id) == user_id)
        .order_by(col(AchievementFeatured.position))
    )
    return [str(k) for k in rows.scalars()]


async def featured_of(session: AsyncSession, *, username: str, language: str | None) -> list[View]:
    """The achievements a player features, in their order; nothing for an unknown player."""
    user = (
        await session.execute(
            select(User).where(col(User.username_lower) == (username or "").strip().lower())
        )
    ).scalar_one_or_none()
    if user is None or user.id is None:
        return []
    keys = await featured_keys(session, user.id)
    if not keys:
        return []
    shown = {v.key: v for v in await views(session, user_id=user.id, language=catalog.language_of(language))}
    return [shown[k] for k in keys if k in shown and shown[k].unlocked]


async def feature(
    session: AsyncSession, *, actor_id: int, keys: list[str], language: str | None, clock: Clock
) -> list[View]:
    """Replaces the player's featured achievements (at most five, unlocked ones, no repeats)."""
    if len(keys) > MAX_FEATURED:
        raise DomainError("TOO_MANY_FEATURED", f"Feature at most {MAX_FEATURED} achievements.", "keys")
    if len(set(keys)) != len(keys):
        raise DomainError("DUPLICATE_ACHIEVEMENT", "Each achievement may be featured once.", "keys")
    unknown = [k for k in keys if k not in catalog.BY_KEY]
    if unknown:
        raise DomainError("UNKNOWN_ACHIEVEMENT", f"There is no achievement {unknown[0]!r}.", "keys")
    steps = await counting.unlocked_steps(session, actor_id)
    locked = [k for k in keys if steps.get(k, 0) == 0]
    if locked:
        raise DomainError(
            "NOT_UNLOCKED", f"Only unlocked achievements can be featured ({locked[0]!r}).", "keys"
        )
    for position, key in enumerate(keys):
        stmt = insert_for(session, AchievementFeatured).values(user_id=actor_id, position=position, key=key)
        await session.execute(
            stmt.on_conflict_do_update(index_elements=["user_id", "position"], set_={"key": key})
        )
    await session.execute(
        delete(AchievementFeatured).where(
            col(AchievementFeatured.user_id) == actor_id, col(AchievementFeatured.position) >= len(keys)
        )
    )
    await audit.append(
        session,
        action="achievements.feature",
        clock=clock,
        actor_id=actor_id,
        subject=f"user:{actor_id}",
        data={"keys": keys},
    )
    language = await language_of(session, actor_id, language)
    shown = {v.key: v for v in await views(session, user_id=actor_id, language=language)}
    return [shown[k] for k in keys]


async def set_reward(
    session: AsyncSession, *, actor_id: int, key: str, step: int, coin: int, xp: int, clock: Clock
) -> tuple[str, int, counting.Reward]:
    """An admin's reward for one step of an achievement (``achievements.reward.<key>.<step>``)."""
    found = catalog.BY_KEY.get(key)
    if found is None:
        raise DomainError("UNKNOWN_ACHIEVEMENT", f"There is no achievement {key!r}.", "key")
    if not 1 <= step <= len(found.goals):
        raise DomainError("INVALID_STEP", f"{key} has steps 1 to {len(found.goals)}.", "step")
    for name, amount in (("coin", coin), ("xp", xp)):
        if not 0 <= amount <= MAX_REWARD:
            raise DomainError("INVALID_REWARD", f"A reward is 0 to {MAX_REWARD}.", name)
    value: dict[str, Any] = {"coin": coin, "xp": xp}
    stmt = insert_for(session, ConfigValue).values(
        key=f"{counting.REWARD_PREFIX}{key}.{step}", value=value, updated_at=clock.now()
    )
    await session.execute(
        stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value, "updated_at": clock.now()})
    )
    await audit.append(
        session,
        action="achievements.reward",
        clock=clock,
        actor_id=actor_id,
        subject=f"achievement:{key}",
        data=value,
    )
    return key, step, counting.Reward(coin=coin, xp=xp)
