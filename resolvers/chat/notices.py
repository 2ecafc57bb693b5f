"""A private message to a player who is not watching the conversation notifies them ("new message
from X"), at most once per conversation per 10 minutes on the platform's clock; never from a player
they blocked. The 10 minutes are one conditional upsert on ``chat_dm_notices``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models.chat import ChatDmNotice
from resolvers import friends, notifications, retention
from resolvers.chat import texts
from resolvers.clock import Clock

EVERY = timedelta(minutes=10)
PREVIEW = 80
# Whether a player has the conversation open live: (user id, stored channel key) → bool
Watching = Callable[[int, str], Awaitable[bool]]


async def _due(session: AsyncSession, user_id: int, key: str, now: datetime) -> bool:
    stmt = insert_for(session, ChatDmNotice).values(user_id=user_id, channel=key, notified_at=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=["user_id", "channel"],
        set_={"notified_at": now},
        where=col(ChatDmNotice.notified_at) <= now - EVERY,
    ).returning(col(ChatDmNotice.user_id))
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def direct(
    session: AsyncSession,
    *,
    recipient_id: int,
    sender_id: int,
    sender_name: str,
    key: str,
    text: str,
    clock: Clock,
    watching: Watching | None,
) -> bool:
    """Notifies the recipient of a private message unless they watch it live, blocked the sender, or
    were notified of this conversation less than 10 minutes ago. Answers whether it notified."""
    if await friends.is_blocked(session, recipient_id, sender_id):
        return False
    if watching is not None and await watching(recipient_id, key):
        return False
    if not await _due(session, recipient_id, key, clock.now()):
        return False
    preview = text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"
    data = {"from": sender_name, "from_id": sender_id, "channel": f"dm:{sender_id}", "preview": preview}
    title, body = texts.dm_en(data)
    await notifications.notify(
        session, user_id=recipient_id, kind="chat.dm", title=title, body=body, data=data, clock=clock
    )
    return True


@retention.rule("chat.dm_notices", keep=timedelta(days=1))
async def prune(session: AsyncSession, cutoff: datetime) -> int:
    gone = await session.execute(delete(ChatDmNotice).where(col(ChatDmNotice.notified_at) < cutoff))
    return int(gone.rowcount or 0)  # type: ignore[attr-defined]
