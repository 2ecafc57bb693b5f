"""Progress from domain events, and unlocking: the durable consumer ``achievements`` calls ``count``.

Each event is counted once per player (an ``achievement_events`` row keyed by event and player), so
a re-read event changes nothing. A tier unlocks when its goal is reached and the precondition is
met; the ``(player, key, step)`` key of ``achievement_unlocks`` makes it unlock and pay once. The
reward comes from the faucet ``achievements`` through ``movement.move``; the unlock notifies the
player and appends ``achievement.unlocked`` (actor: the player; payload key, tier and the XP the
progression consumer gives in full, ``xp_reward``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue, Event, Transfer
from db.models.achievements import AchievementProgress, AchievementSeen, AchievementUnlock
from resolvers import admin, events, ledger, movement, notifications, retention
from resolvers.achievements import catalog
from resolvers.achievements.catalog import BEST, SUM, Achievement
from resolvers.clock import Clock
from resolvers.errors import ErrorCodes
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes("achievements_counting", uses=(movement.ERRORS,))
CONSUMER = "achievements"
FAUCET = ("system", admin.faucet("achievements"))
REWARD_PREFIX = "achievements.reward."
UNLOCKED = "achievement.unlocked"
events.live("wallet", UNLOCKED)


@dataclass(frozen=True)
class Reward:
    coin: int
    xp: int


@dataclass(frozen=True)
class _At:
    """What follows from an event is dated when the event happened."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


async def rewards(session: AsyncSession) -> dict[tuple[str, int], Reward]:
    """Every step's reward: the code's default, or an admin's ``achievements.reward.<key>.<step>`` row."""
    found = {
        (a.key, step): Reward(coin=a.coin[step - 1], xp=a.xp[step - 1])
        for a in catalog.CATALOG
        for step in range(1, len(a.goals) + 1)
    }
    rows = await session.execute(select(ConfigValue).where(col(ConfigValue.key).startswith(REWARD_PREFIX)))
    for row in rows.scalars():
        key, _, step = row.key.removeprefix(REWARD_PREFIX).rpartition(".")
        value = row.value if isinstance(row.value, dict) else {}
        coin, xp = _whole(value.get("coin")), _whole(value.get("xp"))
        if step.isdigit() and (key, int(step)) in found and coin is not None and xp is not None:
            found[(key, int(step))] = Reward(coin=coin, xp=xp)
    return found


def contributions(event: Event) -> dict[int, dict[str, int]]:
    """Per player, what one event adds to each achievement it concerns (nothing when it adds 0)."""
    out: dict[int, dict[str, int]] = {}
    for achievement in catalog.BY_KIND.get(event.kind, ()):
        for user_id, value in achievement.measure(event):
            if value > 0:
                mine = out.setdefault(user_id, {})
                mine[achievement.key] = max(mine.get(achievement.key, 0), value)
    return out


def advance(mode: str, current: int, value: int) -> int:
    if mode == BEST:
        return max(current, value)
    return current + (value if mode == SUM else 1)


_REWARDS_CACHE = "achievement_rewards"


async def count(session: AsyncSession, event: Event) -> None:
    """Counts one event for the players it concerns, then unlocks (and pays) what became due."""
    found = contributions(event)
    if not found:
        return
    clock = _At(event.created_at)
    for user_id, values in sorted(found.items()):
        claimed = await session.execute(
            insert_for(session, AchievementSeen)
            .values(event_id=event.id, user_id=user_id, created_at=clock.now())
            .on_conflict_do_nothing()
            .returning(col(AchievementSeen.event_id))
        )
        if claimed.scalar_one_or_none() is None:
            continue
        progress = await _progress(session, user_id)
        for key, value in sorted(values.items()):
            row = progress.get(key)
            if row is None:
                row = progress[key] = AchievementProgress(user_id=user_id, key=key, progress=0)
            row.progress = advance(catalog.BY_KEY[key].mode, row.progress, value)
            row.updated_at = clock.now()
            session.add(row)
        await session.flush()
        await _unlock_due(session, user_id, progress, event, clock)


