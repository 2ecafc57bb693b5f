"""The activity feed: yours and your friends', reactions, and new items live."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from db.pubsub import user_channel
from resolvers.profiles import feed
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated
from schema.profiles.types import FeedItem, FeedKind, FeedScope, ProfileError

LIVE_KINDS = (feed.ITEM_EVENT, feed.REACTED_EVENT)


@strawberry.input
class FeedReactInput:
    item_id: strawberry.ID
    emoji: str = strawberry.field(description="One of 👍 ❤️ 🔥 🎉 😂 😮; the same again takes it back.")


@strawberry.type
class FeedReactPayload:
    item: FeedItem | None = None
    errors: list[ProfileError] = strawberry.field(default_factory=list)


def _kinds(kinds: list[FeedKind] | None) -> list[str] | None:
    return [k.value for k in kinds] if kinds else None


@strawberry.type
class FeedQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The newest activity (at most 50): yours, or yours and your friends' (the default).",
    )
    async def feed(
        self,
        info: Info,
        first: int = 20,
        kinds: list[FeedKind] | None = None,
        scope: FeedScope = FeedScope.FRIENDS,
    ) -> list[FeedItem]:
        async with info.context.db.reader() as session:
            rows = await feed.feed(
                session,
                viewer_id=info.context.actor.user_id or 0,
                scope=scope.value,
                kinds=_kinds(kinds),
                first=first,
            )
        return [FeedItem(row=r) for r in rows]


@strawberry.type
class FeedMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite], description="Adds or takes back your emoji on a feed item."
    )
    async def feed_react(self, info: Info, input: FeedReactInput) -> FeedReactPayload:
        ctx = info.context
        return await mutate(
            info,
            FeedReactPayload,
            lambda s: feed.react(
                s, actor_id=ctx.actor.user_id or 0, item_id=input.item_id, emoji=input.emoji, clock=ctx.clock
            ),
            lambda row: FeedReactPayload(item=FeedItem(row=row)),
        )


@strawberry.type
class FeedSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="Feed items as they appear (yours and your friends') or when their reactions change.",
    )
    async def feed_updated(
        self, info: Info, kinds: list[FeedKind] | None = None
    ) -> AsyncGenerator[FeedItem, None]:
        viewer = info.context.actor.user_id or 0
        wanted = _kinds(kinds)
        async with info.context.services.subscribe(user_channel(viewer)) as messages:
            async for message in messages:
                if message.get("kind") not in LIVE_KINDS:
                    continue
                ident = (message.get("payload") or {}).get("item_id")
                if not isinstance(ident, int):
                    continue
                async with info.context.db.reader() as session:
                    row = await feed.item_for(session, item_id=ident, viewer_id=viewer)
                if row is not None and (wanted is None or row.kind in wanted):
                    yield FeedItem(row=row)
