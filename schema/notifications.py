from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum

import strawberry
from sqlalchemy import select
from sqlmodel import col

from dataloaders.accounts import UserByIdLoader
from db.models import Notification as NotificationRow
from resolvers import notification_texts, notifications
from schema.core.connections import Connection, paginate
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated
from schema.core.scalars import JSON


@strawberry.type
class Notification:
    id: strawberry.ID
    kind: str
    title: str
    body: str
    data: JSON  # type: ignore[valid-type]
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def from_row(cls, row: NotificationRow, language: str | None = None) -> Notification:
        title, body = notification_texts.render(row.kind, row.data, language, title=row.title, body=row.body)
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=row.kind,
            title=title,
            body=body,
            data=row.data,
            created_at=row.created_at,
            read_at=row.read_at,
        )


async def reader_language(info: Info) -> str | None:
    """The request's Accept-Language when we write it, else the reader's account language."""
    request = info.context.request
    headers = getattr(request, "headers", None)
    asked = headers.get("accept-language") if headers is not None else None
    if notification_texts.language_of(asked):
        return str(asked)
    user_id = info.context.actor.user_id
    user = await info.context.loaders.get(UserByIdLoader).load(user_id) if user_id is not None else None
    return user.language if user is not None else None


@strawberry.type
class NotificationConnection(Connection[Notification]):
    unread_count: int


NotificationErrorCode = error_codes("Notification", notifications.ERRORS)


@strawberry.type
class NotificationError:
    code: Enum = strawberry.field(graphql_type=NotificationErrorCode)
    field: str | None
    message: str


@strawberry.input
class NotificationMarkReadInput:
    ids: list[strawberry.ID] | None = None
    all: bool = False


@strawberry.type
class NotificationMarkReadPayload:
    count: int = 0
    errors: list[NotificationError] = strawberry.field(default_factory=list)


@strawberry.type
class NotificationsQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="Your notifications, newest first.")
    async def notifications(
        self, info: Info, first: int = 20, after: str | None = None, unread_only: bool = False
    ) -> NotificationConnection:
        user_id = info.context.actor.user_id or 0
        query = select(NotificationRow).where(col(NotificationRow.user_id) == user_id)
        if unread_only:
            query = query.where(col(NotificationRow.read_at).is_(None))
        async with info.context.db.reader() as session:
            unread = await notifications.unread_count(session, user_id)
        language = await reader_language(info)
        return await paginate(
            info.context.db,
            NotificationConnection,
            query,
            kind="notification",
            first=first,
            after=after,
            column=col(NotificationRow.id),
            node=lambda row: Notification.from_row(row, language),
            unread_count=unread,
        )


@strawberry.type
class NotificationsMutation:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def notification_mark_read(
        self, info: Info, input: NotificationMarkReadInput
    ) -> NotificationMarkReadPayload:
        ctx = info.context
        return await mutate(
            info,
            NotificationMarkReadPayload,
            lambda s: notifications.mark_read(
                s, user_id=ctx.actor.user_id or 0, ids=input.ids, all_=input.all, clock=ctx.clock
            ),
            lambda count: NotificationMarkReadPayload(count=count),
        )


@strawberry.type
class NotificationsSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated], description="Your new notifications, live."
    )
    async def notification_received(self, info: Info) -> AsyncGenerator[Notification, None]:
        user_id = info.context.actor.user_id or 0
        language = await reader_language(info)
        async with info.context.services.subscribe(f"lucas:user:{user_id}") as messages:
            async for message in messages:
                if message.get("kind") != "notification.created":
                    continue
                async with info.context.db.reader() as session:
                    row = await session.get(NotificationRow, int(message["payload"]["notification_id"]))
                if row is not None and row.user_id == user_id:
                    yield Notification.from_row(row, language)


ROOTS = (NotificationsQuery, NotificationsMutation, NotificationsSubscription)