async def _progress(session: AsyncSession, user_id: int) -> dict[str, AchievementProgress]:
    query = (
        select(AchievementProgress)
        .where(col(AchievementProgress.user_id) == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {r.key: r for r in (await session.execute(query)).scalars()}


async def unlocked_steps(session: AsyncSession, user_id: int) -> dict[str, int]:
    """Per achievement, how many of its steps the player unlocked."""
    rows = await session.execute(
        select(col(AchievementUnlock.key), col(AchievementUnlock.step)).where(
            col(AchievementUnlock.user_id) == user_id
        )
    )
    out: dict[str, int] = {}
    for key, step in rows.all():
        out[key] = max(out.get(key, 0), int(step))
    return out


def met(achievement: Achievement, steps: dict[str, int]) -> bool:
    return achievement.requires is None or steps.get(achievement.requires[0], 0) >= achievement.requires[1]


async def _unlock_due(
    session: AsyncSession, user_id: int, progress: dict[str, AchievementProgress], event: Event, clock: Clock
) -> None:
    steps = await unlocked_steps(session, user_id)
    pending = [catalog.BY_KEY[key] for key in sorted(progress)]
    while pending:
        achievement = pending.pop(0)
        row = progress.get(achievement.key)
        if row is None or not met(achievement, steps):
            continue
        done = steps.get(achievement.key, 0)
        for step in range(done + 1, len(achievement.goals) + 1):
            if row.progress < achievement.goals[step - 1]:
                break
            if await _unlock(session, user_id, achievement, step, event, clock):
                steps[achievement.key] = step
                pending.extend(catalog.DEPENDENTS.get(achievement.key, ()))


async def _unlock(
    session: AsyncSession, user_id: int, achievement: Achievement, step: int, event: Event, clock: Clock
) -> bool:
    cached = session.info.get(_REWARDS_CACHE)
    if cached is None:
        cached = session.info[_REWARDS_CACHE] = await rewards(session)
    reward = cached[(achievement.key, step)]
    claimed = await session.execute(
        insert_for(session, AchievementUnlock)
        .values(
            user_id=user_id,
            key=achievement.key,
            step=step,
            coin=reward.coin,
            xp=reward.xp,
            transfer_id=None,
            event_id=event.id,
            unlocked_at=clock.now(),
        )
        .on_conflict_do_nothing()
        .returning(col(AchievementUnlock.step))
    )
    if claimed.scalar_one_or_none() is None:
        return False
    tier = achievement.tier_name(step)
    data: dict[str, Any] = {"key": achievement.key, "tier": tier, "coin": reward.coin, "xp": reward.xp}
    title = achievement.title.en + (f" ({tier})" if tier else "")

    async def effects(transfers: list[Transfer]) -> Effects:
        if transfers:
            await session.execute(
                update(AchievementUnlock)
                .where(
                    col(AchievementUnlock.user_id) == user_id,
                    col(AchievementUnlock.key) == achievement.key,
                    col(AchievementUnlock.step) == step,
                )
                .values(transfer_id=transfers[0].id)
            )
        payload: dict[str, Any] = {"key": achievement.key, "tier": tier, "coin": reward.coin}
        if reward.xp:
            payload["xp_reward"] = reward.xp
        return Effects(
            events=[
                events.Spec(
                    kind=UNLOCKED,
                    actor_id=user_id,
                    subject=f"achievement:{achievement.key}",
                    audience=[user_id],
                    payload=payload,
                )
            ],
            notes=[
                notifications.Note(
                    user_id=user_id,
                    kind=UNLOCKED,
                    title=f"🏆 {title}",
                    body=f"{title}: +{reward.coin} {ledger.DEFAULT_CURRENCY}, +{reward.xp} XP.",
                    data=data,
                )
            ],
            audit=Audit(action="achievement.unlock", subject=f"user:{user_id}", data=data),
        )

    legs = (
        [
            ledger.Leg(
                debit=FAUCET,
                credit=("user", user_id),
                asset=ledger.DEFAULT_CURRENCY,
                amount=reward.coin,
                kind="achievement",
                ref=f"achievement:{achievement.key}:{step}",
                memo=f"Achievement: {title}",
            )
        ]
        if reward.coin > 0
        else []
    )
    await movement.move(
        session,
        movement.Movement(operation="achievements.unlock", actor_id=None, legs=legs),
        clock=clock,
        effects=effects,
    )
    return True


@retention.rule("achievements.events", keep=timedelta(days=120))
async def _prune_seen(session: AsyncSession, cutoff: datetime) -> int:
    """Events counted long ago (the events themselves are pruned after 90 days once read)."""
    result = await session.execute(delete(AchievementSeen).where(col(AchievementSeen.created_at) < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
