"""Counting: the durable consumer ``challenges`` reads every event once (a ``challenge_events`` row
per event and player), moves the matching challenges of the event's periods forward, and completes
a challenge the moment its progress reaches the goal: one conditional update, so it pays once.

A completion pays the challenge's COIN from the faucet ``challenges`` through the ledger, appends
``challenge.completed`` carrying ``{"xp_reward": n}`` (the progression consumer gives that XP) and
notifies the player. The last challenge of a period done grows that period's challenge streak; a
streak milestone pays its bonus in the same movement. An expired challenge never moves again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Event, Transfer
from db.models.challenges import Challenge, ChallengeEvent, ChallengeStreak
from resolvers import admin, events, ledger, movement, notifications
from resolvers.challenges import assign, catalog
from resolvers.challenges.catalog import ACTIVE, COMPLETED, TRACKED
from resolvers.errors import ErrorCodes
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes("challenges", uses=(movement.ERRORS,))
CONSUMER = "challenges"
_LATEST = "challenges_latest_event"
FAUCET = admin.faucet("challenges")
events.live("wallet", "challenge.completed")


@dataclass(frozen=True)
class At:
    """What follows from an event is dated when the event happened."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


async def count(session: AsyncSession, event: Event) -> int:
    """Counts one event for its actor (idempotent by event id); returns the challenges it moved."""
    kinds = TRACKED.get(event.kind)
    if not kinds or event.actor_id is None or event.id is None:
        return 0
    user_id = event.actor_id
    inserted = await session.execute(
        insert_for(session, ChallengeEvent)
        .values(event_id=event.id, user_id=user_id, created_at=event.created_at)
        .on_conflict_do_nothing()
        .returning(col(ChallengeEvent.event_id))
    )
    if inserted.scalar_one_or_none() is None:
        return 0
    moment = event.created_at
    latest = await _latest(session)
    moved = 0
    for period in catalog.PERIODS:
        start = catalog.period_start(period, moment.date())
        if catalog.midnight(catalog.period_end(period, start)) > latest:
            rows, _ = await assign.ensure(session, user_id, period, start, now=moment)
        else:
            rows = await assign.of_period(session, user_id, period, start)
        for row in rows:
            if row.kind in kinds and row.status == ACTIVE and moment < row.expires_at:
                moved += await _step(session, int(row.id or 0), moment)
    return moved


async def _latest(session: AsyncSession) -> datetime:
    """The newest event's time: a period over by then is assigned no more (reading old events, on a
    first start or after a lost offset, never hands out challenges of the past)."""
    cached = session.info.get(_LATEST)
    if isinstance(cached, datetime):
        return cached
    found = (await session.execute(select(func.max(col(Event.created_at))))).scalar_one()
    latest: datetime = found if found is not None else datetime.min.replace(tzinfo=UTC)
    session.info[_LATEST] = latest
    return latest


async def _step(session: AsyncSession, challenge_id: int, moment: datetime) -> int:
    stepped = await session.execute(
        update(Challenge)
        .where(
            col(Challenge.id) == challenge_id,
            col(Challenge.status) == ACTIVE,
            col(Challenge.progress) < col(Challenge.goal),
            col(Challenge.expires_at) > moment,
        )
        .values(progress=col(Challenge.progress) + 1)
        .returning(col(Challenge.progress), col(Challenge.goal))
        .execution_options(synchronize_session=False)
    )
    found = stepped.one_or_none()
    if found is None:
        return 0
    if found[0] >= found[1]:
        await complete(session, challenge_id, clock=At(moment))
    return 1


