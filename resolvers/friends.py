"""Friends: requests, accept, decline, remove, block, and the friends' recent public activity.

A friendship is one row per unordered pair (``user_low < user_high``), so it is mutual by
construction; at most one request per pair is pending (a partial unique index). A request to
someone who already asked you accepts theirs. Blocking removes the friendship and the pending
requests between the two; the blocked player then cannot friend-request, gift, trade with or
message the blocker (``is_blocked`` is the check other domains call).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, or_, select, text, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Event, User
from db.models.friends import PENDING, FriendRequest, Friendship, UserBlock
from resolvers import events, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes(
    "friends",
    "ALREADY_BLOCKED",
    "ALREADY_FRIENDS",
    "BLOCKED",
    "NOT_BLOCKED",
    "NOT_FOUND",
    "NOT_FRIENDS",
    "REQUEST_EXISTS",
    "SELF",
)

ACCEPTED, DECLINED, CANCELLED = "accepted", "declined", "cancelled"
# Events of a player that their friends may see: what happened, never amounts or counterparties.
PUBLIC_KINDS = ("gift.sent", "shop.purchase", "progression.level_up", "achievement.unlocked")
MAX_LIST = 200

Direction = Literal["incoming", "outgoing"]


@dataclass(frozen=True, kw_only=True)
class Friend:
    user_id: int
    since: datetime


@dataclass(frozen=True, kw_only=True)
class Activity:
    id: int
    user_id: int
    kind: str
    item_id: int | None
    at: datetime
    level: int | None = None
    achievement: str | None = None


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


async def is_blocked(session: AsyncSession, by: int, who: int) -> bool:
    """Whether ``by`` has blocked ``who`` (then ``who`` may not request, gift, trade or message)."""
    return await session.get(UserBlock, (by, who)) is not None


async def are_friends(session: AsyncSession, a: int, b: int) -> bool:
    return a != b and await session.get(Friendship, pair(a, b)) is not None


async def _target(session: AsyncSession, actor_id: int, raw: Any) -> User:
    ident = to_id(raw)
    user = await session.get(User, ident) if ident is not None else None
    if user is None:
        raise DomainError("NOT_FOUND", "No such player.", "userId")
    if user.id == actor_id:
        raise DomainError("SELF", "That is you.", "userId")
    return user


async def _name(session: AsyncSession, user_id: int) -> str:
    user = await session.get(User, user_id)
    return user.username if user is not None else "someone"


async def send(session: AsyncSession, *, actor_id: int, user_id: Any, clock: Clock) -> FriendRequest:
    """Asks ``user_id`` to be friends; when they already asked, accepts their request instead."""
    target = await _target(session, actor_id, user_id)
    other = int(target.id or 0)
    if await is_blocked(session, other, actor_id):
        raise DomainError("BLOCKED", "This player does not accept requests from you.", "userId")
    if await is_blocked(session, actor_id, other):
        raise DomainError("BLOCKED", "You blocked this player; unblock them first.", "userId")
    if await are_friends(session, actor_id, other):
        raise DomainError("ALREADY_FRIENDS", "You are already friends.", "userId")
    low, high = pair(actor_id, other)
    theirs = (
        await session.execute(
            select(FriendRequest).where(
                col(FriendRequest.sender_id) == other,
                col(FriendRequest.recipient_id) == actor_id,
                col(FriendRequest.status) == PENDING,
            )
        )
    ).scalar_one_or_none()
    if theirs is not None:
        try:
            return await accept(session, actor_id=actor_id, request_id=theirs.id, clock=clock)
        except DomainError as exc:
            # Two requests crossing theirs: the other one accepted it first.
            if exc.code == "NOT_FOUND" and await are_friends(session, actor_id, other):
                raise DomainError("ALREADY_FRIENDS", "You are already friends.", "userId") from exc
            raise
    now = clock.now()
    stmt = (
        insert_for(session, FriendRequest)
        .values(sender_id=actor_id, recipient_id=other, user_low=low, user_high=high)
        .values(status=PENDING, created_at=now)
        # The predicate is a literal: a bound parameter fails PostgreSQL's generic plans.
        .on_conflict_do_nothing(
            index_elements=["user_low", "user_high"], index_where=text("status = 'pending'")
        )
        .returning(col(FriendRequest.id))
    )
    ident = (await session.execute(stmt)).scalar_one_or_none()
    if ident is None:
        raise DomainError("REQUEST_EXISTS", "A request between you is already waiting.", "userId")
    request = await session.get(FriendRequest, ident)
    assert request is not None
    sender = await _name(session, actor_id)
    await events.append(
        session,
        kind="friend.requested",
        clock=clock,
        actor_id=actor_id,
        subject=f"friend_request:{ident}",
        audience=[actor_id, other],
        payload={"request_id": ident},
    )
    await notifications.notify(
        session,
        user_id=other,
        kind="friend.request",
        title=f"{sender} wants to be friends",
        body="Accept or decline the request on the Friends page.",
        data={"request_id": ident, "from_user_id": actor_id, "from_username": sender},
        clock=clock,
    )
    return request


async def _pending_to(session: AsyncSession, actor_id: int, request_id: Any) -> FriendRequest:
    ident = to_id(request_id)
    request = await session.get(FriendRequest, ident) if ident is not None else None
    party = request is not None and actor_id in (request.recipient_id, request.sender_id)
    if request is None or request.status != PENDING or not party:
        raise DomainError("NOT_FOUND", "No such pending request.", "requestId")
    return request


async def _decide(session: AsyncSession, request_id: int, status: str, clock: Clock) -> None:
    """Moves a pending request to ``status``; a request decided meanwhile is NOT_FOUND."""
    decided = await session.execute(
        update(FriendRequest)
        .where(col(FriendRequest.id) == request_id, col(FriendRequest.status) == PENDING)
        .values(status=status, decided_at=clock.now())
        .returning(col(FriendRequest.id))
    )
    if decided.scalar_one_or_none() is None:
        raise DomainError("NOT_FOUND", "No such pending request.", "requestId")


async def accept(session: AsyncSession, *, actor_id: int, request_id: Any, clock: Clock) -> FriendRequest:
    request = await _pending_to(session, actor_id, request_id)
    if request.recipient_id != actor_id:
        raise DomainError("NOT_FOUND", "No such pending request.", "requestId")
    sender_id = request.sender_id
    if await is_blocked(session, actor_id, sender_id) or await is_blocked(session, sender_id, actor_id):
        raise DomainError("BLOCKED", "One of you blocked the other.", "requestId")
    ident = int(request.id or 0)
    await _decide(session, ident, ACCEPTED, clock)
    low, high = pair(actor_id, sender_id)
    await session.execute(
        insert_for(session, Friendship)
        .values(user_low=low, user_high=high, created_at=clock.now())
        .on_conflict_do_nothing(index_elements=["user_low", "user_high"])
    )
    name = await _name(session, actor_id)
    await events.append(
        session,
        kind="friend.added",
        clock=clock,
        actor_id=actor_id,
        subject=f"friend_request:{ident}",
        audience=[actor_id, sender_id],
        payload={"request_id": ident, "user_ids": [low, high]},
    )
    await notifications.notify(
        session,
        user_id=sender_id,
        kind="friend.accepted",
        title=f"{name} accepted your friend request",
        data={"request_id": ident, "by_user_id": actor_id, "by_username": name},
        clock=clock,
    )
    await session.refresh(request)
    return request


async def decline(session: AsyncSession, *, actor_id: int, request_id: Any, clock: Clock) -> FriendRequest:
    """The recipient declines a request, or its sender withdraws it."""
    request = await _pending_to(session, actor_id, request_id)
    status = DECLINED if request.recipient_id == actor_id else CANCELLED
    await _decide(session, int(request.id or 0), status, clock)
    await session.refresh(request)
    return request


async def remove(session: AsyncSession, *, actor_id: int, user_id: Any, clock: Clock) -> int:
    target = await _target(session, actor_id, user_id)
    other = int(target.id or 0)
    low, high = pair(actor_id, other)
    gone = await session.execute(
        delete(Friendship).where(col(Friendship.user_low) == low, col(Friendship.user_high) == high)
    )
    if not gone.rowcount:  # type: ignore[attr-defined]
        raise DomainError("NOT_FRIENDS", "You are not friends.", "userId")
    await events.append(
        session,
        kind="friend.removed",
        clock=clock,
        actor_id=actor_id,
        audience=[actor_id, other],
        payload={"user_ids": [low, high]},
    )
    return other


async def block(session: AsyncSession, *, actor_id: int, user_id: Any, clock: Clock) -> int:
    """Blocks a player: their friendship and the pending requests between the two end."""
    target = await _target(session, actor_id, user_id)
    other = int(target.id or 0)
    added = await session.execute(
        insert_for(session, UserBlock)
        .values(blocker_id=actor_id, blocked_id=other, created_at=clock.now())
        .on_conflict_do_nothing(index_elements=["blocker_id", "blocked_id"])
        .returning(col(UserBlock.blocker_id))
    )
    if added.scalar_one_or_none() is None:
        raise DomainError("ALREADY_BLOCKED", "You already blocked this player.", "userId")
    low, high = pair(actor_id, other)
    await session.execute(
        delete(Friendship).where(col(Friendship.user_low) == low, col(Friendship.user_high) == high)
    )
    await session.execute(
        update(FriendRequest)
        .where(
            col(FriendRequest.user_low) == low,
            col(FriendRequest.user_high) == high,
            col(FriendRequest.status) == PENDING,
        )
        .values(status=CANCELLED, decided_at=clock.now())
    )
    await events.append(
        session, kind="user.blocked", clock=clock, actor_id=actor_id, audience=[actor_id], payload={}
    )
    return other


async def unblock(session: AsyncSession, *, actor_id: int, user_id: Any, clock: Clock) -> int:
    target = await _target(session, actor_id, user_id)
    other = int(target.id or 0)
    gone = await session.execute(
        delete(UserBlock).where(col(UserBlock.blocker_id) == actor_id, col(UserBlock.blocked_id) == other)
    )
    if not gone.rowcount:  # type: ignore[attr-defined]
        raise DomainError("NOT_BLOCKED", "This player is not blocked.", "userId")
    return other


async def friends_of(session: AsyncSession, user_id: int, *, limit: int = MAX_LIST) -> list[Friend]:
    """The player's friends, oldest friendship first."""
    rows = await session.execute(
        select(Friendship)
        .where(or_(col(Friendship.user_low) == user_id, col(Friendship.user_high) == user_id))
        .order_by(col(Friendship.created_at), col(Friendship.user_low), col(Friendship.user_high))
        .limit(limit)
    )
    return [
        Friend(user_id=f.user_high if f.user_low == user_id else f.user_low, since=f.created_at)
        for f in rows.scalars()
    ]


