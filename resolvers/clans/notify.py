"""Notifications to a clan: one note per member (or per leader and officers) through the one
notification service, with the texts of each kind in Russian and English."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.accounts import User
from db.models.clans import Clan, ClanMember
from resolvers import events, notifications
from resolvers.clock import Clock
from resolvers.notification_texts import define

STAFF = ("leader", "officer")


async def username(session: AsyncSession, user_id: int | None) -> str:
    row = await session.get(User, user_id) if user_id is not None else None
    return row.username if row is not None else "?"


async def clan_name(session: AsyncSession, clan_id: int) -> str:
    row = await session.get(Clan, clan_id)
    return row.name if row is not None else "?"


async def recipients(
    session: AsyncSession, clan_id: int, *, roles: Iterable[str] | None = None, exclude: Iterable[int] = ()
) -> list[int]:
    query = select(col(ClanMember.user_id)).where(col(ClanMember.clan_id) == clan_id)
    if roles is not None:
        query = query.where(col(ClanMember.role).in_(list(roles)))
    skip = set(exclude)
    return [
        int(u)
        for u in (await session.execute(query.order_by(col(ClanMember.user_id)))).scalars()
        if u not in skip
    ]


async def clan_notes(
    session: AsyncSession,
    clan_id: int,
    *,
    kind: str,
    data: Mapping[str, Any],
    roles: Iterable[str] | None = None,
    exclude: Iterable[int] = (),
) -> list[notifications.Note]:
    """The notes a clan's members (or only those in ``roles``) get; English stored, both rendered."""
    title, body = _english(kind, data)
    return [
        notifications.Note(user_id=user_id, kind=kind, title=title, body=body, data=dict(data))
        for user_id in await recipients(session, clan_id, roles=roles, exclude=exclude)
    ]


async def notify_clan(
    session: AsyncSession,
    clan_id: int,
    *,
    kind: str,
    data: Mapping[str, Any],
    clock: Clock,
    roles: Iterable[str] | None = None,
    exclude: Iterable[int] = (),
) -> int:
    """Notifies the clan's members (two statements however many); returns how many were notified."""
    notes = await clan_notes(session, clan_id, kind=kind, data=data, roles=roles, exclude=exclude)
    created = await notifications.create_many(session, notes, clock=clock)
    await events.append_many(session, created, clock=clock)
    return len(notes)


async def notify_one(
    session: AsyncSession, user_id: int, *, kind: str, data: Mapping[str, Any], clock: Clock
) -> None:
    title, body = _english(kind, data)
    await notifications.notify(
        session, user_id=user_id, kind=kind, title=title, body=body, data=dict(data), clock=clock
    )


def _english(kind: str, data: Mapping[str, Any]) -> tuple[str, str]:
    texts = _TEXTS[kind]
    return texts[0](data)


_TEXTS: dict[str, tuple[Any, Any]] = {
    "clan.join_request": (
        lambda d: (
            f"🏰 {d['username']} asks to join {d['clan_name']}",
            "Accept or decline on the clan page.",
        ),
        lambda d: (
            f"🏰 {d['username']} просится в клан {d['clan_name']}",
            "Примите или отклоните заявку на странице клана.",
        ),
    ),
    "clan.request_accepted": (
        lambda d: (f"🏰 Welcome to {d['clan_name']}", "Your request to join was accepted."),
        lambda d: (f"🏰 Добро пожаловать в {d['clan_name']}", "Вашу заявку в клан приняли."),
    ),
    "clan.request_declined": (
        lambda d: (f"🏰 {d['clan_name']}", "Your request to join was declined."),
        lambda d: (f"🏰 {d['clan_name']}", "Вашу заявку в клан отклонили."),
    ),
    "clan.member_joined": (
        lambda d: (f"🏰 {d['username']} joined {d['clan_name']}", ""),
        lambda d: (f"🏰 {d['username']} вступил в клан {d['clan_name']}", ""),
    ),
    "clan.member_left": (
        lambda d: (f"🏰 {d['username']} left {d['clan_name']}", ""),
        lambda d: (f"🏰 {d['username']} покинул клан {d['clan_name']}", ""),
    ),
    "clan.member_kicked": (
        lambda d: (
            f"🏰 {d['username']} was removed from {d['clan_name']}",
            f"Removed by {d['by_username']}.",
        ),
        lambda d: (f"🏰 {d['username']} исключён из клана {d['clan_name']}", f"Исключил {d['by_username']}."),
    ),
    "clan.kicked": (
        lambda d: (f"🏰 You were removed from {d['clan_name']}", f"Removed by {d['by_username']}."),
        lambda d: (f"🏰 Вас исключили из клана {d['clan_name']}", f"Исключил {d['by_username']}."),
    ),
    "clan.leader_changed": (
        lambda d: (f"👑 {d['username']} now leads {d['clan_name']}", ""),
        lambda d: (f"👑 {d['username']} теперь глава клана {d['clan_name']}", ""),
    ),
    "clan.paid": (
        lambda d: (f"🏰 {d['amount']} COIN", "Your clan's leader paid you from the treasury."),
        lambda d: (f"🏰 {d['amount']} COIN", "Глава клана выплатил вам из казны."),
    ),
    "clan.goal_reached": (
        lambda d: (
            f"🎯 {d['clan_name']}: goal reached",
            f"{d['title_en']}: +{d['reward_xp']} clan XP, +{d['reward_coin']} COIN to the treasury.",
        ),
        lambda d: (
            f"🎯 {d['clan_name']}: цель достигнута",
            f"{d['title_ru']}: +{d['reward_xp']} опыта клану, +{d['reward_coin']} COIN в казну.",
        ),
    ),
}

for _kind, (_en, _ru) in _TEXTS.items():
    define(_kind, en=_en, ru=_ru)
