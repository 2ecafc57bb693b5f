"""The Geometry Dash levels board: the community's ranked list of hardest levels.

Admins add, move and remove levels; the listed ones always hold positions 1..n (a move or a removal
shifts the others). Players submit a completion with a video link; moderators approve or reject it
(with a reason) and the player is notified either way. A completion is worth ``points(position)``
of the level's current position, so the board's leaderboard follows the list as it changes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.gdboard import GdLevel, GdSubmission
from resolvers import events, notification_texts, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes(
    "gdboard",
    "ALREADY_COMPLETED",
    "ALREADY_PENDING",
    "ALREADY_REVIEWED",
    "DUPLICATE_LEVEL",
    "INVALID_CREATOR",
    "INVALID_DIFFICULTY",
    "INVALID_GD_ID",
    "INVALID_NAME",
    "INVALID_POSITION",
    "INVALID_REASON",
    "INVALID_VIDEO_URL",
    "LEVEL_NOT_FOUND",
    "REASON_REQUIRED",
    "SUBMISSION_NOT_FOUND",
)

DIFFICULTIES = ("EASY_DEMON", "MEDIUM_DEMON", "HARD_DEMON", "INSANE_DEMON", "EXTREME_DEMON")
PENDING, APPROVED, REJECTED = "PENDING", "APPROVED", "REJECTED"
MAX_NAME = 80
MAX_URL = 500
MAX_REASON = 280
TOP_POINTS = 250
DECAY = 0.95
VIDEO_HOSTS = ("youtube.com", "youtu.be", "twitch.tv", "vk.com", "vkvideo.ru", "rutube.ru", "bilibili.com")


def points(position: int | None) -> int:
    """The published formula: 250 at #1, 5% less at each place below, never under 1."""
    if position is None or position < 1:
        return 0
    return max(1, math.floor(TOP_POINTS * DECAY ** (position - 1) + 0.5))


def video_host(url: str) -> str | None:
    """The known video site a link points at (``youtube.com``), or None for any other https link."""
    host = (urlsplit(url).hostname or "").lower()
    return next((h for h in VIDEO_HOSTS if host == h or host.endswith("." + h)), None)


def check_video_url(value: str) -> str:
    url = (value or "").strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port_ok = parts.port is None or parts.port == 443
    except ValueError:
        raise DomainError("INVALID_VIDEO_URL", "The video link is not a valid URL.", "video_url") from None
    if (
        len(url) > MAX_URL
        or parts.scheme != "https"
        or "." not in host
        or not port_ok
        or parts.username is not None
        or any(c.isspace() for c in url)
    ):
        raise DomainError(
            "INVALID_VIDEO_URL", "Give an https link to the video (YouTube, Twitch, …).", "video_url"
        )
    return url


def _text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text if 1 <= len(text) <= MAX_NAME else None


async def listed(session: AsyncSession) -> list[GdLevel]:
    query = select(GdLevel).where(col(GdLevel.position).is_not(None)).order_by(col(GdLevel.position))
    return list((await session.execute(query)).scalars().all())


async def by_position(session: AsyncSession, position: int) -> GdLevel | None:
    query = select(GdLevel).where(col(GdLevel.position) == position)
    return (await session.execute(query)).scalars().first()


async def _level(session: AsyncSession, level_id: Any) -> GdLevel:
    ident = to_id(level_id)
    level = await session.get(GdLevel, ident) if ident is not None else None
    if level is None or level.position is None:
        raise DomainError("LEVEL_NOT_FOUND", "No such level on the board.", "level_id")
    return level


def _renumber(levels: list[GdLevel]) -> None:
    for index, level in enumerate(levels, start=1):
        if level.position != index:
            level.position = index