async def requests_of(
    session: AsyncSession, user_id: int, direction: Direction, *, limit: int = MAX_LIST
) -> list[FriendRequest]:
    """Pending requests to (incoming) or from (outgoing) the player, newest first."""
    who = FriendRequest.recipient_id if direction == "incoming" else FriendRequest.sender_id
    rows = await session.execute(
        select(FriendRequest)
        .where(col(who) == user_id, col(FriendRequest.status) == PENDING)
        .order_by(col(FriendRequest.id).desc())
        .limit(limit)
    )
    return list(rows.scalars())


async def blocked_by(session: AsyncSession, user_id: int, *, limit: int = MAX_LIST) -> list[UserBlock]:
    rows = await session.execute(
        select(UserBlock)
        .where(col(UserBlock.blocker_id) == user_id)
        .order_by(col(UserBlock.created_at).desc())
        .limit(limit)
    )
    return list(rows.scalars())


async def activity(session: AsyncSession, user_id: int, *, limit: int) -> list[Activity]:
    """Friends' recent public events, newest first: kind, who, when, and the shop item, the level
    reached or the achievement unlocked."""
    friends = [f.user_id for f in await friends_of(session, user_id)]
    if not friends:
        return []
    rows = await session.execute(
        select(col(Event.id), col(Event.actor_id), col(Event.kind), col(Event.payload), col(Event.created_at))
        .where(col(Event.kind).in_(PUBLIC_KINDS), col(Event.actor_id).in_(friends))
        .order_by(col(Event.id).desc())
        .limit(limit)
    )
    found: list[Activity] = []
    for ident, actor, kind, payload, at in rows.all():
        data = payload if isinstance(payload, dict) else {}
        item = data.get("item_id") if kind == "shop.purchase" else None
        level = data.get("level") if kind == "progression.level_up" else None
        key = data.get("key") if kind == "achievement.unlocked" else None
        found.append(
            Activity(
                id=int(ident),
                user_id=int(actor),
                kind=kind,
                item_id=to_id(item) if item else None,
                at=at,
                level=level if isinstance(level, int) else None,
                achievement=key if isinstance(key, str) else None,
            )
        )
    return found
