"""Playing: a move of the player whose turn it is, a refused answer counted as a try, and the
``game_turns`` job's turns that ran out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models.games import GameSession, GameTry
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.games import cities, gd, killer
from resolvers.games.rules import Rng
from resolvers.games.sessions import common, progress
from resolvers.games.sessions.common import (
    ACTIVE,
    MAX_MOVE,
    RUNNING,
    get,
    log,
    players_of,
    playing,
    rng_or_new,
    rules_of,
    seated,
)
from resolvers.games.sessions.progress import advance, after_turn, lose_turn

ERRORS = ErrorCodes(
    "game_turns",
    "INVALID_MOVE",
    "NOT_YOUR_TURN",
    "TURN_OVER",
    uses=(common.ERRORS, progress.ERRORS, cities.ERRORS, killer.ERRORS, gd.ERRORS),
)


async def move(
    session: AsyncSession,
    *,
    actor_id: int,
    session_id: Any,
    move: str,
    clock: Clock,
    rng: Rng | None = None,
) -> GameSession:
    table = await get(session, session_id, lock=True)
    playing(table)
    players = await players_of(session, int(table.id or 0))
    player = seated(players, actor_id)
    if table.turn_user_id != actor_id:
        raise DomainError("NOT_YOUR_TURN", "Wait for your turn.", "sessionId")
    if table.turn_ends_at is not None and clock.now() >= table.turn_ends_at:
        raise DomainError("TURN_OVER", "Your time for this turn ran out.", "sessionId")
    text = " ".join((move or "").split())
    if not text or len(text) > MAX_MOVE:
        raise DomainError("INVALID_MOVE", f"A move is 1 to {MAX_MOVE} characters.", "move")
    result = await rules_of(table).play(table, player, players, text, rng_or_new(rng))
    session.add_all([table, *players])
    await log(
        session,
        table,
        players,
        kind="move",
        event="game.moved",
        clock=clock,
        user_id=actor_id,
        text=result.text,
        points=result.points,
        detail=result.detail,
    )
    await after_turn(session, table, players, player, result, clock)
    return table


@dataclass(frozen=True, kw_only=True)
class Strike:
    table: GameSession
    tries: int
    lost_turn: bool


async def strike(
    session: AsyncSession, *, actor_id: int, session_id: Any, turn_no: int, clock: Clock
) -> Strike | None:
    """Counts a refused answer of the player whose turn it is (after the refusal rolled back); the
    game's last try loses the turn. None when the turn has moved on meanwhile."""
    table = await get(session, session_id, lock=True)
    if table.status != RUNNING or table.turn_user_id != actor_id or table.turn_no != turn_no:
        return None
    rules = rules_of(table)
    stmt = insert_for(session, GameTry).values(session_id=table.id, turn_no=turn_no, count=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["session_id", "turn_no"], set_={"count": col(GameTry.count) + 1}
    ).returning(col(GameTry.count))
    tries = int((await session.execute(stmt)).scalar_one())
    if tries < rules.strikes:
        return Strike(table=table, tries=tries, lost_turn=False)
    players = await players_of(session, int(table.id or 0))
    await lose_turn(session, table, players, seated(players, actor_id), "strikes", clock)
    return Strike(table=table, tries=tries, lost_turn=True)


async def tries_of(session: AsyncSession, table: GameSession) -> int:
    row = await session.get(GameTry, (int(table.id or 0), table.turn_no))
    return row.count if row is not None else 0


async def due(session: AsyncSession, *, clock: Clock, limit: int) -> list[int]:
    """Running games whose turn has run out."""
    query = (
        select(col(GameSession.id))
        .where(col(GameSession.status) == RUNNING, col(GameSession.turn_ends_at) <= clock.now())
        .order_by(col(GameSession.turn_ends_at))
        .limit(limit)
    )
    return [int(i) for i in (await session.execute(query)).scalars().all()]


async def expire(session: AsyncSession, *, session_id: int, clock: Clock) -> bool:
    """Ends the turn that ran out; False when it did not (a move or another run came first)."""
    table = await get(session, session_id, lock=True)
    if table.status != RUNNING or table.turn_ends_at is None or clock.now() < table.turn_ends_at:
        return False
    players = await players_of(session, int(table.id or 0))
    player = next((p for p in players if p.user_id == table.turn_user_id and p.status == ACTIVE), None)
    if player is None:
        await advance(session, table, players, clock)
        return True
    await lose_turn(session, table, players, player, "timeout", clock)
    return True
