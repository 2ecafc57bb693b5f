"""Sending and reading messages.

A message is refused when empty or too long, in a channel the sender may not write to, to a player
who blocked them (or whom they blocked), while muted, and beyond 10 in the last minute (a rule of
the chat, counted on the platform's clock: the HTTP rate limits do not switch it off). Its text is
stored masked. After commit it is published, whole, to the channel's live subject ``chat:<key>``,
so subscribers on every server process get it without reading the database (``live``). A private
message also notifies its recipient when they are not watching the conversation (``notices``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, literal, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import User
from db.models.chat import ChatMessage, ChatMute, ChatOffence, ChatReport
from resolvers import friends, retention
from resolvers.chat import channels, live, moderation, notices, profanity
from resolvers.chat.channels import Channel
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes(
    "chat",
    "BLOCKED",
    "CHAT_RATE_LIMITED",
    "EMPTY",
    "MUTED",
    "TOO_LONG",
    uses=(channels.ERRORS, moderation.ERRORS),
)
subject = live.subject
live_payload = live.payload

MAX_TEXT = 500
PER_MINUTE = 10
MAX_FIRST = 100
KEEP = timedelta(days=90)
_LOCK_SPACE = 0x43484154 << 32


@dataclass(frozen=True, kw_only=True)
class Sent:
    message: ChatMessage
    channel: Channel
    username: str


async def _muted_until(session: AsyncSession, sender_id: int, now: datetime) -> datetime | None:
    """The sender's mute, if any. On PostgreSQL it first takes the sender's lock, in the same round
    trip: one sender's sends then insert one at a time, so concurrent sends never pass the limit
    (the insert, a statement of its own, counts in a snapshot taken after the lock)."""
    until = select(col(ChatMute.until)).where(col(ChatMute.user_id) == sender_id)
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        locked = select(func.pg_advisory_xact_lock(_LOCK_SPACE | sender_id), until.scalar_subquery())
        found = (await session.execute(locked)).one()[1]
    else:
        found = (await session.execute(until)).scalar_one_or_none()
    return found if found is not None and found > now else None


async def _insert_within_limit(session: AsyncSession, row: ChatMessage) -> int | None:
    """Inserts the message unless its sender sent ``PER_MINUTE`` in the minute before it (one
    statement: the count and the insert); its id, or None when refused."""
    table = ChatMessage.__table__  # type: ignore[attr-defined]
    recent = (
        select(func.count())
        .select_from(table)
        .where(table.c.sender_id == row.sender_id, table.c.created_at > row.created_at - timedelta(minutes=1))
        .scalar_subquery()
    )
    names = ("channel", "sender_id", "text", "search", "masked", "deleted", "created_at")
    values = select(*(literal(getattr(row, n), table.c[n].type) for n in names)).where(recent < PER_MINUTE)
    inserted = await session.execute(insert(table).from_select(names, values).returning(table.c.id))
    found = inserted.scalar_one_or_none()
    return None if found is None else int(found)


async def send(
    session: AsyncSession,
    *,
    actor_id: int,
    channel: str,
    text: str,
    clock: Clock,
    actor_name: str | None = None,
    watching: notices.Watching | None = None,
) -> Sent:
    body = (text or "").strip()
    if not body:
        raise DomainError("EMPTY", "Write something first.", "text")
    if len(body) > MAX_TEXT:
        raise DomainError("TOO_LONG", f"A message is at most {MAX_TEXT} characters.", "text")
    where = await channels.resolve(session, viewer_id=actor_id, name=channel)
    other = where.other
    if other is not None and (
        await friends.is_blocked(session, other, actor_id)
        or await friends.is_blocked(session, actor_id, other)
    ):
        raise DomainError("BLOCKED", "You cannot message this player.", "channel")
    now = clock.now()
    until = await _muted_until(session, actor_id, now)
    if until is not None:
        stamp = until.isoformat()[:16].replace("T", " ")
        raise DomainError("MUTED", f"You are muted in the chat until {stamp} UTC.", None)
    filtered = profanity.mask(body)
    row = ChatMessage(
        channel=where.key,
        sender_id=actor_id,
        text=filtered.text,
        search=filtered.text.casefold(),
        masked=filtered.masked,
        deleted=False,
        created_at=now,
    )
    row.id = await _insert_within_limit(session, row)
    if row.id is None:
        raise DomainError(
            "CHAT_RATE_LIMITED", f"At most {PER_MINUTE} messages a minute; wait a little.", None
        )
    if filtered.masked:
        await moderation.offence(session, user_id=actor_id, message_id=int(row.id or 0), clock=clock)
    username = actor_name or await live.username(session, actor_id)
    live.publish(session, row, username, clock)
    if other is not None:
        await notices.direct(
            session,
            recipient_id=other,
            sender_id=actor_id,
            sender_name=username,
            key=where.key,
            text=row.text,
            clock=clock,
            watching=watching,
        )
    return Sent(message=row, channel=where, username=username)


async def read(
    session: AsyncSession,
    *,
    viewer_id: int,
    channel: str,
    first: int,
    before: int | None = None,
    moderator: bool = False,
) -> tuple[Channel, list[ChatMessage]]:
    """The channel's newest ``first`` messages, newest first (``before``: older than that id)."""
    where = await channels.resolve(session, viewer_id=viewer_id, name=channel, moderator=moderator)
    query = select(ChatMessage).where(
        col(ChatMessage.channel) == where.key, col(ChatMessage.deleted).is_(False)
    )
    if before is not None:
        query = query.where(col(ChatMessage.id) < before)
    rows = await session.execute(
        query.order_by(col(ChatMessage.id).desc()).limit(min(max(first, 0), MAX_FIRST))
    )
    return where, list(rows.scalars().all())


