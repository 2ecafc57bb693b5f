"""The clan's GraphQL types."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from dataloaders.accounts import UserByIdLoader
from dataloaders.clans import ClanMembersByClanIdLoader
from db.models.clans import Clan as ClanRow
from db.models.clans import ClanGoal as GoalRow
from db.models.clans import ClanMember as MemberRow
from db.models.clans import ClanRequest as RequestRow
from resolvers import notification_texts
from resolvers.clans import goals, membership, treasury, xp
from schema.accounts import PublicUser
from schema.core.connections import Connection
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.scalars import Amount
from schema.notifications import reader_language

ClanErrorCode = error_codes("Clan", treasury.ERRORS, goals.ERRORS)


@strawberry.type
class ClanError:
    code: Enum = strawberry.field(graphql_type=ClanErrorCode)
    field: str | None
    message: str


@strawberry.enum
class ClanRole(Enum):
    LEADER = "leader"
    OFFICER = "officer"
    MEMBER = "member"


async def public_user(info: Info, user_id: int) -> PublicUser | None:
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type
class ClanMember:
    row: strawberry.Private[MemberRow]

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await public_user(info, self.row.user_id)

    @strawberry.field
    def role(self) -> ClanRole:
        return ClanRole(self.row.role)

    @strawberry.field(description="XP this member brought the clan.")
    def xp(self) -> int:
        return self.row.xp

    @strawberry.field
    def joined_at(self) -> datetime:
        return self.row.joined_at


@strawberry.type
class ClanRequest:
    row: strawberry.Private[RequestRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await public_user(info, self.row.user_id)

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.enum
class ClanGoalStatus(Enum):
    ACTIVE = "active"
    REACHED = "reached"
    EXPIRED = "expired"


async def _title(info: Info, template: str, target: int) -> str:
    tpl = goals.BY_KEY.get(template)
    if tpl is None:
        return template
    return tpl.title(notification_texts.language_of(await reader_language(info)) or "en", target)


@strawberry.type
class ClanGoalTemplate:
    key: str
    target: int
    reward_xp: int
    reward_coin: Amount  # type: ignore[valid-type]

    @strawberry.field(description="In the reader's language.")
    async def title(self, info: Info) -> str:
        return await _title(info, self.key, self.target)


@strawberry.type
class ClanGoal:
    row: strawberry.Private[GoalRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="The template's key: wins, treasury, daily, gifts, purchases.")
    def template(self) -> str:
        return self.row.template

    @strawberry.field(description="In the reader's language.")
    async def title(self, info: Info) -> str:
        return await _title(info, self.row.template, self.row.target)

    @strawberry.field
    def target(self) -> int:
        return self.row.target

    @strawberry.field
    def progress(self) -> int:
        return min(self.row.progress, self.row.target)

    @strawberry.field(description="XP the clan gets when the goal is reached.")
    def reward_xp(self) -> int:
        return self.row.reward_xp

    @strawberry.field(description="COIN paid into the treasury when the goal is reached.")
    def reward_coin(self) -> Amount:  # type: ignore[valid-type]
        return self.row.reward_coin

    @strawberry.field
    def status(self) -> ClanGoalStatus:
        return ClanGoalStatus(self.row.status)

    @strawberry.field
    def week_start(self) -> date:
        return self.row.week_start

    @strawberry.field
    def expires_at(self) -> datetime:
        return self.row.expires_at

    @strawberry.field
    def reached_at(self) -> datetime | None:
        return self.row.reached_at


@strawberry.type
class Clan:
    row: strawberry.Private[ClanRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Anyone may join an open clan at once; a closed one takes a request.")
    def open(self) -> bool:
        return self.row.open

    @strawberry.field
    def member_count(self) -> int:
        return self.row.member_count

    @strawberry.field
    def max_members(self) -> int:
        return membership.MAX_MEMBERS

    @strawberry.field
    async def leader(self, info: Info) -> PublicUser | None:
        return await public_user(info, self.row.leader_id)

    @strawberry.field(description="Members, the longest-standing first.")
    async def members(self, info: Info) -> list[ClanMember]:
        rows = await info.context.loaders.get(ClanMembersByClanIdLoader).load(int(self.row.id or 0))
        return [ClanMember(row=r) for r in rows]

    @strawberry.field(description="This week's goals (weeks start Monday 00:00 UTC).")
    async def goals(self, info: Info) -> list[ClanGoal]:
        cid = int(self.row.id or 0)
        async with info.context.db.reader() as session:
            rows = (await goals.current(session, [cid], clock=info.context.clock))[cid]
        return [ClanGoal(row=r) for r in rows]

    @strawberry.field(description="COIN in the clan's treasury (the ledger account clan:<id>).")
    async def treasury(self, info: Info) -> Amount:  # type: ignore[valid-type]
        async with info.context.db.reader() as session:
            return await treasury.balance(session, int(self.row.id or 0))

    @strawberry.field(description="XP from members' activity.")
    def xp(self) -> int:
        return self.row.xp

    @strawberry.field
    def level(self) -> int:
        return xp.level_of(self.row.xp)

    @strawberry.field(description="XP the next level needs, or null at the top level.")
    def next_level_xp(self) -> int | None:
        return xp.next_level_xp(self.row.xp)

    @strawberry.field(description="Perks unlocked by the clan's level.")
    def perks(self) -> list[str]:
        return xp.perks_of(xp.level_of(self.row.xp))

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class ClanConnection(Connection[Clan]):
    pass
