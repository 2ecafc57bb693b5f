"""What the chat publishes live: each message, whole, on its channel's subject ``chat:<key>``.

A deletion is the same message again with ``deleted: true`` and an empty text, on the same subject:
one stream per channel keeps a message and its deletion in order for every reader, and the payload
is one plain JSON object built once per message (nothing in it depends on who receives it).
"""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db import pubsub
from db.models import User
from db.models.chat import ChatMessage
from resolvers import events
from resolvers.clock import Clock

pubsub.public_subjects("chat")
KIND = "chat.message"


def subject(key: str) -> str:
    return f"chat:{key}"


def payload(row: ChatMessage, username: str) -> dict[str, Any]:
    return {
        "id": row.id,
        "channel": row.channel,
        "text": "" if row.deleted else row.text,
        "sender_id": row.sender_id,
        "username": username,
        "created_at": row.created_at.isoformat(),
        "deleted": row.deleted,
    }


async def username(session: AsyncSession, user_id: int) -> str:
    user = await session.get(User, user_id)
    return user.username if user is not None else ""


def publish(session: AsyncSession, row: ChatMessage, name: str, clock: Clock) -> None:
    """Publishes the message (new, or deleted) to its channel's watchers after commit."""
    events.signal(session, kind=KIND, subject=subject(row.channel), payload=payload(row, name), clock=clock)
