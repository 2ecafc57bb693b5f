"""Friends: requests, accept, decline, remove, block; the friends list with presence; activity."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.accounts import UserByIdLoader
from dataloaders.shop import ItemByIdLoader
from db.models.friends import FriendRequest as FriendRequestRow
from db.presence import MemoryPresence, Presence
from resolvers import friends
from schema.accounts import PublicUser
from schema.core.connections import check_first
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated

FriendErrorCode = error_codes("Friend", friends.ERRORS)


@strawberry.type
class FriendError:
    code: Enum = strawberry.field(graphql_type=FriendErrorCode)
    field: str | None
    message: str


@strawberry.enum
class FriendRequestStatus(Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"


@strawberry.enum
class FriendRequestDirection(Enum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


async def _user(info: Info, user_id: int) -> PublicUser | None:
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


def presence(info: Info) -> Presence:
    found: Presence = info.context.services.extras.setdefault("presence", MemoryPresence())
    return found


async def online_among(info: Info, user_ids: Iterable[int]) -> set[int]:
    return await presence(info).online(user_ids)


@strawberry.type
class FriendRequest:
    row: strawberry.Private[FriendRequestRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def status(self) -> FriendRequestStatus:
        return FriendRequestStatus(self.row.status)

    @strawberry.field
    async def sender(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.sender_id)

    @strawberry.field
    async def recipient(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.recipient_id)

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class Friend:
    user_id: strawberry.Private[int]
    online: bool = strawberry.field(description="Whether a live connection of theirs is open now.")
    since: datetime

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.user_id)


@strawberry.type
class BlockedUser:
    user_id: strawberry.Private[int]
    blocked_at: datetime

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.user_id)


@strawberry.type
class FriendActivity:
    ident: strawberry.Private[int]
    user_id: strawberry.Private[int]
    item_id: strawberry.Private[int | None]
    kind: str = strawberry.field(
        description="The event: gift.sent, shop.purchase, progression.level_up or achievement.unlocked."
    )
    at: datetime
    level: int | None = strawberry.field(
        default=None, description="The level reached (progression.level_up)."
    )
    achievement: str | None = strawberry.field(
        default=None, description="The key of the achievement unlocked (achievement.unlocked)."
    )

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.ident))

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.user_id)

    @strawberry.field(description="The shop item bought (shop.purchase), else null.")
    async def item_name(self, info: Info) -> str | None:
        if self.item_id is None:
            return None
        row = await info.context.loaders.get(ItemByIdLoader).load(self.item_id)
        return row.name if row is not None else None


@strawberry.input
class FriendUserInput:
    user_id: strawberry.ID


@strawberry.input
class FriendRequestInput:
    request_id: strawberry.ID


@strawberry.type
class FriendRequestPayload:
    request: FriendRequest | None = None
    errors: list[FriendError] = strawberry.field(default_factory=list)


@strawberry.type
class FriendUserPayload:
    user_id: strawberry.Private[int | None] = None
    errors: list[FriendError] = strawberry.field(default_factory=list)

    @strawberry.field(description="The other player.")
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.user_id) if self.user_id is not None else None


@strawberry.type
class FriendsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Your friends, with whether each is online now."
    )
    async def friends(self, info: Info) -> list[Friend]:
        async with info.context.db.reader() as session:
            found = await friends.friends_of(session, info.context.actor.user_id or 0)
        online = await online_among(info, (f.user_id for f in found))
        return [Friend(user_id=f.user_id, online=f.user_id in online, since=f.since) for f in found]

    @strawberry.field(permission_classes=[IsAuthenticated], description="Pending requests, newest first.")
    async def friend_requests(
        self, info: Info, direction: FriendRequestDirection = FriendRequestDirection.INCOMING
    ) -> list[FriendRequest]:
        async with info.context.db.reader() as session:
            rows = await friends.requests_of(session, info.context.actor.user_id or 0, direction.value)
        return [FriendRequest(row=r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated], description="Players you blocked.")
    async def blocked_users(self, info: Info) -> list[BlockedUser]:
        async with info.context.db.reader() as session:
            rows = await friends.blocked_by(session, info.context.actor.user_id or 0)
        return [BlockedUser(user_id=r.blocked_id, blocked_at=r.created_at) for r in rows]

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Your friends' public activity (gifts, purchases, levels, achievements), newest first.",
    )
    async def friends_activity(self, info: Info, first: int = 20) -> list[FriendActivity]:
        limit = check_first(first)
        async with info.context.db.reader() as session:
            rows = await friends.activity(session, info.context.actor.user_id or 0, limit=limit)
        return [
            FriendActivity(
                ident=a.id,
                user_id=a.user_id,
                item_id=a.item_id,
                kind=a.kind,
                at=a.at,
                level=a.level,
                achievement=a.achievement,
            )
            for a in rows
        ]


@strawberry.type
class FriendsMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Ask a player to be friends; if they already asked you, this accepts their request.",
    )
    async def friend_request_send(self, info: Info, input: FriendUserInput) -> FriendRequestPayload:
        ctx = info.context
        return await mutate(
            info,
            FriendRequestPayload,
            lambda s: friends.send(
                s, actor_id=ctx.actor.user_id or 0, user_id=input.user_id, clock=ctx.clock
            ),
            lambda row: FriendRequestPayload(request=FriendRequest(row=row)),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Accept a request sent to you.")
    async def friend_request_accept(self, info: Info, input: FriendRequestInput) -> FriendRequestPayload:
        ctx = info.context
        return await mutate(
            info,
            FriendRequestPayload,
            lambda s: friends.accept(
                s, actor_id=ctx.actor.user_id or 0, request_id=input.request_id, clock=ctx.clock
            ),
            lambda row: FriendRequestPayload(request=FriendRequest(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Decline a request sent to you, or withdraw your own."
    )
    async def friend_request_decline(self, info: Info, input: FriendRequestInput) -> FriendRequestPayload:
        ctx = info.context
        return await mutate(
            info,
            FriendRequestPayload,
            lambda s: friends.decline(
                s, actor_id=ctx.actor.user_id or 0, request_id=input.request_id, clock=ctx.clock
            ),
            lambda row: FriendRequestPayload(request=FriendRequest(row=row)),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="End a friendship.")
    async def friend_remove(self, info: Info, input: FriendUserInput) -> FriendUserPayload:
        ctx = info.context
        return await mutate(
            info,
            FriendUserPayload,
            lambda s: friends.remove(
                s, actor_id=ctx.actor.user_id or 0, user_id=input.user_id, clock=ctx.clock
            ),
            lambda user_id: FriendUserPayload(user_id=user_id),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Block a player: ends your friendship and requests; they cannot request, gift or trade.",
    )
    async def user_block(self, info: Info, input: FriendUserInput) -> FriendUserPayload:
        ctx = info.context
        return await mutate(
            info,
            FriendUserPayload,
            lambda s: friends.block(
                s, actor_id=ctx.actor.user_id or 0, user_id=input.user_id, clock=ctx.clock
            ),
            lambda user_id: FriendUserPayload(user_id=user_id),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Unblock a player.")
    async def user_unblock(self, info: Info, input: FriendUserInput) -> FriendUserPayload:
        ctx = info.context
        return await mutate(
            info,
            FriendUserPayload,
            lambda s: friends.unblock(
                s, actor_id=ctx.actor.user_id or 0, user_id=input.user_id, clock=ctx.clock
            ),
            lambda user_id: FriendUserPayload(user_id=user_id),
        )


ROOTS = (FriendsQuery, FriendsMutation)
