"""Levels, XP and loyalty tiers: the player's standing, the published curve, the XP rules."""

from __future__ import annotations

from enum import Enum

import strawberry

from resolvers import progression
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import IsAdmin, IsAuthenticated

ProgressionErrorCode = error_codes("Progression", progression.ERRORS)
MAX_CURVE = 100


@strawberry.type
class ProgressionError:
    code: Enum = strawberry.field(graphql_type=ProgressionErrorCode)
    field: str | None
    message: str


@strawberry.type(description="A loyalty tier and its permanent perks.")
class LoyaltyTier:
    name: str = strawberry.field(description="bronze, silver, gold or platinum.")
    engagement: int = strawberry.field(description="Lifetime engagement (XP + 50 per daily claim) it needs.")
    extra_gifts: int = strawberry.field(description="Gifts a day on top of the usual limit.")
    daily_bonus_percent: int = strawberry.field(description="Added to every daily bonus, in percent.")

    @staticmethod
    def of(tier: progression.Tier) -> LoyaltyTier:
        return LoyaltyTier(
            name=tier.name,
            engagement=tier.engagement,
            extra_gifts=tier.extra_gifts,
            daily_bonus_percent=tier.daily_bonus_percent,
        )


@strawberry.type
class XpToday:
    kind: str
    xp: int
    daily_cap: int


@strawberry.type(description="A player's level, XP and loyalty tier.")
class Progress:
    standing: strawberry.Private[progression.Standing]
    xp_today: list[XpToday]

    @strawberry.field
    def level(self) -> int:
        return self.standing.level

    @strawberry.field(description="Lifetime XP.")
    def xp(self) -> int:
        return self.standing.xp

    @strawberry.field(description="Lifetime XP at which the current level started.")
    def level_start_xp(self) -> int:
        return self.standing.level_start

    @strawberry.field(description="Lifetime XP at which the next level starts.")
    def next_level_xp(self) -> int:
        return self.standing.next_level_at

    @strawberry.field(description="Daily bonuses claimed, ever.")
    def claims(self) -> int:
        return self.standing.claims

    @strawberry.field
    def engagement(self) -> int:
        return self.standing.engagement

    @strawberry.field
    def tier(self) -> LoyaltyTier:
        return LoyaltyTier.of(self.standing.tier)

    @strawberry.field
    def next_tier(self) -> LoyaltyTier | None:
        return LoyaltyTier.of(self.standing.next_tier) if self.standing.next_tier is not None else None


@strawberry.type
class LevelStep:
    level: int
    xp: int = strawberry.field(description="Lifetime XP at which the level starts.")


@strawberry.type(description="What one event of a kind is worth, and the most XP it gives a day.")
class XpRule:
    kind: str
    xp: int
    daily_cap: int


@strawberry.input
class ProgressionXpRuleSetInput:
    kind: str
    xp: int
    daily_cap: int


@strawberry.type
class ProgressionXpRuleSetPayload:
    rule: XpRule | None = None
    errors: list[ProgressionError] = strawberry.field(default_factory=list)


@strawberry.type
class ProgressionQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="Your level, XP and loyalty tier.")
    async def my_progress(self, info: Info) -> Progress:
        user_id = info.context.actor.user_id or 0
        async with info.context.db.reader() as session:
            found = await progression.standing(session, user_id)
            earned = await progression.earned_today(session, user_id=user_id, clock=info.context.clock)
            rules = await progression.rules(session)
        today = [
            XpToday(kind=kind, xp=earned.get(kind, 0), daily_cap=rule.cap)
            for kind, rule in sorted(rules.items())
            if rule.xp > 0
        ]
        return Progress(standing=found, xp_today=today)

    @strawberry.field(description="The published level curve: level n + 1 costs round(100 · n^1.5) XP.")
    def level_curve(self, up_to: int = 20) -> list[LevelStep]:
        top = max(1, min(up_to, MAX_CURVE))
        return [LevelStep(level=n, xp=progression.xp_for_level(n)) for n in range(1, top + 1)]

    @strawberry.field(description="The loyalty tiers, lowest first.")
    def loyalty_tiers(self) -> list[LoyaltyTier]:
        return [LoyaltyTier.of(t) for t in progression.TIERS]

    @strawberry.field(permission_classes=[IsAuthenticated], description="XP per event kind, with daily caps.")
    async def progression_xp_rules(self, info: Info) -> list[XpRule]:
        async with info.context.db.reader() as session:
            rules = await progression.rules(session)
        return [XpRule(kind=k, xp=r.xp, daily_cap=r.cap) for k, r in sorted(rules.items())]


@strawberry.type
class ProgressionMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Sets what one event of a kind is worth in XP, and its daily cap.",
    )
    async def progression_xp_rule_set(
        self, info: Info, input: ProgressionXpRuleSetInput
    ) -> ProgressionXpRuleSetPayload:
        ctx = info.context
        return await mutate(
            info,
            ProgressionXpRuleSetPayload,
            lambda s: progression.set_rule(
                s,
                actor_id=ctx.actor.user_id or 0,
                kind=input.kind,
                xp=input.xp,
                daily_cap=input.daily_cap,
                clock=ctx.clock,
            ),
            lambda done: ProgressionXpRuleSetPayload(
                rule=XpRule(kind=done[0], xp=done[1].xp, daily_cap=done[1].cap)
            ),
        )


ROOTS = (ProgressionQuery, ProgressionMutation)