async def complete(session: AsyncSession, challenge_id: int, *, clock: At) -> bool:
    """Completes a challenge whose progress reached its goal (once: a conditional update) and pays it."""
    now = clock.now()
    done = await session.execute(
        update(Challenge)
        .where(
            col(Challenge.id) == challenge_id,
            col(Challenge.status) == ACTIVE,
            col(Challenge.progress) >= col(Challenge.goal),
            col(Challenge.expires_at) > now,
        )
        .values(status=COMPLETED, completed_at=now)
        .returning(
            col(Challenge.user_id),
            col(Challenge.period),
            col(Challenge.period_start),
            col(Challenge.kind),
            col(Challenge.goal),
            col(Challenge.reward),
            col(Challenge.xp_reward),
        )
        .execution_options(synchronize_session=False)
    )
    row = done.one_or_none()
    if row is None:
        return False
    user_id, period, start, kind, goal, reward, xp = row
    streak, milestone = await _streak_after(session, user_id, period, start, now)
    template = catalog.BY_KIND.get(kind)
    title = template.title(goal) if template is not None else kind
    legs = []
    if reward > 0:
        legs.append(_leg(user_id, reward, f"Challenge: {title}"))
    if milestone > 0:
        legs.append(_leg(user_id, milestone, f"Challenge streak: {streak} ({period.lower()})"))
    data = {"challenge_id": challenge_id, "period": period, "kind": kind, "goal": goal, "title": title}
    data |= {"reward": reward, "xp": xp}

    async def effects(transfers: list[Transfer]) -> Effects:
        if transfers:
            await session.execute(
                update(Challenge)
                .where(col(Challenge.id) == challenge_id)
                .values(transfer_id=transfers[0].id)
                .execution_options(synchronize_session=False)
            )
        specs = [
            events.Spec(
                kind="challenge.completed",
                actor_id=user_id,
                subject=f"challenge:{challenge_id}",
                audience=[user_id],
                payload={
                    "challenge_id": challenge_id,
                    "period": period,
                    "kind": kind,
                    "reward": reward,
                    "xp_reward": xp,
                    "transfer_id": transfers[0].id if transfers else None,
                },
            )
        ]
        notes = [
            notifications.Note(
                user_id=user_id,
                kind="challenge.completed",
                title=f"🎯 {title}",
                body=f"Challenge done: +{reward} {ledger.DEFAULT_CURRENCY}, +{xp} XP.",
                data=data,
            )
        ]
        if streak:
            specs.append(
                events.Spec(
                    kind="challenge.streak",
                    actor_id=user_id,
                    subject=f"user:{user_id}",
                    audience=[user_id],
                    payload={"period": period, "streak": streak, "milestone": milestone},
                )
            )
        if milestone:
            notes.append(
                notifications.Note(
                    user_id=user_id,
                    kind="challenge.milestone",
                    title=f"🔥 {streak}",
                    body=f"All {period.lower()} challenges done {streak} times in a row: +{milestone} "
                    f"{ledger.DEFAULT_CURRENCY}.",
                    data={"period": period, "streak": streak, "bonus": milestone},
                )
            )
        return Effects(
            result={"challenge_id": challenge_id},
            events=specs,
            notes=notes,
            audit=Audit(action="challenge.reward", subject=f"challenge:{challenge_id}", data=data),
        )

    await movement.move(
        session,
        movement.Movement(operation="challenge.reward", actor_id=user_id, legs=legs),
        clock=clock,
        effects=effects,
    )
    return True


def _leg(user_id: int, amount: int, memo: str) -> ledger.Leg:
    return ledger.Leg(
        debit=("system", FAUCET),
        credit=("user", user_id),
        asset=ledger.DEFAULT_CURRENCY,
        amount=amount,
        kind="challenge",
        memo=memo[:280],
    )


async def _streak_after(
    session: AsyncSession, user_id: int, period: str, start: date, now: datetime
) -> tuple[int, int]:
    """When every challenge of the period is done: the streak it makes and its milestone bonus."""
    left = (
        await session.execute(
            select(func.count())
            .select_from(Challenge)
            .where(
                col(Challenge.user_id) == user_id,
                col(Challenge.period) == period,
                col(Challenge.period_start) == start,
                col(Challenge.status) != COMPLETED,
            )
        )
    ).scalar_one()
    if left:
        return 0, 0
    await session.execute(
        insert_for(session, ChallengeStreak)
        .values(user_id=user_id, period=period, current=0, best=0, updated_at=now)
        .on_conflict_do_nothing()
    )
    row = (
        await session.execute(
            select(ChallengeStreak)
            .where(col(ChallengeStreak.user_id) == user_id, col(ChallengeStreak.period) == period)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one()
    if row.last_start is not None and row.last_start >= start:
        return 0, 0
    row.current = row.current + 1 if row.last_start == catalog.previous_start(period, start) else 1
    row.best = max(row.best, row.current)
    row.last_start = start
    row.updated_at = now
    await session.flush()
    return row.current, catalog.MILESTONES[period].get(row.current, 0)
