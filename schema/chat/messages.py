"""chatSend, chatMessages (newest first), chatSearch, chatChannels, chatMuted and the live chatMessage."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator
from typing import Any

import strawberry

from db.pubsub import subject_channel
from resolvers.chat import channels, messages, moderation
from resolvers.errors import DomainError
from resolvers.ids import to_id
from schema.chat import watching
from schema.chat.moderation import ChatMuteInfo
from schema.chat.types import ChatChannel, ChatError, ChatMessage, label, refuse, user
from schema.core import live
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated


@strawberry.input
class ChatSendInput:
    channel: str = strawberry.field(description="global, clan (your clan) or dm:<userId>.")
    text: str


@strawberry.type
class ChatSendPayload:
    message: ChatMessage | None = None
    errors: list[ChatError] = strawberry.field(default_factory=list)


@strawberry.type
class ChatQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="A channel's newest messages, NEWEST FIRST (first: at most 100; before: a message "
        "id, for older ones). Players read global, their clan and their own dm:<userId>.",
    )
    async def chat_messages(
        self, info: Info, channel: str, first: int | None = 50, before: strawberry.ID | None = None
    ) -> list[ChatMessage]:
        ctx = info.context
        async with ctx.db.reader() as session:
            try:
                where, rows = await messages.read(
                    session,
                    viewer_id=ctx.actor.user_id or 0,
                    channel=channel,
                    first=50 if first is None else first,
                    before=to_id(before) if before is not None else None,
                    moderator=ctx.actor.has_role("moderator"),
                )
            except DomainError as exc:
                raise refuse(exc) from exc
        return [ChatMessage.from_row(row, where.name) for row in rows]

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Messages containing query (case-insensitive), newest first, in one channel or, "
        "without channel, in every channel you may read.",
    )
    async def chat_search(
        self, info: Info, query: str, channel: str | None = None, first: int | None = 50
    ) -> list[ChatMessage]:
        ctx = info.context
        viewer = ctx.actor.user_id or 0
        async with ctx.db.reader() as session:
            try:
                rows = await messages.search(
                    session,
                    viewer_id=viewer,
                    channel=channel,
                    query=query,
                    first=50 if first is None else first,
                )
            except DomainError as exc:
                raise refuse(exc) from exc
        return [ChatMessage.from_row(row, label(row.channel, viewer)) for row in rows]

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The channels you may write to: global, your clan, a dm with each friend and with "
        "whoever you already talk to.",
    )
    async def chat_channels(self, info: Info) -> list[ChatChannel]:
        async with info.context.db.reader() as session:
            found = await messages.listed(session, viewer_id=info.context.actor.user_id or 0)
        return [
            ChatChannel(
                name=c.name, kind=c.kind, user=await user(info, c.user_id) if c.user_id is not None else None
            )
            for c in found
        ]

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Your chat mute while it lasts (until, reason), null when you may write. The page "
        "shows its end instead of the input box; chat.muted and chat.unmuted notifications tell it "
        "live when this changes.",
    )
    async def chat_muted(self, info: Info) -> ChatMuteInfo | None:
        ctx = info.context
        async with ctx.db.reader() as session:
            row = await moderation.current_mute(session, ctx.actor.user_id or 0, ctx.clock.now())
        return ChatMuteInfo(user_id=row.user_id, until=row.until, reason=row.reason) if row else None


@strawberry.type
class ChatMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Send a message (at most 500 characters, 10 a minute); profanity is stored masked.",
    )
    async def chat_send(self, info: Info, input: ChatSendInput) -> ChatSendPayload:
        ctx = info.context
        return await mutate(
            info,
            ChatSendPayload,
            lambda s: messages.send(
                s,
                actor_id=ctx.actor.user_id or 0,
                channel=input.channel,
                text=input.text,
                clock=ctx.clock,
                actor_name=ctx.actor.username,
                watching=watching.of(ctx.services.extras).watching,
            ),
            lambda sent: ChatSendPayload(
                message=ChatMessage.from_row(sent.message, sent.channel.name, sent.username)
            ),
        )


@strawberry.type
class ChatSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="Each new message of a channel you may read (global, clan, dm:<userId>), live "
        "from every server process; a message a moderator deletes comes again with deleted true and "
        "an empty text.",
    )
    async def chat_message(self, info: Info, channel: str) -> AsyncGenerator[ChatMessage, None]:
        """Deletions come through this same subscription rather than a second one: one stream per
        channel keeps a message and its deletion in order, a page holds one subscription, and the
        published item stays one JSON object per message (``resolvers/chat/live.py``). While a player
        watches a private conversation here, its messages do not notify them."""
        ctx = info.context
        async with ctx.db.reader() as session:
            try:
                where = await channels.resolve(
                    session,
                    viewer_id=ctx.actor.user_id or 0,
                    name=channel,
                    moderator=ctx.actor.has_role("moderator"),
                )
            except DomainError as exc:
                raise refuse(exc) from exc
        viewer = ctx.actor.user_id or 0
        watch: contextlib.AbstractAsyncContextManager[None] = (
            watching.of(ctx.services.extras).watch(viewer, where.key)
            if viewer in where.members
            else contextlib.nullcontext()
        )

        def build(message: dict[str, Any]) -> ChatMessage | None:
            if message.get("kind") != "chat.message":
                return None
            return ChatMessage.from_live(message["payload"], where.name)

        # Nothing in a message depends on who reads it beyond the channel's name. Keyed by the
        # message and whether it is its deletion: a live-only signal has no event id, a deletion
        # must not replay the message, and ids repeat across test databases in one process.
        async with watch:
            async for item in live.stream(
                info,
                subject_channel(messages.subject(where.key)),
                build,
                key=lambda m: ("chat", where.key, where.name, m.id, m.created_at, m.deleted),
                group=("chat", where.key, where.name),
            ):
                yield item


ROOTS = (ChatQuery, ChatMutation, ChatSubscription)
