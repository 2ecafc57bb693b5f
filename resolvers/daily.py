"""The daily bonus: one claim per player and UTC day, growing with the streak of consecutive days.

Rules (``advance`` is the whole of them, and the property test's reference):

- the first claim starts a streak of 1; a claim the day after the last one adds 1;
- a claim after exactly one missed day keeps the streak going (+1) when the grace day of the
  missed day's calendar month is still unused (one grace day per month); otherwise, and after two
  or more missed days, the streak starts again at 1;
- a second claim the same UTC day is ALREADY_CLAIMED and pays nothing.

The bonus is ``min(base + step · (streak − 1), max)`` COIN (``daily.base`` 10, ``daily.step`` 5,
``daily.max`` 100: admin-set), plus the loyalty tier's percentage, plus a milestone bonus when the
streak reaches 7, 30 or 100 days. It is paid from the faucet ``source:daily`` through
``movement.move``; the ``(user, day)`` key of ``daily_claims`` and the lock on the player's streak
row make concurrent claims pay once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import and_, or_, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

import resolvers.daily_texts  # noqa: F401  (defines this domain's notification texts)
from db.dialect import insert_for
from db.models import ConfigValue, Transfer
from db.models.daily import DailyClaim, DailyStreak
from resolvers import events, ledger, movement, notifications, progression
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes("daily", "ALREADY_CLAIMED", uses=(movement.ERRORS,))
events.live("wallet", "daily.claimed")

FAUCET = ("system", f"{ledger.SOURCE_PREFIX}daily")
DEFAULTS = {"daily.base": 10, "daily.step": 5, "daily.max": 100}
MILESTONES = {7: 100, 30: 500, 100: 2000}


@dataclass(frozen=True)
class StreakState:
    current: int = 0
    best: int = 0
    last_day: date | None = None
    grace_month: str | None = None


@dataclass(frozen=True)
class Step:
    state: StreakState
    graced: bool


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def advance(state: StreakState, day: date) -> Step | None:
    """The streak after a claim on ``day``; None when ``day`` was already claimed (or is earlier)."""
    graced = False
    if state.last_day is None:
        current, grace = 1, state.grace_month
    else:
        gap = (day - state.last_day).days
        if gap <= 0:
            return None
        missed = state.last_day + timedelta(days=1)
        if gap == 1:
            current, grace = state.current + 1, state.grace_month
        elif gap == 2 and state.grace_month != month_of(missed):
            current, grace, graced = state.current + 1, month_of(missed), True
        else:
            current, grace = 1, state.grace_month
    return Step(StreakState(current, max(state.best, current), day, grace), graced)


def alive(state: StreakState, today: date) -> int:
    """The streak as it stands today: 0 once it can no longer be continued."""
    if state.last_day is None:
        return 0
    gap = (today - state.last_day).days
    if gap <= 1:
        return state.current
    missed = state.last_day + timedelta(days=1)
    if gap == 2 and state.grace_month != month_of(missed):
        return state.current
    return 0


@dataclass(frozen=True, kw_only=True)
class Payout:
    base: int
    tier_bonus: int
    milestone: int

    @property
    def total(self) -> int:
        return self.base + self.tier_bonus + self.milestone


async def _setting(session: AsyncSession, key: str) -> int:
    row = await session.get(ConfigValue, key)
    ok = row is not None and isinstance(row.value, int) and not isinstance(row.value, bool) and row.value >= 0
    return int(row.value) if ok and row is not None else DEFAULTS[key]


async def payout(session: AsyncSession, *, streak: int, tier: progression.Tier) -> Payout:
    base = await _setting(session, "daily.base")
    step = await _setting(session, "daily.step")
    top = max(base, await _setting(session, "daily.max"))
    amount = min(base + step * max(0, streak - 1), top)
    return Payout(
        base=amount, tier_bonus=amount * tier.daily_bonus_percent // 100, milestone=MILESTONES.get(streak, 0)
    )


@dataclass(frozen=True, kw_only=True)
class Claimed:
    claim: DailyClaim
    tier_bonus: int
    replayed: bool = False


async def _locked_streak(session: AsyncSession, user_id: int, clock: Clock) -> DailyStreak:
    await session.execute(
        insert_for(session, DailyStreak)
        .values(user_id=user_id, current=0, best=0, updated_at=clock.now())
        .on_conflict_do_nothing()
    )
    query = (
        select(DailyStreak)
        .where(col(DailyStreak.user_id) == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one()


def _state(row: DailyStreak | None) -> StreakState:
    if row is None:
        return StreakState()
    return StreakState(row.current, row.best, row.last_day, row.grace_month)


def _already(day: date) -> DomainError:
    return DomainError(
        "ALREADY_CLAIMED", f"Today's bonus ({day.isoformat()}) is already claimed; come back tomorrow.", None
    )


async def claim(
    session: AsyncSession, *, actor_id: int, idempotency_key: str | None, clock: Clock
) -> Claimed:
    day = clock.now().date()
    row = await _locked_streak(session, actor_id, clock)
    step = advance(_state(row), day)
    params = {"day": day.isoformat()}
    operation = movement.Movement(
        operation="daily.claim", actor_id=actor_id, idempotency_key=idempotency_key, params=params, legs=[]
    )
    if step is None:
        if idempotency_key is None:
            raise _already(day)

        def refuse(_: list[Transfer]) -> Effects:
            raise _already(day)

        moved = await movement.move(session, operation, clock=clock, effects=refuse)
        return await _replayed(session, actor_id, moved.result)

    tier = await progression.tier_of(session, actor_id)
    pay = await payout(session, streak=step.state.current, tier=tier)

    async def effects(transfers: list[Transfer]) -> Effects:
        state = step.state
        row.current, row.best, row.last_day = state.current, state.best, state.last_day
        row.grace_month, row.updated_at = state.grace_month, clock.now()
        made = DailyClaim(
            user_id=actor_id,
            day=day,
            streak=state.current,
            amount=pay.total,
            milestone=pay.milestone,
            graced=step.graced,
            transfer_id=int(transfers[0].id or 0),
            created_at=clock.now(),
        )
        session.add(made)
        await session.flush()
        data = {"day": day.isoformat(), "streak": state.current, "amount": pay.total}
        notes = []
        if pay.milestone:
            notes.append(
                notifications.Note(
                    user_id=actor_id,
                    kind="daily.milestone",
                    title=f"🔥 {state.current}",
                    body=f"A {state.current}-day streak: +{pay.milestone} {ledger.DEFAULT_CURRENCY} bonus.",
                    data=data | {"milestone": pay.milestone},
                )
            )
        return Effects(
            result={"day": day.isoformat(), "tier_bonus": pay.tier_bonus},
            events=[
                events.Spec(
                    kind="daily.claimed",
                    actor_id=actor_id,
                    subject=f"daily:{actor_id}:{day.isoformat()}",
                    audience=[actor_id],
                    payload=data | {"transfer_id": transfers[0].id, "milestone": pay.milestone},
                )
            ],
            notes=notes,
            audit=Audit(action="daily.claim", subject=f"user:{actor_id}", data=data),
        )

    moved = await movement.move(
        session,
        replace(
            operation,
            legs=[
                ledger.Leg(
                    debit=FAUCET,
                    credit=("user", actor_id),
                    asset=ledger.DEFAULT_CURRENCY,
                    amount=pay.total,
                    kind="daily",
                    memo=f"Daily bonus, day {step.state.current}",
                )
            ],
        ),
        clock=clock,
        effects=effects,
    )
    if moved.replayed:
        return await _replayed(session, actor_id, moved.result)
    made = await session.get(DailyClaim, (actor_id, day))
    assert made is not None
    return Claimed(claim=made, tier_bonus=pay.tier_bonus)


async def _replayed(session: AsyncSession, actor_id: int, result: dict[str, object]) -> Claimed:
    first = await session.get(DailyClaim, (actor_id, date.fromisoformat(str(result["day"]))))
    assert first is not None
    bonus = result.get("tier_bonus")
    return Claimed(claim=first, tier_bonus=bonus if isinstance(bonus, int) else 0, replayed=True)


@dataclass(frozen=True, kw_only=True)
class Streak:
    current: int
    best: int
    last_day: date | None
    claimed_today: bool
    grace_available: bool
    next_amount: int
    next_milestone: int | None


async def streak(session: AsyncSession, *, user_id: int, clock: Clock) -> Streak:
    today = clock.now().date()
    state = _state(await session.get(DailyStreak, user_id))
    claimed = state.last_day == today
    upcoming = advance(state, today + timedelta(days=1) if claimed else today)
    tier = await progression.tier_of(session, user_id)
    after = upcoming.state.current if upcoming is not None else 1
    nxt = await payout(session, streak=after, tier=tier)
    current = alive(state, today)
    return Streak(
        current=current,
        best=state.best,
        last_day=state.last_day,
        claimed_today=claimed,
        grace_available=state.grace_month != month_of(today),
        next_amount=nxt.total,
        next_milestone=min((m for m in MILESTONES if m > current), default=None),
    )


async def reset_broken(session: AsyncSession, *, clock: Clock) -> int:
    """Sets to 0 the streaks that can no longer continue (the daily reset job); idempotent."""
    today = clock.now().date()
    yesterday = today - timedelta(days=1)
    two_ago = today - timedelta(days=2)
    result = await session.execute(
        update(DailyStreak)
        .where(
            col(DailyStreak.current) > 0,
            or_(
                col(DailyStreak.last_day) < two_ago,
                and_(
                    col(DailyStreak.last_day) == two_ago, col(DailyStreak.grace_month) == month_of(yesterday)
                ),
            ),
        )
        .values(current=0, updated_at=clock.now())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
