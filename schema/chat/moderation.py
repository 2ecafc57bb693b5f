"""Moderation: chatMute, chatUnmute, chatReport, the review queue chatReports, chatReportResolve,
chatMessageDelete and chatExport."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from resolvers.chat import messages, moderation
from resolvers.errors import DomainError
from schema.accounts import PublicUser
from schema.chat.types import ChatError, ChatMessage, ChatReport, refuse, user
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsModerator


@strawberry.enum
class ChatReportAction(Enum):
    DELETE = "DELETE"
    DISMISS = "DISMISS"
    MUTE = "MUTE"


@strawberry.enum
class ChatReportStatus(Enum):
    OPEN = "open"
    DELETED = "deleted"
    DISMISSED = "dismissed"
    MUTED = "muted"


@strawberry.type
class ChatMuteInfo:
    user_id: strawberry.Private[int]
    until: datetime | None = strawberry.field(description="Null once unmuted.")
    reason: str | None

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await user(info, self.user_id)


@strawberry.input
class ChatMuteInput:
    user_id: strawberry.ID
    minutes: int = strawberry.field(description="1 to 43200 (30 days).")
    reason: str | None = None


@strawberry.type
class ChatMutePayload:
    mute: ChatMuteInfo | None = None
    errors: list[ChatError] = strawberry.field(default_factory=list)


@strawberry.input
class ChatUnmuteInput:
    user_id: strawberry.ID


@strawberry.type
class ChatUnmutePayload:
    mute: ChatMuteInfo | None = None
    errors: list[ChatError] = strawberry.field(default_factory=list)


@strawberry.input
class ChatReportInput:
    message_id: strawberry.ID
    reason: str


@strawberry.type
class ChatReportPayload:
    report: ChatReport | None = None
    errors: list[ChatError] = strawberry.field(default_factory=list)


@strawberry.input
class ChatReportResolveInput:
    report_id: strawberry.ID
    action: ChatReportAction
    minutes: int | None = strawberry.field(default=None, description="For MUTE: 1 to 43200, 60 if null.")


@strawberry.input
class ChatMessageDeleteInput:
    message_id: strawberry.ID


@strawberry.type
class ChatMessageDeletePayload:
    message: ChatMessage | None = None
    errors: list[ChatError] = strawberry.field(default_factory=list)


@strawberry.type
class ChatModerationQuery:
    @strawberry.field(
        permission_classes=[IsModerator],
        description="The moderators' review queue: reports in a status (OPEN by default), oldest first.",
    )
    async def chat_reports(
        self, info: Info, status: ChatReportStatus = ChatReportStatus.OPEN, first: int | None = 50
    ) -> list[ChatReport]:
        limit = min(max(50 if first is None else first, 0), messages.MAX_FIRST)
        async with info.context.db.reader() as session:
            rows = await moderation.reports(session, status=status.value, limit=limit)
        return [ChatReport(row=r) for r in rows]

    @strawberry.field(
        permission_classes=[IsModerator],
        description="A conversation for moderation as JSON lines, oldest first, deleted messages "
        "too: channel is global, clan:<id>, dm:<userId> (with you) or dm:<userId>:<userId>.",
    )
    async def chat_export(self, info: Info, channel: str) -> str:
        async with info.context.db.reader() as session:
            try:
                return await messages.export(
                    session, viewer_id=info.context.actor.user_id or 0, channel=channel
                )
            except DomainError as exc:
                raise refuse(exc) from exc


@strawberry.type
class ChatModerationMutation:
    @strawberry.mutation(
        permission_classes=[IsModerator], description="Mute a player in the chat for a while."
    )
    async def chat_mute(self, info: Info, input: ChatMuteInput) -> ChatMutePayload:
        ctx = info.context
        mod = ctx.actor.user_id or 0
        return await mutate(
            info,
            ChatMutePayload,
            lambda s: moderation.mute(
                s,
                actor_id=mod,
                user_id=input.user_id,
                minutes=input.minutes,
                reason=input.reason,
                clock=ctx.clock,
            ),
            lambda row: ChatMutePayload(
                mute=ChatMuteInfo(user_id=row.user_id, until=row.until, reason=row.reason)
            ),
        )

    @strawberry.mutation(permission_classes=[IsModerator], description="End a player's chat mute now.")
    async def chat_unmute(self, info: Info, input: ChatUnmuteInput) -> ChatUnmutePayload:
        ctx = info.context
        return await mutate(
            info,
            ChatUnmutePayload,
            lambda s: moderation.unmute(
                s, actor_id=ctx.actor.user_id or 0, user_id=input.user_id, clock=ctx.clock
            ),
            lambda uid: ChatUnmutePayload(mute=ChatMuteInfo(user_id=uid, until=None, reason=None)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Report a message you can read to the moderators."
    )
    async def chat_report(self, info: Info, input: ChatReportInput) -> ChatReportPayload:
        ctx = info.context
        return await mutate(
            info,
            ChatReportPayload,
            lambda s: moderation.report(
                s,
                actor_id=ctx.actor.user_id or 0,
                message_id=input.message_id,
                reason=input.reason,
                clock=ctx.clock,
            ),
            lambda row: ChatReportPayload(report=ChatReport(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsModerator],
        description="Resolve a report: DELETE the message, DISMISS the report, or MUTE the author; every "
        "open report of that message is resolved alike.",
    )
    async def chat_report_resolve(self, info: Info, input: ChatReportResolveInput) -> ChatReportPayload:
        ctx = info.context
        return await mutate(
            info,
            ChatReportPayload,
            lambda s: moderation.resolve(
                s,
                actor_id=ctx.actor.user_id or 0,
                report_id=input.report_id,
                action=input.action.value,
                minutes=input.minutes,
                clock=ctx.clock,
            ),
            lambda row: ChatReportPayload(report=ChatReport(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsModerator],
        description="Delete a message: it leaves reads and search, and readers' open pages live "
        "(chatMessage sends it again with deleted true); its open reports are resolved as deleted.",
    )
    async def chat_message_delete(
        self, info: Info, input: ChatMessageDeleteInput
    ) -> ChatMessageDeletePayload:
        ctx = info.context
        return await mutate(
            info,
            ChatMessageDeletePayload,
            lambda s: moderation.delete_message(
                s, actor_id=ctx.actor.user_id or 0, message_id=input.message_id, clock=ctx.clock
            ),
            lambda row: ChatMessageDeletePayload(message=ChatMessage.from_row(row, row.channel)),
        )


ROOTS = (ChatModerationQuery, ChatModerationMutation)
