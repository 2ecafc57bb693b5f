"""Clan membership: create, join an open clan or ask to join a closed one, leave, kick, roles,
leadership. A player is in at most one clan (``clan_members`` is keyed by player); a clan holds at
most ``MAX_MEMBERS``, counted in one conditional UPDATE so concurrent joins never pass it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models.clans import Clan, ClanMember, ClanRequest
from resolvers import events
from resolvers.clans import notify
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes(
    "clans",
    "ALREADY_IN_CLAN",
    "ALREADY_REQUESTED",
    "CLAN_FULL",
    "INVALID_NAME",
    "INVALID_ROLE",
    "LEADER_MUST_TRANSFER",
    "NAME_TAKEN",
    "NOT_ALLOWED",
    "NOT_A_MEMBER",
    "NOT_IN_CLAN",
    "UNKNOWN_CLAN",
    "UNKNOWN_REQUEST",
)

MAX_MEMBERS = 50
MIN_NAME, MAX_NAME = 3, 32
LEADER, OFFICER, MEMBER = "leader", "officer", "member"
ROLES = (LEADER, OFFICER, MEMBER)


@dataclass(frozen=True, kw_only=True)
class Joined:
    clan: Clan
    request: ClanRequest | None = None


def subject(clan_id: int) -> str:
    return f"clan:{clan_id}"


async def membership(session: AsyncSession, user_id: int) -> ClanMember | None:
    return await session.get(ClanMember, user_id)


async def require_clan(session: AsyncSession, clan_id: Any, field: str = "clanId") -> Clan:
    ident = to_id(clan_id)
    clan = await session.get(Clan, ident) if ident is not None else None
    if clan is None:
        raise DomainError("UNKNOWN_CLAN", "No such clan.", field)
    return clan


async def require_member(session: AsyncSession, user_id: int) -> ClanMember:
    row = await membership(session, user_id)
    if row is None:
        raise DomainError("NOT_IN_CLAN", "You are not in a clan.", None)
    return row


async def create(session: AsyncSession, *, actor_id: int, name: Any, clock: Clock) -> Clan:
    text = " ".join(str(name or "").split())
    if not MIN_NAME <= len(text) <= MAX_NAME:
        raise DomainError("INVALID_NAME", f"A clan's name is {MIN_NAME} to {MAX_NAME} characters.", "name")
    if await membership(session, actor_id) is not None:
        raise DomainError("ALREADY_IN_CLAN", "Leave your clan first.", None)
    now = clock.now()
    stmt = insert_for(session, Clan).values(
        name=text,
        name_key=text.casefold(),
        open=True,
        leader_id=actor_id,
        member_count=0,
        xp=0,
        created_at=now,
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["name_key"]).returning(col(Clan.id))
    clan_id = (await session.execute(stmt)).scalar_one_or_none()
    if clan_id is None:
        raise DomainError("NAME_TAKEN", "A clan with this name exists.", "name")
    await _add(session, clan_id=int(clan_id), user_id=actor_id, role=LEADER, clock=clock)
    await _event(session, "clan.created", clan_id=int(clan_id), actor_id=actor_id, clock=clock)
    clan = await session.get(Clan, int(clan_id), populate_existing=True)
    assert clan is not None
    return clan


async def join(session: AsyncSession, *, actor_id: int, clan_id: Any, clock: Clock) -> Joined:
    """Joins an open clan at once; for a closed clan, files a request a leader or officer decides."""
    clan = await require_clan(session, clan_id)
    cid = int(clan.id or 0)
    if await membership(session, actor_id) is not None:
        raise DomainError("ALREADY_IN_CLAN", "Leave your clan first.", None)
    if not clan.open:
        stmt = insert_for(session, ClanRequest).values(clan_id=cid, user_id=actor_id, created_at=clock.now())
        stmt = stmt.on_conflict_do_nothing(index_elements=["clan_id", "user_id"]).returning(
            col(ClanRequest.id)
        )
        request_id = (await session.execute(stmt)).scalar_one_or_none()
        if request_id is None:
            raise DomainError("ALREADY_REQUESTED", "You already asked to join this clan.", "clanId")
        await _event(
            session, "clan.requested", clan_id=cid, actor_id=actor_id, clock=clock, audience=[clan.leader_id]
        )
        data = {"clan_id": cid, "clan_name": clan.name, "username": await notify.username(session, actor_id)}
        await notify.notify_clan(
            session,
            cid,
            kind="clan.join_request",
            data=data | {"request_id": int(request_id)},
            clock=clock,
            roles=notify.STAFF,
        )
        return Joined(clan=clan, request=await session.get(ClanRequest, int(request_id)))
    await _add(session, clan_id=cid, user_id=actor_id, role=MEMBER, clock=clock)
    await _event(session, "clan.joined", clan_id=cid, actor_id=actor_id, clock=clock)
    await _tell(session, cid, "clan.member_joined", actor_id, clock=clock, exclude=[actor_id])
    return Joined(clan=await fresh(session, cid))


async def decide(
    session: AsyncSession, *, actor_id: int, request_id: Any, accept: bool, clock: Clock
) -> Clan:
    ident = to_id(request_id)
    request = await session.get(ClanRequest, ident) if ident is not None else None
    me = await membership(session, actor_id)
    if request is None:
        raise DomainError("UNKNOWN_REQUEST", "No such request.", "requestId")
    if me is None or me.clan_id != request.clan_id or me.role == MEMBER:
        raise DomainError(
            "NOT_ALLOWED", "Only the clan's leader or an officer decides requests.", "requestId"
        )
    await session.execute(delete(ClanRequest).where(col(ClanRequest.id) == request.id))
    if accept:
        if await membership(session, request.user_id) is not None:
            raise DomainError("ALREADY_IN_CLAN", "The player has joined another clan.", "requestId")
        await _add(session, clan_id=request.clan_id, user_id=request.user_id, role=MEMBER, clock=clock)
        await _event(
            session,
            "clan.joined",
            clan_id=request.clan_id,
            actor_id=request.user_id,
            clock=clock,
            by=actor_id,
        )
        await _tell(
            session,
            request.clan_id,
            "clan.member_joined",
            request.user_id,
            clock=clock,
            exclude=[request.user_id],
        )
        await notify.notify_one(
            session,
            request.user_id,
            kind="clan.request_accepted",
            data={"clan_id": request.clan_id, "clan_name": await notify.clan_name(session, request.clan_id)},
            clock=clock,
        )
    else:
        await _event(
            session,
            "clan.request_declined",
            clan_id=request.clan_id,
            actor_id=actor_id,
            clock=clock,
            audience=[request.user_id],
        )
        await notify.notify_one(
            session,
            request.user_id,
            kind="clan.request_declined",
            data={"clan_id": request.clan_id, "clan_name": await notify.clan_name(session, request.clan_id)},
            clock=clock,
        )
    return await fresh(session, request.clan_id)


async def leave(session: AsyncSession, *, actor_id: int, clock: Clock) -> Clan | None:
    """Leaves the clan; a leader must hand over first unless alone, in which case the clan is disbanded."""
    me = await require_member(session, actor_id)
    clan = await fresh(session, me.clan_id)
    if me.role == LEADER and clan.member_count > 1:
        raise DomainError("LEADER_MUST_TRANSFER", "Hand the leadership to another member first.", None)
    await _remove(session, me)
    await _event(session, "clan.left", clan_id=me.clan_id, actor_id=actor_id, clock=clock)
    if me.role == LEADER:
        await session.execute(delete(ClanRequest).where(col(ClanRequest.clan_id) == me.clan_id))
        await session.execute(delete(Clan).where(col(Clan.id) == me.clan_id))
        await _event(session, "clan.disbanded", clan_id=me.clan_id, actor_id=actor_id, clock=clock)
        return None
    await _tell(session, me.clan_id, "clan.member_left", actor_id, clock=clock)
    return await fresh(session, me.clan_id)


async def kick(session: AsyncSession, *, actor_id: int, user_id: Any, clock: Clock) -> Clan:
    me = await require_member(session, actor_id)
    target = await require_target(session, me, user_id)
    if me.role == MEMBER or target.role == LEADER or (me.role == OFFICER and target.role == OFFICER):
        raise DomainError("NOT_ALLOWED", "You cannot remove this member.", "userId")
    await _remove(session, target)
    await _event(
        session, "clan.kicked", clan_id=me.clan_id, actor_id=actor_id, clock=clock, target=target.user_id
    )
    by = {"by_username": await notify.username(session, actor_id)}
    await _tell(
        session, me.clan_id, "clan.member_kicked", target.user_id, clock=clock, exclude=[actor_id], **by
    )
    data = {"clan_id": me.clan_id, "clan_name": await notify.clan_name(session, me.clan_id)} | by
    await notify.notify_one(session, target.user_id, kind="clan.kicked", data=data, clock=clock)
    return await fresh(session, me.clan_id)


async def set_role(session: AsyncSession, *, actor_id: int, user_id: Any, role: str, clock: Clock) -> Clan:
    """The leader makes a member an officer or an officer a member."""
    me = await require_member(session, actor_id)
    if me.role != LEADER:
        raise DomainError("NOT_ALLOWED", "Only the leader changes roles.", "userId")
    target = await require_target(session, me, user_id)
    if role not in (OFFICER, MEMBER) or target.user_id == actor_id:
        raise DomainError("INVALID_ROLE", "Choose officer or member for another member.", "role")
    target.role = role
    session.add(target)
    await _event(
        session,
        "clan.role_changed",
        clan_id=me.clan_id,
        actor_id=actor_id,
        clock=clock,
        target=target.user_id,
        role=role,
    )
    return await fresh(session, me.clan_id)


async def transfer(session: AsyncSession, *, actor_id: int, user_id: Any, clock: Clock) -> Clan:
    me = await require_member(session, actor_id)
    if me.role != LEADER:
        raise DomainError("NOT_ALLOWED", "Only the leader hands over the leadership.", "userId")
    target = await require_target(session, me, user_id)
    if target.user_id == actor_id:
        raise DomainError("INVALID_ROLE", "You already lead this clan.", "userId")
    await hand_over(session, clan_id=me.clan_id, old=me, new=target, actor_id=actor_id, clock=clock)
    return await fresh(session, me.clan_id)


async def hand_over(
    session: AsyncSession,
    *,
    clan_id: int,
    old: ClanMember,
    new: ClanMember,
    actor_id: int | None,
    clock: Clock,
) -> None:
    old.role, new.role = OFFICER, LEADER
    session.add_all([old, new])
    await session.execute(update(Clan).where(col(Clan.id) == clan_id).values(leader_id=new.user_id))
    await _event(
        session,
        "clan.leader_changed",
        clan_id=clan_id,
        actor_id=actor_id,
        clock=clock,
        audience=[old.user_id, new.user_id],
        target=new.user_id,
    )
    await _tell(session, clan_id, "clan.leader_changed", new.user_id, clock=clock, exclude=[actor_id or 0])


async def set_open(session: AsyncSession, *, actor_id: int, open: bool, clock: Clock) -> Clan:
    me = await require_member(session, actor_id)
    if me.role != LEADER:
        raise DomainError("NOT_ALLOWED", "Only the leader opens or closes the clan.", "open")
    await session.execute(update(Clan).where(col(Clan.id) == me.clan_id).values(open=open))
    await _event(session, "clan.updated", clan_id=me.clan_id, actor_id=actor_id, clock=clock, open=open)
    return await fresh(session, me.clan_id)


async def members(session: AsyncSession, clan_ids: list[int]) -> dict[int, list[ClanMember]]:
    rows = await session.execute(
        select(ClanMember)
        .where(col(ClanMember.clan_id).in_(clan_ids))
        .order_by(col(ClanMember.joined_at), col(ClanMember.user_id))
    )
    out: dict[int, list[ClanMember]] = {cid: [] for cid in clan_ids}
    for row in rows.scalars().all():
        out[row.clan_id].append(row)
    return out


async def requests(session: AsyncSession, *, actor_id: int) -> list[ClanRequest]:
    me = await membership(session, actor_id)
    if me is None or me.role == MEMBER:
        return []
    rows = await session.execute(
        select(ClanRequest).where(col(ClanRequest.clan_id) == me.clan_id).order_by(col(ClanRequest.id))
    )
    return list(rows.scalars().all())


async def listing(
    session: AsyncSession, *, after: int | None, limit: int, search: str | None = None
) -> list[Clan]:
    query = select(Clan)
    text = " ".join((search or "").split()).casefold()
    if text:
        query = query.where(col(Clan.name_key).contains(text, autoescape=True))
    if after is not None:
        query = query.where(col(Clan.id) < after)
    rows = await session.execute(query.order_by(col(Clan.id).desc()).limit(limit + 1))
    return list(rows.scalars().all())


async def count_members(session: AsyncSession, clan_id: int) -> int:
    query = select(func.count()).select_from(ClanMember).where(col(ClanMember.clan_id) == clan_id)
    return int((await session.execute(query)).scalar_one())


async def require_target(session: AsyncSession, me: ClanMember, user_id: Any) -> ClanMember:
    ident = to_id(user_id)
    target = await membership(session, ident) if ident is not None else None
    if target is None or target.clan_id != me.clan_id:
        raise DomainError("NOT_A_MEMBER", "This player is not in your clan.", "userId")
    return target


async def _add(session: AsyncSession, *, clan_id: int, user_id: int, role: str, clock: Clock) -> None:
    now = clock.now()
    stmt = insert_for(session, ClanMember).values(
        user_id=user_id, clan_id=clan_id, role=role, xp=0, joined_at=now, active_at=now
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["user_id"]).returning(col(ClanMember.user_id))
    if (await session.execute(stmt)).scalar_one_or_none() is None:
        raise DomainError("ALREADY_IN_CLAN", "The player is already in a clan.", None)
    counted = await session.execute(
        update(Clan)
        .where(col(Clan.id) == clan_id, col(Clan.member_count) < MAX_MEMBERS)
        .values(member_count=col(Clan.member_count) + 1)
        .returning(col(Clan.member_count))
    )
    if counted.scalar_one_or_none() is None:
        raise DomainError("CLAN_FULL", f"A clan has at most {MAX_MEMBERS} members.", "clanId")
    await session.execute(delete(ClanRequest).where(col(ClanRequest.user_id) == user_id))


async def _remove(session: AsyncSession, member: ClanMember) -> None:
    await session.execute(delete(ClanMember).where(col(ClanMember.user_id) == member.user_id))
    await session.execute(
        update(Clan).where(col(Clan.id) == member.clan_id).values(member_count=col(Clan.member_count) - 1)
    )


async def fresh(session: AsyncSession, clan_id: int) -> Clan:
    clan = await session.get(Clan, clan_id, populate_existing=True)
    if clan is None:
        raise DomainError("UNKNOWN_CLAN", "No such clan.", "clanId")
    return clan


async def _tell(
    session: AsyncSession,
    clan_id: int,
    kind: str,
    user_id: int,
    *,
    clock: Clock,
    exclude: list[int] | None = None,
    **extra: Any,
) -> None:
    """Notifies the clan's members of something that happened to ``user_id``."""
    data = {
        "clan_id": clan_id,
        "clan_name": await notify.clan_name(session, clan_id),
        "user_id": user_id,
        "username": await notify.username(session, user_id),
    }
    await notify.notify_clan(
        session, clan_id, kind=kind, data=data | extra, clock=clock, exclude=exclude or []
    )


async def _event(
    session: AsyncSession,
    kind: str,
    *,
    clan_id: int,
    actor_id: int | None,
    clock: Clock,
    audience: list[int] | None = None,
    **payload: Any,
) -> None:
    who = [actor_id] if actor_id is not None else []
    await events.append(
        session,
        kind=kind,
        clock=clock,
        actor_id=actor_id,
        subject=subject(clan_id),
        audience=sorted(set(who + (audience or []) + [v for v in payload.values() if type(v) is int])),
        payload={"clan_id": clan_id, **payload},
    )
