"""The chat's GraphQL types: a message, a report, a listed channel, the payload error."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from dataloaders.accounts import UserByIdLoader
from dataloaders.chat import ChatMessageByIdLoader
from db.models.chat import ChatMessage as MessageRow
from db.models.chat import ChatReport as ReportRow
from resolvers.chat import messages
from resolvers.errors import DomainError
from schema.accounts import PublicUser
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.permissions import PermissionDenied

ChatErrorCode = error_codes("Chat", messages.ERRORS)
REFUSED = ("NO_ACCESS", "NOT_IN_CLAN")


@strawberry.type
class ChatError:
    code: Enum = strawberry.field(graphql_type=ChatErrorCode)
    field: str | None
    message: str


def label(key: str, viewer_id: int | None) -> str:
    """The name the viewer uses for a stored key: ``clan`` for their clan, ``dm:<other>`` for theirs."""
    if key.startswith("clan:"):
        return "clan"
    if key.startswith("dm:") and viewer_id is not None:
        a, b = (int(x) for x in key.split(":")[1:])
        if viewer_id in (a, b):
            return f"dm:{b if a == viewer_id else a}"
    return key


async def user(info: Info, user_id: int) -> PublicUser | None:
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type
class ChatMessage:
    id: strawberry.ID
    text: str = strawberry.field(description="As stored: profanity is masked with *.")
    channel: str = strawberry.field(
        description="The channel as the reader names it (global, clan, dm:<userId>); moderators "
        "reading a stored key see the key."
    )
    channel_key: str = strawberry.field(description="The stored key: global, clan:<id>, dm:<low>:<high>.")
    created_at: datetime
    sender_id: strawberry.Private[int]
    username: strawberry.Private[str | None] = None
    deleted: bool = strawberry.field(
        default=False,
        description="True when a moderator deleted it: chatMessage then sends the message again with "
        "deleted true and an empty text, so open pages remove it.",
    )

    @strawberry.field
    async def author(self, info: Info) -> PublicUser | None:
        if self.username:
            return PublicUser(id=strawberry.ID(str(self.sender_id)), username=self.username)
        return await user(info, self.sender_id)

    @classmethod
    def from_row(cls, row: MessageRow, name: str, username: str | None = None) -> ChatMessage:
        return cls(
            id=strawberry.ID(str(row.id)),
            text=row.text,
            channel=name,
            channel_key=row.channel,
            created_at=row.created_at,
            sender_id=row.sender_id,
            username=username,
            deleted=row.deleted,
        )

    @classmethod
    def from_live(cls, payload: dict[str, Any], name: str) -> ChatMessage:
        return cls(
            id=strawberry.ID(str(payload["id"])),
            text=payload["text"],
            channel=name,
            channel_key=payload["channel"],
            created_at=datetime.fromisoformat(payload["created_at"]),
            sender_id=int(payload["sender_id"]),
            username=payload.get("username"),
            deleted=bool(payload.get("deleted", False)),
        )


@strawberry.type
class ChatReport:
    row: strawberry.Private[ReportRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def reason(self) -> str:
        return self.row.reason

    @strawberry.field(description="open, deleted (the message), dismissed or muted (the author).")
    def status(self) -> str:
        return self.row.status

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    async def reporter(self, info: Info) -> PublicUser | None:
        return await user(info, self.row.reporter_id)

    @strawberry.field(description="The reported message (null once retention removed it).")
    async def message(self, info: Info) -> ChatMessage | None:
        row = await info.context.loaders.get(ChatMessageByIdLoader).load(self.row.message_id)
        return ChatMessage.from_row(row, row.channel) if row is not None else None


@strawberry.type
class ChatChannel:
    name: str = strawberry.field(description="What to pass as channel: global, clan, dm:<userId>.")
    kind: str = strawberry.field(description="global, clan or dm.")
    user: PublicUser | None = strawberry.field(description="The other player of a dm.")


def refuse(exc: DomainError) -> Exception:
    """A channel the caller may not read: FORBIDDEN; any other mistake stays a user-input error."""
    return PermissionDenied(exc.message) if exc.code in REFUSED else exc
