"""Mutes (by moderators, or automatic after repeated profanity), offences, reports and their review.

Each masked message is an offence: the second within a day warns the player (a notification), the
third and later mute them for an hour. A moderator mutes for 1 minute to 30 days, or unmutes.
A report waits in the review queue until a moderator deletes the message, dismisses the report,
or mutes the author; resolving one resolves every open report of that message alike. A moderator
may also delete a message directly (its open reports are resolved as deleted). A deletion reaches
the channel's readers live (``live``); a warning, a mute and an unmute reach the player as a
notification, whose data the chat page reads to show the mute's end instead of the input box.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import User
from db.models.chat import ChatMessage, ChatMute, ChatOffence, ChatReport
from resolvers import notifications
from resolvers.chat import channels, live, texts
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes(
    "chat_moderation",
    "ALREADY_DELETED",
    "ALREADY_REPORTED",
    "ALREADY_RESOLVED",
    "INVALID_DURATION",
    "INVALID_REASON",
    "NOT_MUTED",
    "SELF_REPORT",
    "UNKNOWN_MESSAGE",
    "UNKNOWN_REPORT",
    "UNKNOWN_USER",
)

OFFENCE_WINDOW = timedelta(hours=24)
WARN_AT = 2
MUTE_AT = 3
AUTO_MUTE = timedelta(hours=1)
MAX_MINUTES = 30 * 24 * 60
MAX_REASON = 200
ACTIONS = ("DELETE", "DISMISS", "MUTE")
STATUS = {"DELETE": "deleted", "DISMISS": "dismissed", "MUTE": "muted"}


async def _set_mute(
    session: AsyncSession, *, user_id: int, until: datetime, reason: str, by_id: int | None, clock: Clock
) -> ChatMute:
    row = await session.get(ChatMute, user_id)
    if row is None:
        row = ChatMute(user_id=user_id, until=until, reason=reason, by_id=by_id, created_at=clock.now())
        session.add(row)
    else:
        row.until, row.reason, row.by_id, row.created_at = until, reason, by_id, clock.now()
    await session.flush()
    data = {"until": until.isoformat(), "reason": reason}
    title, body = texts.muted_en(data)
    await notifications.notify(
        session, user_id=user_id, kind="chat.muted", title=title, body=body, data=data, clock=clock
    )
    return row


async def offence(session: AsyncSession, *, user_id: int, message_id: int, clock: Clock) -> int:
    """Records a masked message; warns at the second offence of a day, mutes from the third."""
    now = clock.now()
    session.add(ChatOffence(user_id=user_id, message_id=message_id, created_at=now))
    await session.flush()
    count = (
        await session.execute(
            select(func.count())
            .select_from(ChatOffence)
            .where(col(ChatOffence.user_id) == user_id, col(ChatOffence.created_at) > now - OFFENCE_WINDOW)
        )
    ).scalar_one()
    if count >= MUTE_AT:
        await _set_mute(
            session, user_id=user_id, until=now + AUTO_MUTE, reason="profanity", by_id=None, clock=clock
        )
    elif count >= WARN_AT:
        data = {"offences": int(count)}
        title, body = texts.warning_en(data)
        await notifications.notify(
            session, user_id=user_id, kind="chat.warning", title=title, body=body, data=data, clock=clock
        )
    return int(count)


def _minutes(raw: Any) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or not 1 <= raw <= MAX_MINUTES:
        raise DomainError("INVALID_DURATION", f"A mute lasts 1 to {MAX_MINUTES} minutes.", "minutes")
    return raw


def _reason(raw: Any, *, required: bool) -> str:
    text = " ".join(str(raw or "").split())
    if (required and not text) or len(text) > MAX_REASON:
        raise DomainError("INVALID_REASON", f"Give a reason of at most {MAX_REASON} characters.", "reason")
    return text


async def mute(
    session: AsyncSession, *, actor_id: int, user_id: Any, minutes: Any, reason: Any, clock: Clock
) -> ChatMute:
    target = to_id(user_id)
    if target is None or await session.get(User, target) is None:
        raise DomainError("UNKNOWN_USER", "No such player.", "userId")
    length = _minutes(minutes)
    why = _reason(reason, required=False) or "moderator"
    return await _set_mute(
        session,
        user_id=target,
        until=clock.now() + timedelta(minutes=length),
        reason=why,
        by_id=actor_id,
        clock=clock,
    )


async def unmute(session: AsyncSession, *, actor_id: int, user_id: Any, clock: Clock) -> int:
    target = to_id(user_id)
    row = await session.get(ChatMute, target) if target is not None else None
    if target is None or row is None or row.until <= clock.now():
        raise DomainError("NOT_MUTED", "This player is not muted.", "userId")
    await session.delete(row)
    await session.flush()
    title, body = texts.unmuted_en({})
    await notifications.notify(
        session, user_id=target, kind="chat.unmuted", title=title, body=body, data={}, clock=clock
    )
    return target


async def report(
    session: AsyncSession, *, actor_id: int, message_id: Any, reason: Any, clock: Clock
) -> ChatReport:
    ident = to_id(message_id)
    message = await session.get(ChatMessage, ident) if ident is not None else None
    if (
        message is None
        or message.deleted
        or not await channels.may_read(session, viewer_id=actor_id, key=message.channel)
    ):
        raise DomainError("UNKNOWN_MESSAGE", "No such message.", "messageId")
    if message.sender_id == actor_id:
        raise DomainError("SELF_REPORT", "You cannot report your own message.", "messageId")
    why = _reason(reason, required=True)
    existing = await session.execute(
        select(col(ChatReport.id)).where(
            col(ChatReport.message_id) == message.id, col(ChatReport.reporter_id) == actor_id
        )
    )
    if existing.first() is not None:
        raise DomainError("ALREADY_REPORTED", "You have already reported this message.", "messageId")
    row = ChatReport(
        message_id=int(message.id or 0),
        reporter_id=actor_id,
        reason=why,
        status="open",
        created_at=clock.now(),
    )
    session.add(row)
    await session.flush()
    return row


async def reports(session: AsyncSession, *, status: str, limit: int) -> list[ChatReport]:
    """Reports in a status (``open``: the review queue), oldest first."""
    rows = await session.execute(
        select(ChatReport).where(col(ChatReport.status) == status).order_by(col(ChatReport.id)).limit(limit)
    )
    return list(rows.scalars().all())


async def resolve(
    session: AsyncSession, *, actor_id: int, report_id: Any, action: str, minutes: Any, clock: Clock
) -> ChatReport:
    ident = to_id(report_id)
    row = await session.get(ChatReport, ident) if ident is not None else None
    if row is None:
        raise DomainError("UNKNOWN_REPORT", "No such report.", "reportId")
    if row.status != "open":
        raise DomainError("ALREADY_RESOLVED", "This report is already resolved.", "reportId")
    message = await session.get(ChatMessage, row.message_id)
    if action == "MUTE" and message is not None:
        length = _minutes(60 if minutes is None else minutes)
        await _set_mute(
            session,
            user_id=message.sender_id,
            until=clock.now() + timedelta(minutes=length),
            reason=f"reported: {row.reason}"[:MAX_REASON],
            by_id=actor_id,
            clock=clock,
        )
    if action == "DELETE" and message is not None and not message.deleted:
        await _delete(session, message, clock)
    await session.execute(
        update(ChatReport)
        .where(col(ChatReport.message_id) == row.message_id, col(ChatReport.status) == "open")
        .values(status=STATUS[action], resolved_by=actor_id, resolved_at=clock.now())
    )
    await session.flush()
    await session.refresh(row)
    return row


async def _delete(session: AsyncSession, message: ChatMessage, clock: Clock) -> None:
    message.deleted = True
    session.add(message)
    await session.flush()
    live.publish(session, message, await live.username(session, message.sender_id), clock)


async def delete_message(
    session: AsyncSession, *, actor_id: int, message_id: Any, clock: Clock
) -> ChatMessage:
    """A moderator deletes a message: gone from reads, search and the readers' open pages; its open
    reports are resolved as deleted."""
    ident = to_id(message_id)
    message = await session.get(ChatMessage, ident) if ident is not None else None
    if message is None:
        raise DomainError("UNKNOWN_MESSAGE", "No such message.", "messageId")
    if message.deleted:
        raise DomainError("ALREADY_DELETED", "This message is already deleted.", "messageId")
    await _delete(session, message, clock)
    await session.execute(
        update(ChatReport)
        .where(col(ChatReport.message_id) == message.id, col(ChatReport.status) == "open")
        .values(status="deleted", resolved_by=actor_id, resolved_at=clock.now())
    )
    return message


async def current_mute(session: AsyncSession, user_id: int, now: datetime) -> ChatMute | None:
    row = await session.get(ChatMute, user_id)
    return row if row is not None and row.until > now else None