async def search(
    session: AsyncSession, *, viewer_id: int, channel: str | None, query: str, first: int
) -> list[ChatMessage]:
    """Messages containing ``query`` (case-insensitive) in one channel, or in every channel the viewer
    may read, newest first."""
    needle = " ".join((query or "").split()).casefold()
    if not needle:
        raise DomainError("EMPTY", "Say what to look for.", "query")
    if len(needle) > 100:
        raise DomainError("TOO_LONG", "Search for at most 100 characters.", "query")
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    stmt = select(ChatMessage).where(
        col(ChatMessage.search).like(f"%{escaped}%", escape="\\"), col(ChatMessage.deleted).is_(False)
    )
    if channel:
        where = await channels.resolve(session, viewer_id=viewer_id, name=channel)
        stmt = stmt.where(col(ChatMessage.channel) == where.key)
    else:
        stmt = stmt.where(await channels.visible(session, viewer_id))
    rows = await session.execute(
        stmt.order_by(col(ChatMessage.id).desc()).limit(min(max(first, 0), MAX_FIRST))
    )
    return list(rows.scalars().all())


EXPORT_LIMIT = 10_000


async def export(session: AsyncSession, *, viewer_id: int, channel: str) -> str:
    """A conversation for moderation: one JSON object a line, oldest first, deleted messages too."""
    where = await channels.resolve(session, viewer_id=viewer_id, name=channel, moderator=True)
    rows = await session.execute(
        select(ChatMessage, col(User.username))
        .join(User, col(User.id) == col(ChatMessage.sender_id), isouter=True)
        .where(col(ChatMessage.channel) == where.key)
        .order_by(col(ChatMessage.id))
        .limit(EXPORT_LIMIT)
    )
    lines = []
    for message, username in rows.all():
        line = live_payload(message, username or "") | {"text": message.text, "masked": message.masked}
        lines.append(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines) + ("\n" if lines else "")


@dataclass(frozen=True, kw_only=True)
class Listed:
    name: str
    kind: str
    user_id: int | None = None
    clan_id: int | None = None


async def listed(session: AsyncSession, *, viewer_id: int) -> list[Listed]:
    """The channels a player may write to: global, their clan, and a DM with each friend and with
    whoever they already talk to."""
    from resolvers.clans import membership

    out = [Listed(name="global", kind="global")]
    member = await membership.membership(session, viewer_id)
    if member is not None:
        out.append(Listed(name="clan", kind="clan", clan_id=member.clan_id))
    partners = [f.user_id for f in await friends.friends_of(session, viewer_id)]
    keys = await session.execute(
        select(col(ChatMessage.channel))
        .where(await channels.visible(session, viewer_id), col(ChatMessage.channel).like("dm:%"))
        .group_by(col(ChatMessage.channel))
        .limit(MAX_FIRST)
    )
    for key in keys.scalars().all():
        a, b = (int(x) for x in key.split(":")[1:])
        partners.append(b if a == viewer_id else a)
    seen: set[int] = set()
    for partner in partners:
        if partner not in seen and partner != viewer_id:
            seen.add(partner)
            out.append(Listed(name=f"dm:{partner}", kind="dm", user_id=partner))
    return out


@retention.rule("chat.messages", keep=KEEP)
async def prune(session: AsyncSession, cutoff: datetime) -> int:
    """Messages older than the cutoff go, with their offences and reports."""
    old = select(col(ChatMessage.id)).where(col(ChatMessage.created_at) < cutoff)
    await session.execute(delete(ChatReport).where(col(ChatReport.message_id).in_(old)))
    await session.execute(delete(ChatOffence).where(col(ChatOffence.created_at) < cutoff))
    gone = await session.execute(delete(ChatMessage).where(col(ChatMessage.created_at) < cutoff))
    return int(gone.rowcount or 0)  # type: ignore[attr-defined]