async def add(
    session: AsyncSession,
    *,
    actor_id: int,
    name: str,
    creator: str,
    gd_id: Any,
    difficulty: str,
    position: int | None,
    clock: Clock,
) -> GdLevel:
    title, author = _text(name), _text(creator)
    if title is None:
        raise DomainError("INVALID_NAME", f"A name is 1 to {MAX_NAME} characters.", "name")
    if author is None:
        raise DomainError("INVALID_CREATOR", f"A creator is 1 to {MAX_NAME} characters.", "creator")
    ident = to_id(gd_id)
    if ident is None:
        raise DomainError("INVALID_GD_ID", "A Geometry Dash level id is a positive number.", "gd_id")
    if difficulty not in DIFFICULTIES:
        raise DomainError("INVALID_DIFFICULTY", "Unknown difficulty.", "difficulty")
    levels = await listed(session)
    target = len(levels) + 1 if position is None else position
    if not 1 <= target <= len(levels) + 1:
        raise DomainError("INVALID_POSITION", f"A new level goes at 1 to {len(levels) + 1}.", "position")
    if any(level.gd_id == ident for level in levels):
        raise DomainError("DUPLICATE_LEVEL", "This level is already on the board.", "gd_id")
    level = GdLevel(name=title, creator=author, gd_id=ident, difficulty=difficulty, created_at=clock.now())
    levels.insert(target - 1, level)
    session.add(level)
    _renumber(levels)
    await session.flush()
    return level


async def move(
    session: AsyncSession, *, actor_id: int, level_id: Any, position: int, clock: Clock
) -> GdLevel:
    level = await _level(session, level_id)
    levels = await listed(session)
    if not 1 <= position <= len(levels):
        raise DomainError("INVALID_POSITION", f"A position is 1 to {len(levels)}.", "position")
    levels.remove(level)
    levels.insert(position - 1, level)
    _renumber(levels)
    await session.flush()
    return level


async def remove(session: AsyncSession, *, actor_id: int, level_id: Any, clock: Clock) -> GdLevel:
    level = await _level(session, level_id)
    levels = [other for other in await listed(session) if other.id != level.id]
    level.position = None
    level.removed_at = clock.now()
    await session.flush()
    _renumber(levels)
    await session.flush()
    return level


async def submit(
    session: AsyncSession,
    *,
    actor_id: int,
    level_id: Any,
    position: int | None,
    video_url: str,
    clock: Clock,
) -> GdSubmission:
    if (level_id is None) == (position is None):
        raise DomainError("LEVEL_NOT_FOUND", "Give the level or its position.", "level_id")
    if position is not None:
        found = await by_position(session, position)
        if found is None:
            raise DomainError("LEVEL_NOT_FOUND", f"No level at #{position}.", "position")
        level = found
    else:
        level = await _level(session, level_id)
    url = check_video_url(video_url)
    query = select(col(GdSubmission.status)).where(
        col(GdSubmission.user_id) == actor_id,
        col(GdSubmission.level_id) == level.id,
        col(GdSubmission.status).in_((PENDING, APPROVED)),
    )
    statuses = set((await session.execute(query)).scalars().all())
    if APPROVED in statuses:
        raise DomainError(
            "ALREADY_COMPLETED", "Your completion of this level is already approved.", "level_id"
        )
    if PENDING in statuses:
        raise DomainError(
            "ALREADY_PENDING", "Your submission for this level is waiting for review.", "level_id"
        )
    row = GdSubmission(
        level_id=int(level.id or 0), user_id=actor_id, video_url=url, status=PENDING, created_at=clock.now()
    )
    session.add(row)
    await session.flush()
    data = {"submission_id": row.id, "level_id": level.id, "level": level.name, "position": level.position}
    title, body = _submitted(data)
    await notifications.notify_admins(
        session, kind="gdboard.submitted", data=data, title=title, body=body, clock=clock, moderators=True
    )
    return row


@dataclass(frozen=True, kw_only=True)
class Reviewed:
    submission: GdSubmission
    level: GdLevel


