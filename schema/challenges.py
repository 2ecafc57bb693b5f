"""Challenges: the player's daily, weekly and monthly challenges and their challenge streaks."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from db.models.challenges import Challenge as ChallengeRow
from resolvers import challenges
from resolvers.challenges import catalog
from schema.core.context import Info
from schema.core.mutations import in_transaction
from schema.core.permissions import IsAuthenticated
from schema.core.scalars import Amount


@strawberry.enum(description="How long a challenge runs: a UTC day, a week from Monday, a calendar month.")
class ChallengePeriod(Enum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"


@strawberry.enum
class ChallengeStatus(Enum):
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    EXPIRED = "EXPIRED"


@strawberry.type(description="A challenge: do something `goal` times before it expires.")
class Challenge:
    row: strawberry.Private[ChallengeRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def period(self) -> ChallengePeriod:
        return ChallengePeriod(self.row.period)

    @strawberry.field(
        description="What it counts: daily, payments, purchases, gifts, trades, auctions, bank, dnd."
    )
    def kind(self) -> str:
        return self.row.kind

    @strawberry.field(description="What to do, in English (clients may word it from kind and goal).")
    def title(self) -> str:
        template = catalog.BY_KIND.get(self.row.kind)
        return template.title(self.row.goal) if template is not None else self.row.kind

    @strawberry.field
    def goal(self) -> int:
        return self.row.goal

    @strawberry.field
    def progress(self) -> int:
        return self.row.progress

    @strawberry.field
    def status(self) -> ChallengeStatus:
        return ChallengeStatus(self.row.status)

    @strawberry.field
    def completed(self) -> bool:
        return self.row.status == catalog.COMPLETED

    @strawberry.field(description="COIN paid on completion.")
    def reward(self) -> Amount:  # type: ignore[valid-type]
        return self.row.reward

    @strawberry.field(description="XP given on completion.")
    def xp_reward(self) -> int:
        return self.row.xp_reward

    @strawberry.field(description="The UTC day its period began.")
    def starts_on(self) -> date:
        return self.row.period_start

    @strawberry.field(description="00:00 UTC after its period's last day.")
    def expires_at(self) -> datetime:
        return self.row.expires_at

    @strawberry.field(description="Seconds until it expires, by the platform's clock (0 once it has).")
    def seconds_left(self, info: Info) -> int:
        return max(0, int((self.row.expires_at - info.context.clock.now()).total_seconds()))

    @strawberry.field
    def completed_at(self) -> datetime | None:
        return self.row.completed_at


@strawberry.type
class ChallengeMilestone:
    periods: int
    bonus: Amount  # type: ignore[valid-type]
    reached: bool = strawberry.field(description="Reached in the current streak.")


@strawberry.type(description="Periods in a row in which every challenge of the period was done.")
class ChallengeStreak:
    period: ChallengePeriod
    current: int = strawberry.field(description="0 once a period ended with a challenge left undone.")
    best: int
    next_milestone: int | None
    next_bonus: Amount | None  # type: ignore[valid-type]
    milestones: list[ChallengeMilestone]


@strawberry.type
class ChallengesQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Your challenges of the running day, week and month (3 daily, 5 weekly, 3 monthly).",
    )
    async def challenges(self, info: Info, period: ChallengePeriod | None = None) -> list[Challenge]:
        ctx = info.context
        rows = await in_transaction(
            ctx,
            lambda s: challenges.current(
                s,
                user_id=ctx.actor.user_id or 0,
                clock=ctx.clock,
                period=period.value if period is not None else None,
            ),
        )
        return [Challenge(row=r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated], description="Your challenge streak of a period.")
    async def challenge_streak(
        self, info: Info, period: ChallengePeriod = ChallengePeriod.DAILY
    ) -> ChallengeStreak:
        ctx = info.context
        async with ctx.db.reader() as session:
            found = await challenges.streak(
                session, user_id=ctx.actor.user_id or 0, period=period.value, clock=ctx.clock
            )
        return ChallengeStreak(
            period=period,
            current=found.current,
            best=found.best,
            next_milestone=found.next_milestone,
            next_bonus=found.next_bonus,
            milestones=[
                ChallengeMilestone(periods=n, bonus=b, reached=found.current >= n)
                for n, b in sorted(catalog.MILESTONES[period.value].items())
            ],
        )


ROOTS = (ChallengesQuery,)
