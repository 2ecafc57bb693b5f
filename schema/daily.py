"""The daily bonus: claim it once a UTC day; the streak, its milestones and the next bonus."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from db.models.daily import DailyClaim as DailyClaimRow
from resolvers import daily
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated
from schema.core.scalars import Amount

DailyErrorCode = error_codes("Daily", daily.ERRORS)


@strawberry.type
class DailyError:
    code: Enum = strawberry.field(graphql_type=DailyErrorCode)
    field: str | None
    message: str


@strawberry.type
class DailyClaim:
    row: strawberry.Private[DailyClaimRow]
    tier_bonus: Amount = strawberry.field(description="Part of the amount the loyalty tier added.")  # type: ignore[valid-type]

    @strawberry.field(description="COIN paid, milestone and tier bonus included.")
    def amount(self) -> Amount:  # type: ignore[valid-type]
        return self.row.amount

    @strawberry.field(description="The streak this claim made, in days.")
    def streak(self) -> int:
        return self.row.streak

    @strawberry.field(description="The UTC day claimed.")
    def day(self) -> date:
        return self.row.day

    @strawberry.field(description="Part of the amount paid for reaching a 7, 30 or 100-day streak.")
    def milestone_bonus(self) -> Amount:  # type: ignore[valid-type]
        return self.row.milestone

    @strawberry.field(description="True when this month's grace day kept the streak over a missed day.")
    def graced(self) -> bool:
        return self.row.graced

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class DailyMilestone:
    days: int
    bonus: Amount  # type: ignore[valid-type]
    reached: bool = strawberry.field(description="Reached in the current streak.")


@strawberry.type
class Streak:
    current: int = strawberry.field(description="Consecutive days claimed (0 once the streak is broken).")
    best: int
    last_day: date | None
    claimed_today: bool
    grace_available: bool = strawberry.field(description="This calendar month's grace day is unused.")
    next_amount: Amount = strawberry.field(description="What the next claim pays, milestone included.")  # type: ignore[valid-type]
    next_milestone: int | None
    milestones: list[DailyMilestone]


@strawberry.input
class DailyClaimInput:
    idempotency_key: str | None = None


@strawberry.type
class DailyClaimPayload:
    claim: DailyClaim | None = None
    errors: list[DailyError] = strawberry.field(default_factory=list)


@strawberry.type
class DailyQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="Your daily-bonus streak.")
    async def my_streak(self, info: Info) -> Streak:
        async with info.context.db.reader() as session:
            found = await daily.streak(
                session, user_id=info.context.actor.user_id or 0, clock=info.context.clock
            )
        return Streak(
            current=found.current,
            best=found.best,
            last_day=found.last_day,
            claimed_today=found.claimed_today,
            grace_available=found.grace_available,
            next_amount=found.next_amount,
            next_milestone=found.next_milestone,
            milestones=[
                DailyMilestone(days=d, bonus=b, reached=found.current >= d)
                for d, b in sorted(daily.MILESTONES.items())
            ],
        )


@strawberry.type
class DailyMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Claim today's bonus (once per UTC day); a second claim is ALREADY_CLAIMED.",
    )
    async def daily_claim(self, info: Info, input: DailyClaimInput | None = None) -> DailyClaimPayload:
        ctx = info.context
        return await mutate(
            info,
            DailyClaimPayload,
            lambda s: daily.claim(
                s,
                actor_id=ctx.actor.user_id or 0,
                idempotency_key=input.idempotency_key if input is not None else None,
                clock=ctx.clock,
            ),
            lambda done: DailyClaimPayload(claim=DailyClaim(row=done.claim, tier_bonus=done.tier_bonus)),
        )


ROOTS = (DailyQuery, DailyMutation)
