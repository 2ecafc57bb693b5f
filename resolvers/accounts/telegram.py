"""Telegram users: the bot's service key acts for a Telegram user, whose account is created and
linked on first contact."""

from __future__ import annotations

import re

from sqlalchemy import func, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import TelegramLink, User
from resolvers import audit
from resolvers.accounts.auth import USERNAME_RE, find_user
from resolvers.clock import Clock


def _candidate_names(telegram_id: int, telegram_username: str | None) -> list[str]:
    names = []
    if telegram_username:
        cleaned = re.sub(r"[^A-Za-z0-9_]", "", telegram_username)[:32]
        if USERNAME_RE.match(cleaned):
            names.append(cleaned)
    names.append(f"tg{telegram_id}")
    return names


async def user_for(
    session: AsyncSession,
    *,
    telegram_id: int,
    telegram_username: str | None,
    language: str | None,
    chat_id: int | None,
    clock: Clock,
) -> User:
    link = await session.get(TelegramLink, telegram_id)
    if link is not None:
        user = await session.get(User, link.user_id)
        if user is not None:
            changes: dict[str, object] = {}
            if telegram_username and link.telegram_username != telegram_username:
                changes["telegram_username"] = telegram_username
            if chat_id is not None and link.chat_id != chat_id:
                changes["chat_id"] = chat_id
            if changes:
                if telegram_username and "telegram_username" in changes:
                    await _release_username(session, telegram_id, telegram_username)
                await session.execute(
                    update(TelegramLink).where(col(TelegramLink.telegram_id) == telegram_id).values(**changes)
                )
            return user
    username = f"tg{telegram_id}"
    for candidate in _candidate_names(telegram_id, telegram_username):
        if await find_user(session, candidate) is None:
            username = candidate
            break
    user = User(
        username=username,
        username_lower=username.lower(),
        role="user",
        language=(language or "")[:8] or None,
        created_at=clock.now(),
    )
    session.add(user)
    await session.flush()
    if telegram_username:
        await _release_username(session, telegram_id, telegram_username)
    await session.execute(
        insert_for(session, TelegramLink)
        .values(
            telegram_id=telegram_id,
            user_id=user.id,
            telegram_username=telegram_username,
            chat_id=chat_id,
            created_at=clock.now(),
        )
        .on_conflict_do_nothing()
    )
    await audit.append(
        session,
        action="auth.telegram_link",
        clock=clock,
        actor_id=user.id,
        subject=f"user:{user.id}",
        data={"telegram_id": telegram_id},
    )
    return user


async def _release_username(session: AsyncSession, telegram_id: int, telegram_username: str) -> None:
    """A Telegram @username names one account at a time: an older link still holding it is stale."""
    await session.execute(
        update(TelegramLink)
        .where(
            func.lower(col(TelegramLink.telegram_username)) == telegram_username.lower(),
            col(TelegramLink.telegram_id) != telegram_id,
        )
        .values(telegram_username=None)
    )


async def user_by_telegram_username(session: AsyncSession, telegram_username: str) -> User | None:
    """The user whose linked Telegram account is @telegram_username (case-insensitive, as Telegram)."""
    name = telegram_username.strip().removeprefix("@").lower()
    if not name:
        return None
    query = (
        select(User)
        .join(TelegramLink, col(TelegramLink.user_id) == col(User.id))
        .where(func.lower(col(TelegramLink.telegram_username)) == name)
        .order_by(col(TelegramLink.created_at).desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def link_of(session: AsyncSession, user_id: int) -> TelegramLink | None:
    query = select(TelegramLink).where(col(TelegramLink.user_id) == user_id)
    return (await session.execute(query)).scalar_one_or_none()


async def known_user(
    session: AsyncSession, *, telegram_id: int, telegram_username: str | None, chat_id: int | None
) -> User | None:
    """The linked user when nothing about the link needs updating (a read, no write transaction)."""
    link = await session.get(TelegramLink, telegram_id)
    if link is None:
        return None
    if telegram_username and link.telegram_username != telegram_username:
        return None
    if chat_id is not None and link.chat_id != chat_id:
        return None
    return await session.get(User, link.user_id)
