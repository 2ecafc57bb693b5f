from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Delivery, Notification, User
from resolvers import events, retention
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes("notifications", "NOTHING_TO_MARK", "NOT_FOUND", "TOO_MANY_IDS")

MAX_IDS = 100


async def notify(
    session: AsyncSession,
    *,
    user_id: int,
    kind: str,
    title: str,
    body: str = "",
    data: dict[str, Any] | None = None,
    clock: Clock,
) -> Notification:
    note = Notification(
        user_id=user_id, kind=kind, title=title, body=body, data=data or {}, created_at=clock.now()
    )
    session.add(note)
    await session.flush()
    await events.append(
        session,
        kind="notification.created",
        clock=clock,
        subject=f"notification:{note.id}",
        audience=[user_id],
        payload={"notification_id": note.id, "user_id": user_id},
    )
    return note


@dataclass(frozen=True, kw_only=True)
class Note:
    user_id: int
    kind: str
    title: str
    body: str = ""
    data: dict[str, Any] = field(default_factory=dict)


_INSERT: Any = insert(Notification.metadata.tables["notifications"]).returning(col(Notification.id))


async def create_many(session: AsyncSession, notes: list[Note], *, clock: Clock) -> list[events.Spec]:
    """Stores the notifications in one statement; returns their ``notification.created`` events."""
    if not notes:
        return []
    now = clock.now()
    params = [
        {"user_id": n.user_id, "kind": n.kind, "title": n.title, "body": n.body, "data": n.data}
        | {"created_at": now}
        for n in notes
    ]
    connection = await session.connection()
    ids = sorted((await connection.execute(_INSERT, params)).scalars().all())  # see events.append_many
    return [
        events.Spec(
            kind="notification.created",
            subject=f"notification:{ident}",
            audience=[note.user_id],
            payload={"notification_id": int(ident), "user_id": note.user_id},
        )
        for note, ident in zip(notes, ids, strict=True)
    ]


async def staff(session: AsyncSession, *, moderators: bool = False) -> list[int]:
    """The admins' ids (and the moderators' with ``moderators``), in id order."""
    roles = ["admin", "moderator"] if moderators else ["admin"]
    query = select(col(User.id)).where(col(User.role).in_(roles)).order_by(col(User.id))
    return [int(u) for u in (await session.execute(query)).scalars()]


async def staff_notes(
    session: AsyncSession,
    *,
    kind: str,
    data: dict[str, Any],
    title: str,
    body: str = "",
    moderators: bool = False,
) -> list[Note]:
    """One note per admin (and moderator): for callers that hand their notes to ``movement.move``."""
    return [
        Note(user_id=u, kind=kind, title=title, body=body, data=data)
        for u in await staff(session, moderators=moderators)
    ]


async def notify_admins(
    session: AsyncSession,
    *,
    kind: str,
    data: dict[str, Any],
    title: str,
    body: str = "",
    clock: Clock,
    moderators: bool = False,
) -> int:
    """Tells the platform's staff: one stored notification per admin, through ``create_many``.

    Moderators are told too when the caller says the matter is theirs (``moderators=True``: a review
    queue, a dispute, a report); money and fraud matters go to admins only. Returns how many were
    stored; none without staff. Texts in the reader's language come from the kind, as for players.
    """
    notes = await staff_notes(session, kind=kind, data=data, title=title, body=body, moderators=moderators)
    await events.append_many(session, await create_many(session, notes, clock=clock), clock=clock)
    return len(notes)


async def mark_read(
    session: AsyncSession, *, user_id: int, ids: list[Any] | None, all_: bool, clock: Clock
) -> int:
    if not all_ and not ids:
        raise DomainError("NOTHING_TO_MARK", "Give notification ids or all: true.", "ids")
    if ids and len(ids) > MAX_IDS:
        raise DomainError("TOO_MANY_IDS", f"At most {MAX_IDS} ids at once.", "ids")
    parsed = [to_id(i) for i in ids or []]
    if None in parsed:
        raise DomainError("NOT_FOUND", "No such notification.", "ids")
    stmt = update(Notification).where(
        col(Notification.user_id) == user_id, col(Notification.read_at).is_(None)
    )
    if not all_:
        stmt = stmt.where(col(Notification.id).in_(parsed))
    result = await session.execute(stmt.values(read_at=clock.now()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def unread_count(session: AsyncSession, user_id: int) -> int:
    query = (
        select(func.count())
        .select_from(Notification)
        .where(
            col(Notification.user_id) == user_id,
            col(Notification.read_at).is_(None),
        )
    )
    return int((await session.execute(query)).scalar_one())


@retention.rule("notifications", keep=timedelta(days=90), config_key="retention.notifications_read")
async def _prune_read(session: AsyncSession, cutoff: datetime) -> int:
    """Read notifications; unread ones stay however old."""
    result = await session.execute(
        delete(Notification).where(col(Notification.read_at).is_not(None), col(Notification.read_at) < cutoff)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@retention.rule("deliveries", keep=timedelta(days=30), config_key="retention.deliveries")
async def _prune_sent(session: AsyncSession, cutoff: datetime) -> int:
    """Deliveries of notifications to other channels, once sent."""
    result = await session.execute(
        delete(Delivery).where(col(Delivery.status) == "sent", col(Delivery.created_at) < cutoff)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
