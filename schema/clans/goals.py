"""Clan goals: the templates, and leaders' and officers' picks for this week."""

from __future__ import annotations

import strawberry
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.clans import Clan as ClanRow
from db.models.clans import ClanGoal as GoalRow
from resolvers.clans import goals, membership
from resolvers.clock import Clock
from schema.clans.types import Clan, ClanError, ClanGoal, ClanGoalTemplate
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated


@strawberry.input
class ClanGoalPickInput:
    template: str = strawberry.field(description="A key of clanGoalTemplates.")


@strawberry.type
class ClanGoalPickPayload:
    goal: ClanGoal | None = None
    clan: Clan | None = None
    errors: list[ClanError] = strawberry.field(default_factory=list)


async def _pick(session: AsyncSession, actor_id: int, template: str, clock: Clock) -> tuple[GoalRow, ClanRow]:
    row = await goals.pick(session, actor_id=actor_id, template=template, clock=clock)
    return row, await membership.fresh(session, row.clan_id)


@strawberry.type
class ClanGoalsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated], description="The goals a leader or officer may pick."
    )
    def clan_goal_templates(self) -> list[ClanGoalTemplate]:
        return [
            ClanGoalTemplate(key=t.key, target=t.target, reward_xp=t.reward_xp, reward_coin=t.reward_coin)
            for t in goals.TEMPLATES
        ]


@strawberry.type
class ClanGoalsMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description=f"A leader or officer adds a goal for this week (at most {goals.MAX_GOALS} a week).",
    )
    async def clan_goal_pick(self, info: Info, input: ClanGoalPickInput) -> ClanGoalPickPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanGoalPickPayload,
            lambda s: _pick(s, ctx.actor.user_id or 0, input.template, ctx.clock),
            lambda done: ClanGoalPickPayload(goal=ClanGoal(row=done[0]), clan=Clan(row=done[1])),
        )
