"""Clan membership: the clan, its members and requests; create, join, decide, leave, kick, roles."""

from __future__ import annotations

import strawberry

from db.models.clans import Clan as ClanRow
from resolvers.clans import membership
from resolvers.errors import DomainError
from schema.clans.types import Clan, ClanConnection, ClanError, ClanRequest, ClanRole
from schema.core.connections import check_first, decode_cursor, page
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated


@strawberry.input
class ClanCreateInput:
    name: str


@strawberry.input
class ClanJoinInput:
    clan_id: strawberry.ID


@strawberry.input
class ClanMemberInput:
    user_id: strawberry.ID


@strawberry.input
class ClanRoleSetInput:
    user_id: strawberry.ID
    role: ClanRole


@strawberry.input
class ClanRequestDecideInput:
    request_id: strawberry.ID
    accept: bool


@strawberry.input
class ClanUpdateInput:
    open: bool


@strawberry.type
class ClanPayload:
    clan: Clan | None = None
    errors: list[ClanError] = strawberry.field(default_factory=list)


@strawberry.type
class ClanJoinPayload:
    clan: Clan | None = None
    request: ClanRequest | None = strawberry.field(
        default=None, description="Set when the clan is closed: the request a leader or officer decides."
    )
    errors: list[ClanError] = strawberry.field(default_factory=list)


def clan_payload(row: ClanRow | None) -> ClanPayload:
    return ClanPayload(clan=Clan(row=row) if row is not None else None)


@strawberry.type
class ClansQuery:
    @strawberry.field(permission_classes=[IsAuthenticated])
    async def clan(self, info: Info, id: strawberry.ID) -> Clan | None:
        async with info.context.db.reader() as session:
            try:
                return Clan(row=await membership.require_clan(session, id))
            except DomainError:
                return None

    @strawberry.field(permission_classes=[IsAuthenticated], description="The clan you are in, if any.")
    async def my_clan(self, info: Info) -> Clan | None:
        async with info.context.db.reader() as session:
            me = await membership.membership(session, info.context.actor.user_id or 0)
            row = await session.get(ClanRow, me.clan_id) if me is not None else None
        return Clan(row=row) if row is not None else None

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Clans, newest first; search matches a part of the name in any case.",
    )
    async def clans(
        self, info: Info, first: int = 20, after: str | None = None, search: str | None = None
    ) -> ClanConnection:
        limit = check_first(first)
        before = decode_cursor("clan", after)
        async with info.context.db.reader() as session:
            rows = await membership.listing(session, after=before, limit=limit, search=search)
        return page(ClanConnection, rows, kind="clan", limit=limit, node=lambda r: Clan(row=r))

    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Requests to join your clan (leader and officers)."
    )
    async def clan_requests(self, info: Info) -> list[ClanRequest]:
        async with info.context.db.reader() as session:
            rows = await membership.requests(session, actor_id=info.context.actor.user_id or 0)
        return [ClanRequest(row=r) for r in rows]


@strawberry.type
class ClansMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite], description="Found a clan (open to join) and lead it."
    )
    async def clan_create(self, info: Info, input: ClanCreateInput) -> ClanPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanPayload,
            lambda s: membership.create(s, actor_id=ctx.actor.user_id or 0, name=input.name, clock=ctx.clock),
            clan_payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Join an open clan at once, or ask to join a closed one."
    )
    async def clan_join(self, info: Info, input: ClanJoinInput) -> ClanJoinPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanJoinPayload,
            lambda s: membership.join(
                s, actor_id=ctx.actor.user_id or 0, clan_id=input.clan_id, clock=ctx.clock
            ),
            lambda j: ClanJoinPayload(
                clan=Clan(row=j.clan), request=ClanRequest(row=j.request) if j.request is not None else None
            ),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Accept or decline a request to join.")
    async def clan_request_decide(self, info: Info, input: ClanRequestDecideInput) -> ClanPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanPayload,
            lambda s: membership.decide(
                s,
                actor_id=ctx.actor.user_id or 0,
                request_id=input.request_id,
                accept=input.accept,
                clock=ctx.clock,
            ),
            clan_payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Leave your clan (a leader alone disbands it: clan is null).",
    )
    async def clan_leave(self, info: Info) -> ClanPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanPayload,
            lambda s: membership.leave(s, actor_id=ctx.actor.user_id or 0, clock=ctx.clock),
            clan_payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Remove a member (leader, or officer for members)."
    )
    async def clan_kick(self, info: Info, input: ClanMemberInput) -> ClanPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanPayload,
            lambda s: membership.kick(
                s, actor_id=ctx.actor.user_id or 0, user_id=input.user_id, clock=ctx.clock
            ),
            clan_payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="The leader makes a member officer or member."
    )
    async def clan_role_set(self, info: Info, input: ClanRoleSetInput) -> ClanPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanPayload,
            lambda s: membership.set_role(
                s,
                actor_id=ctx.actor.user_id or 0,
                user_id=input.user_id,
                role=input.role.value,
                clock=ctx.clock,
            ),
            clan_payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="The leader hands the leadership to a member."
    )
    async def clan_leader_transfer(self, info: Info, input: ClanMemberInput) -> ClanPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanPayload,
            lambda s: membership.transfer(
                s, actor_id=ctx.actor.user_id or 0, user_id=input.user_id, clock=ctx.clock
            ),
            clan_payload,
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="The leader opens or closes the clan.")
    async def clan_update(self, info: Info, input: ClanUpdateInput) -> ClanPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanPayload,
            lambda s: membership.set_open(
                s, actor_id=ctx.actor.user_id or 0, open=input.open, clock=ctx.clock
            ),
            clan_payload,
        )
