"""Reading game sessions: the log's last lines, the game of a chat or a player, the open lobbies and a
player's statistics."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.games import GameBusyChat, GameBusyPlayer, GameMove, GameSession, GameStat
from resolvers.games.sessions.common import LOBBY, RUNNING


async def recent_moves(session: AsyncSession, session_id: int, limit: int = 50) -> list[GameMove]:
    query = (
        select(GameMove)
        .where(col(GameMove.session_id) == session_id)
        .order_by(col(GameMove.id).desc())
        .limit(limit)
    )
    return list(reversed((await session.execute(query)).scalars().all()))


async def in_chat(session: AsyncSession, chat_id: Any) -> GameSession | None:
    try:
        chat = int(str(chat_id))
    except ValueError:
        return None
    busy = await session.get(GameBusyChat, chat)
    return await session.get(GameSession, busy.session_id) if busy is not None else None


async def current_of(session: AsyncSession, user_id: int) -> GameSession | None:
    busy = await session.get(GameBusyPlayer, user_id)
    return await session.get(GameSession, busy.session_id) if busy is not None else None


async def lobbies(session: AsyncSession, *, after: int | None, limit: int) -> list[GameSession]:
    """Open lobbies and running games, newest first (``limit + 1`` rows for paging)."""
    query = select(GameSession).where(col(GameSession.status).in_((LOBBY, RUNNING)))
    if after is not None:
        query = query.where(col(GameSession.id) < after)
    rows = await session.execute(query.order_by(col(GameSession.id).desc()).limit(limit + 1))
    return list(rows.scalars().all())


async def stats_of(session: AsyncSession, user_id: int) -> list[GameStat]:
    query = select(GameStat).where(col(GameStat.user_id) == user_id).order_by(col(GameStat.game))
    return list((await session.execute(query)).scalars().all())