async def review(
    session: AsyncSession,
    *,
    actor_id: int,
    submission_id: Any,
    approve: bool,
    reason: str | None,
    clock: Clock,
) -> Reviewed:
    ident = to_id(submission_id)
    row = await session.get(GdSubmission, ident, with_for_update=True) if ident is not None else None
    if row is None:
        raise DomainError("SUBMISSION_NOT_FOUND", "No such submission.", "submission_id")
    if row.status != PENDING:
        raise DomainError("ALREADY_REVIEWED", "This submission was already reviewed.", "submission_id")
    text = (reason or "").strip() or None
    if not approve and text is None:
        raise DomainError("REASON_REQUIRED", "Say why the submission is rejected.", "reason")
    if text is not None and len(text) > MAX_REASON:
        raise DomainError("INVALID_REASON", f"A reason is at most {MAX_REASON} characters.", "reason")
    level = await session.get(GdLevel, row.level_id)
    assert level is not None
    row.status = APPROVED if approve else REJECTED
    row.reason = text
    row.reviewer_id = actor_id
    row.reviewed_at = clock.now()
    await session.flush()
    worth = points(level.position)
    data = {"submission_id": row.id, "level_id": level.id, "level": level.name, "position": level.position}
    data |= {"points": worth, "reason": text}
    if approve:
        await events.append(
            session,
            kind="gdboard.completion_approved",
            clock=clock,
            actor_id=row.user_id,
            subject=f"gd_submission:{row.id}",
            audience=[row.user_id],
            payload={"level_id": level.id, "points": worth},
        )
        title, body = _approved(data)
    else:
        title, body = _rejected(data)
    kind = "gdboard.approved" if approve else "gdboard.rejected"
    await notifications.notify(
        session, user_id=row.user_id, kind=kind, title=title, body=body, data=data, clock=clock
    )
    return Reviewed(submission=row, level=level)


def _approved(d: Mapping[str, Any]) -> tuple[str, str]:
    return f"✅ {d['level']} approved", f"Your completion of #{d['position']} is worth {d['points']} points."


def _rejected(d: Mapping[str, Any]) -> tuple[str, str]:
    return f"❌ {d['level']} rejected", f"Reason: {d['reason']}"


def _submitted(d: Mapping[str, Any]) -> tuple[str, str]:
    return f"🎬 #{d['position']} {d['level']}", "A completion waits for review."


notification_texts.define(
    "gdboard.submitted",
    en=_submitted,
    ru=lambda d: (f"🎬 #{d['position']} {d['level']}", "Прохождение ждёт проверки."),
)
notification_texts.define(
    "gdboard.approved",
    en=_approved,
    ru=lambda d: (f"✅ {d['level']} засчитан", f"Прохождение #{d['position']} принесло {d['points']} очков."),
)
notification_texts.define(
    "gdboard.rejected",
    en=_rejected,
    ru=lambda d: (f"❌ {d['level']} отклонён", f"Причина: {d['reason']}"),
)


async def submissions(
    session: AsyncSession, *, status: str | None, user_id: int | None, after: int | None, limit: int
) -> list[GdSubmission]:
    query = select(GdSubmission)
    if status is not None:
        query = query.where(col(GdSubmission.status) == status)
    if user_id is not None:
        query = query.where(col(GdSubmission.user_id) == user_id)
    if after is not None:
        query = query.where(col(GdSubmission.id) < after)
    query = query.order_by(col(GdSubmission.id).desc()).limit(limit + 1)
    return list((await session.execute(query)).scalars().all())


@dataclass(frozen=True, kw_only=True)
class Standing:
    rank: int
    user_id: int
    points: int
    completions: int
    hardest: GdLevel | None


async def standings(session: AsyncSession, *, user_id: int | None = None) -> list[Standing]:
    """Players by points over their approved completions of listed levels (ties: more completions,
    then the harder hardest level, then who joined first)."""
    query = (
        select(col(GdSubmission.user_id), GdLevel)
        .join(GdLevel, col(GdLevel.id) == col(GdSubmission.level_id))
        .where(col(GdSubmission.status) == APPROVED, col(GdLevel.position).is_not(None))
    )
    if user_id is not None:
        query = query.where(col(GdSubmission.user_id) == user_id)
    totals: dict[int, list[GdLevel]] = {}
    for uid, level in (await session.execute(query)).all():
        totals.setdefault(int(uid), []).append(level)
    rows = []
    for uid, levels in totals.items():
        hardest = min(levels, key=lambda lv: lv.position or 0)
        rows.append((sum(points(lv.position) for lv in levels), len(levels), hardest, uid))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2].position or 0, r[3]))
    return [
        Standing(rank=i, user_id=uid, points=total, completions=count, hardest=hardest)
        for i, (total, count, hardest, uid) in enumerate(rows, start=1)
    ]


async def count_listed(session: AsyncSession) -> int:
    query = select(func.count()).select_from(GdLevel).where(col(GdLevel.position).is_not(None))
    return int((await session.execute(query)).scalar_one())
