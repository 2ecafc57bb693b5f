"""Achievements: your progress on each, the ones a player features, and the rewards admins tune."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from resolvers.achievements import board, catalog
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAdmin, IsAuthenticated

AchievementErrorCode = error_codes("Achievement", board.ERRORS)


@strawberry.type
class AchievementError:
    code: Enum = strawberry.field(graphql_type=AchievementErrorCode)
    field: str | None
    message: str


@strawberry.type(description="One tier (step) of an achievement: its goal, reward and when it was unlocked.")
class AchievementTier:
    step: int
    name: str | None = strawberry.field(
        description="bronze, silver or gold; null for a one-step achievement."
    )
    goal: int
    coin: int = strawberry.field(description="COIN paid when the tier unlocks.")
    xp: int = strawberry.field(description="XP given when the tier unlocks.")
    unlocked_at: datetime | None


@strawberry.type(description="The achievement (and tier) that must be unlocked before this one can be.")
class AchievementRequirement:
    key: str
    title: str
    tier: str | None
    met: bool


@strawberry.type(
    description="An achievement as a player sees it; a hidden one shows no title or goal until unlocked."
)
class Achievement:
    view: strawberry.Private[board.View]

    @strawberry.field
    def key(self) -> str:
        return self.view.key

    @strawberry.field(description="In the reader's language; a placeholder while hidden.")
    def title(self) -> str:
        return self.view.title

    @strawberry.field
    def description(self) -> str:
        return self.view.description

    @strawberry.field(description="Whether its first tier is unlocked.")
    def unlocked(self) -> bool:
        return self.view.unlocked

    @strawberry.field(description="Counted so far (events, a sum or the best value reached).")
    def progress(self) -> int:
        return self.view.progress

    @strawberry.field(
        description="The next tier's goal (the last one's once all are unlocked); null while hidden."
    )
    def goal(self) -> int | None:
        return self.view.goal

    @strawberry.field(
        description="The highest tier unlocked: bronze, silver, gold; null when none or one-step."
    )
    def tier(self) -> str | None:
        return self.view.tier

    @strawberry.field(description="How many of its tiers are unlocked.")
    def tiers_unlocked(self) -> int:
        return self.view.steps_unlocked

    @strawberry.field(description="Every tier; empty while hidden.")
    def tiers(self) -> list[AchievementTier]:
        return [
            AchievementTier(
                step=t.step, name=t.name, goal=t.goal, coin=t.coin, xp=t.xp, unlocked_at=t.unlocked_at
            )
            for t in self.view.tiers
        ]

    @strawberry.field
    def hidden(self) -> bool:
        return self.view.hidden and not self.view.revealed

    @strawberry.field(description="Whether every tier is unlocked.")
    def completed(self) -> bool:
        return bool(self.view.tiers) and self.view.next_tier is None

    @strawberry.field(description="The next tier's COIN reward (null when completed or hidden).")
    def reward(self) -> int | None:
        found = self.view.next_tier
        return found.coin if found is not None else None

    @strawberry.field
    def requires(self) -> AchievementRequirement | None:
        r = self.view.requires
        return (
            AchievementRequirement(key=r.key, title=r.title, tier=r.tier, met=r.met)
            if r is not None
            else None
        )

    @strawberry.field(description="When its first tier was unlocked.")
    def unlocked_at(self) -> datetime | None:
        return self.view.unlocked_at

    @strawberry.field(description="Whether the player features it on their profile.")
    def featured(self) -> bool:
        return self.view.featured


@strawberry.input
class AchievementsFeatureInput:
    keys: list[str]


@strawberry.type
class AchievementsFeaturePayload:
    featured: list[Achievement] = strawberry.field(default_factory=list)
    errors: list[AchievementError] = strawberry.field(default_factory=list)


@strawberry.input
class AchievementsRewardSetInput:
    key: str
    step: int
    coin: int
    xp: int


@strawberry.type
class AchievementsRewardSetPayload:
    tier: AchievementTier | None = None
    errors: list[AchievementError] = strawberry.field(default_factory=list)


def _language(raw: str | None) -> str | None:
    return catalog.language_of(raw) if raw else None


@strawberry.type
class AchievementsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Every achievement with your progress; texts in `language` (en, ru) or your account's.",
    )
    async def achievements(self, info: Info, language: str | None = None) -> list[Achievement]:
        user_id = info.context.actor.user_id or 0
        async with info.context.db.reader() as session:
            chosen = await board.language_of(session, user_id, language)
            found = await board.views(session, user_id=user_id, language=chosen)
        return [Achievement(view=v) for v in found]

    @strawberry.field(
        description="The achievements a player features on their profile (at most five), in order."
    )
    async def featured_achievements(
        self, info: Info, username: str, language: str | None = None
    ) -> list[Achievement]:
        async with info.context.db.reader() as session:
            found = await board.featured_of(session, username=username, language=_language(language))
        return [Achievement(view=v) for v in found]


@strawberry.type
class AchievementsMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Chooses what your profile shows: up to five unlocked achievements in order ([] clears).",
    )
    async def achievements_feature(
        self, info: Info, input: AchievementsFeatureInput
    ) -> AchievementsFeaturePayload:
        ctx = info.context
        return await mutate(
            info,
            AchievementsFeaturePayload,
            lambda s: board.feature(
                s, actor_id=ctx.actor.user_id or 0, keys=list(input.keys), language=None, clock=ctx.clock
            ),
            lambda shown: AchievementsFeaturePayload(featured=[Achievement(view=v) for v in shown]),
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Sets the COIN and XP one tier of an achievement pays."
    )
    async def achievements_reward_set(
        self, info: Info, input: AchievementsRewardSetInput
    ) -> AchievementsRewardSetPayload:
        ctx = info.context
        return await mutate(
            info,
            AchievementsRewardSetPayload,
            lambda s: board.set_reward(
                s,
                actor_id=ctx.actor.user_id or 0,
                key=input.key,
                step=input.step,
                coin=input.coin,
                xp=input.xp,
                clock=ctx.clock,
            ),
            lambda done: AchievementsRewardSetPayload(
                tier=AchievementTier(
                    step=done[1],
                    name=catalog.BY_KEY[done[0]].tier_name(done[1]),
                    goal=catalog.BY_KEY[done[0]].goals[done[1] - 1],
                    coin=done[2].coin,
                    xp=done[2].xp,
                    unlocked_at=None,
                )
            ),
        )


ROOTS = (AchievementsQuery, AchievementsMutation)
