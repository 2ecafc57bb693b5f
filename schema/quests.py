"""Quests: the quest log (available, active, completed), accept and abandon; admins create and edit
quests and see the graph of what unlocks what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from sqlmodel.ext.asyncio.session import AsyncSession

from dataloaders.shop import ItemByIdLoader
from db.models.quests import Quest as QuestRow
from resolvers import quests
from resolvers.quests import catalog, common, log
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAdmin, IsAuthenticated
from schema.core.scalars import Amount
from schema.shop import Item

QuestErrorCode = error_codes("Quest", quests.ERRORS)


@strawberry.type
class QuestError:
    code: Enum = strawberry.field(graphql_type=QuestErrorCode)
    field: str | None
    message: str


@strawberry.enum(description="A quest's place in the player's log.")
class QuestStatus(Enum):
    AVAILABLE = "AVAILABLE"
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"


@strawberry.enum(description="DAILY: once per UTC day; STORY: once; REPEATABLE: again after each completion.")
class QuestType(Enum):
    DAILY = "DAILY"
    STORY = "STORY"
    REPEATABLE = "REPEATABLE"


@strawberry.type
class QuestObjective:
    kind: str = strawberry.field(description="The event kind counted (shop.purchase, gift.sent, …).")
    goal: int
    progress: int = strawberry.field(description="Counted so far in the active run (never above the goal).")


@strawberry.type
class QuestReward:
    currency: str | None
    amount: Amount  # type: ignore[valid-type]
    xp: int
    item_quantity: int
    item_id: strawberry.Private[int | None]

    @strawberry.field
    async def item(self, info: Info) -> Item | None:
        if self.item_id is None or not self.item_quantity:
            return None
        row = await info.context.loaders.get(ItemByIdLoader).load(self.item_id)
        return Item.from_row(row) if row is not None else None


@strawberry.type
class Quest:
    view: strawberry.Private[common.View]

    @property
    def row(self) -> QuestRow:
        return self.view.quest

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="A stable slug (first-steps).")
    def key(self) -> str:
        return self.row.key

    @strawberry.field
    def title(self) -> str:
        return self.row.title

    @strawberry.field
    def description(self) -> str:
        return self.row.description

    @strawberry.field
    def type(self) -> QuestType:
        return QuestType(self.row.type)

    @strawberry.field(
        description="Quests sharing a branch are alternatives: accepting one closes the others."
    )
    def branch(self) -> str | None:
        return self.row.branch

    @strawberry.field(description="Where it is in your log; null when it is locked or closed to you.")
    def status(self) -> QuestStatus | None:
        return QuestStatus(self.view.status) if self.view.status is not None else None

    @strawberry.field(description="A quest it requires is not completed yet.")
    def locked(self) -> bool:
        return self.view.locked

    @strawberry.field(description="You chose another quest of its branch.")
    def closed(self) -> bool:
        return self.view.closed

    @strawberry.field
    def objectives(self) -> list[QuestObjective]:
        done = self.view.progress
        return [
            QuestObjective(kind=str(o["kind"]), goal=g, progress=p)
            for o, g, p in zip(self.row.objectives, common.goals(self.row), done, strict=True)
        ]

    @strawberry.field(description="Objectives' progress summed (0 unless active or completed).")
    def progress(self) -> int:
        if self.view.status == common.COMPLETED:
            return self.goal()
        return sum(self.view.progress)

    @strawberry.field(description="Objectives' goals summed.")
    def goal(self) -> int:
        return sum(common.goals(self.row))

    @strawberry.field
    def reward(self) -> QuestReward:
        return QuestReward(
            currency=self.row.reward_currency if self.row.reward_amount else None,
            amount=self.row.reward_amount,
            xp=self.row.reward_xp,
            item_quantity=self.row.reward_item_quantity if self.row.reward_item_id else 0,
            item_id=self.row.reward_item_id,
        )

    @strawberry.field(description="The quests to complete first.")
    def requires(self) -> list[strawberry.ID]:
        return [strawberry.ID(str(r)) for r in self.row.requires]

    @strawberry.field
    def times_completed(self) -> int:
        return self.view.times_completed

    @strawberry.field
    def accepted_at(self) -> datetime | None:
        return self.view.run.accepted_at if self.view.run is not None else None

    @strawberry.field
    def completed_at(self) -> datetime | None:
        return self.view.last_completed_at

    @strawberry.field(description="A daily quest's next reset (00:00 UTC).")
    def expires_at(self) -> datetime | None:
        return self.view.expires_at

    @strawberry.field(description="Offered to players (admins may switch a quest off).")
    def active(self) -> bool:
        return self.row.active

    @strawberry.field
    def position(self) -> int:
        return self.row.position


def _quest(view: common.View) -> Quest:
    return Quest(view=view)


@strawberry.type
class QuestNode:
    quest: Quest
    depth: int = strawberry.field(
        description="0 for a quest that requires none; else 1 + its deepest prerequisite."
    )
    unlocks: list[strawberry.ID] = strawberry.field(description="The quests that require this one.")


@strawberry.type
class QuestBranch:
    name: str
    quest_ids: list[strawberry.ID]


@strawberry.type
class QuestGraph:
    nodes: list[QuestNode]
    branches: list[QuestBranch]


@strawberry.input
class QuestAcceptInput:
    quest_id: strawberry.ID


@strawberry.input
class QuestAbandonInput:
    quest_id: strawberry.ID


@strawberry.type
class QuestAcceptPayload:
    quest: Quest | None = None
    errors: list[QuestError] = strawberry.field(default_factory=list)


@strawberry.type
class QuestAbandonPayload:
    quest: Quest | None = None
    errors: list[QuestError] = strawberry.field(default_factory=list)


@strawberry.input
class QuestObjectiveInput:
    kind: str
    count: int = 1


@strawberry.input
class QuestCreateInput:
    title: str
    type: QuestType
    objectives: list[QuestObjectiveInput]
    key: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    requires: list[strawberry.ID] | None = strawberry.UNSET
    branch: str | None = strawberry.UNSET
    reward_currency: str | None = strawberry.UNSET
    reward_amount: Amount | None = strawberry.UNSET  # type: ignore[valid-type]
    reward_xp: int | None = strawberry.UNSET
    reward_item_id: strawberry.ID | None = strawberry.UNSET
    reward_item_quantity: int | None = strawberry.UNSET
    position: int | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET


@strawberry.input
class QuestUpdateInput:
    quest_id: strawberry.ID
    title: str | None = strawberry.UNSET
    type: QuestType | None = strawberry.UNSET
    objectives: list[QuestObjectiveInput] | None = strawberry.UNSET
    key: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    requires: list[strawberry.ID] | None = strawberry.UNSET
    branch: str | None = strawberry.UNSET
    reward_currency: str | None = strawberry.UNSET
    reward_amount: Amount | None = strawberry.UNSET  # type: ignore[valid-type]
    reward_xp: int | None = strawberry.UNSET
    reward_item_id: strawberry.ID | None = strawberry.UNSET
    reward_item_quantity: int | None = strawberry.UNSET
    position: int | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET


@strawberry.type
class QuestCreatePayload:
    quest: Quest | None = None
    errors: list[QuestError] = strawberry.field(default_factory=list)


@strawberry.type
class QuestUpdatePayload:
    quest: Quest | None = None
    errors: list[QuestError] = strawberry.field(default_factory=list)


def _draft(input: QuestCreateInput | QuestUpdateInput) -> catalog.Draft:
    values: dict[str, Any] = {}
    for name in catalog.Draft.__dataclass_fields__:
        value = getattr(input, name, strawberry.UNSET)
        if value is strawberry.UNSET:
            continue
        if name == "type" and value is not None:
            value = value.value
        elif name == "objectives" and value is not None:
            value = [{"kind": o.kind, "count": o.count} for o in value]
        elif name == "requires" and value is not None:
            value = [str(v) for v in value]
        elif name in ("reward_amount", "reward_xp", "reward_item_quantity", "position") and value is None:
            value = 0
        elif name == "active" and value is None:
            value = True
        values[name] = value
    return catalog.Draft(**values)


def _admin_view(row: QuestRow) -> Quest:
    return Quest(view=common.View(quest=row))


@strawberry.type
class QuestsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Your quest log: one section (AVAILABLE, ACTIVE, COMPLETED), or every quest offered.",
    )
    async def quests(self, info: Info, status: QuestStatus | None = None) -> list[Quest]:
        async with info.context.db.reader() as session:
            views = await log.quest_log(
                session,
                user_id=info.context.actor.user_id or 0,
                status=status.value if status is not None else None,
                clock=info.context.clock,
            )
        return [_quest(v) for v in views]

    @strawberry.field(permission_classes=[IsAuthenticated], description="One quest as you see it.")
    async def quest(self, info: Info, id: strawberry.ID) -> Quest | None:
        async with info.context.db.reader() as session:
            found = await log.view(
                session, user_id=info.context.actor.user_id or 0, quest_id=id, clock=info.context.clock
            )
        return _quest(found) if found is not None else None

    @strawberry.field(
        permission_classes=[IsAdmin],
        description="Every quest (switched-off ones too), what it requires and unlocks, and the branches.",
    )
    async def quest_graph(self, info: Info) -> QuestGraph:
        async with info.context.db.reader() as session:
            found = await catalog.graph(session)
        return QuestGraph(
            nodes=[
                QuestNode(
                    quest=_admin_view(n.quest),
                    depth=n.depth,
                    unlocks=[strawberry.ID(str(u)) for u in n.unlocks],
                )
                for n in found.nodes
            ],
            branches=[
                QuestBranch(name=name, quest_ids=[strawberry.ID(str(i)) for i in ids])
                for name, ids in sorted(found.branches.items())
            ],
        )

    @strawberry.field(permission_classes=[IsAdmin], description="The event kinds an objective may count.")
    async def quest_objective_kinds(self, info: Info) -> list[str]:
        async with info.context.db.reader() as session:
            return await catalog.objective_kinds(session)


def _player_use_case(
    info: Info, fn: Callable[..., Any], quest_id: strawberry.ID
) -> Callable[[AsyncSession], Any]:
    ctx = info.context
    return lambda s: fn(s, actor_id=ctx.actor.user_id or 0, quest_id=quest_id, clock=ctx.clock)


@strawberry.type
class QuestsMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Accept a quest: its prerequisites completed, its branch not closed by another choice.",
    )
    async def quest_accept(self, info: Info, input: QuestAcceptInput) -> QuestAcceptPayload:
        return await mutate(
            info,
            QuestAcceptPayload,
            _player_use_case(info, log.accept, input.quest_id),
            lambda view: QuestAcceptPayload(quest=_quest(view)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Abandon an active quest (its progress is lost; a branch chosen stays chosen).",
    )
    async def quest_abandon(self, info: Info, input: QuestAbandonInput) -> QuestAbandonPayload:
        return await mutate(
            info,
            QuestAbandonPayload,
            _player_use_case(info, log.abandon, input.quest_id),
            lambda view: QuestAbandonPayload(quest=_quest(view)),
        )

    @strawberry.mutation(permission_classes=[IsAdmin], description="Create a quest.")
    async def quest_create(self, info: Info, input: QuestCreateInput) -> QuestCreatePayload:
        ctx = info.context
        return await mutate(
            info,
            QuestCreatePayload,
            lambda s: catalog.create(
                s, actor_id=ctx.actor.user_id or 0, draft=_draft(input), clock=ctx.clock
            ),
            lambda row: QuestCreatePayload(quest=_admin_view(row)),
        )

    @strawberry.mutation(permission_classes=[IsAdmin], description="Edit a quest (fields left out are kept).")
    async def quest_update(self, info: Info, input: QuestUpdateInput) -> QuestUpdatePayload:
        ctx = info.context
        return await mutate(
            info,
            QuestUpdatePayload,
            lambda s: catalog.update(
                s,
                actor_id=ctx.actor.user_id or 0,
                quest_id=input.quest_id,
                draft=_draft(input),
                clock=ctx.clock,
            ),
            lambda row: QuestUpdatePayload(quest=_admin_view(row)),
        )


ROOTS = (QuestsQuery, QuestsMutation)
