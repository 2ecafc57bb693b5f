"""A game's seats: opening a lobby (one unfinished game per player and per chat), joining,
starting, and leaving (out of a lobby, or forfeiting a running game)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models.games import GameBusyChat, GameBusyPlayer, GamePlayer, GameSession
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.games import cities
from resolvers.games.rules import Rng
from resolvers.games.sessions import common, progress
from resolvers.games.sessions.common import (
    ACTIVE,
    CANCELLED,
    GAMES,
    LEFT,
    LOBBY,
    MAX_PLAYERS,
    RUNNING,
    get,
    log,
    players_of,
    playing,
    release,
    rng_or_new,
    rules_of,
    seated,
    turn_seconds,
)
from resolvers.games.sessions.progress import advance, finish

ERRORS = ErrorCodes(
    "game_lobby",
    "ALREADY_IN_GAME",
    "ALREADY_JOINED",
    "CHAT_BUSY",
    "GAME_FULL",
    "GAME_NOT_OPEN",
    "GAME_NOT_RUNNING",
    "INVALID_GAME",
    "NOT_ENOUGH_PLAYERS",
    "NOT_HOST",
    uses=(common.ERRORS, progress.ERRORS),
)


async def _claim_player(session: AsyncSession, user_id: int, session_id: int) -> None:
    stmt = insert_for(session, GameBusyPlayer).values(user_id=user_id, session_id=session_id)
    claimed = (
        await session.execute(stmt.on_conflict_do_nothing().returning(col(GameBusyPlayer.user_id)))
    ).scalar_one_or_none()
    if claimed is None:
        raise DomainError("ALREADY_IN_GAME", "Finish or leave your current game first.", "sessionId")


async def _claim_chat(session: AsyncSession, chat_id: int, session_id: int) -> None:
    stmt = insert_for(session, GameBusyChat).values(chat_id=chat_id, session_id=session_id)
    claimed = (
        await session.execute(stmt.on_conflict_do_nothing().returning(col(GameBusyChat.chat_id)))
    ).scalar_one_or_none()
    if claimed is None:
        raise DomainError("CHAT_BUSY", "This chat already has a game; join it or wait for its end.", "chatId")


async def create(
    session: AsyncSession,
    *,
    actor_id: int,
    game: str,
    mode: str | None,
    chat_id: Any,
    clock: Clock,
) -> GameSession:
    rules = GAMES.get(game)
    if rules is None:
        raise DomainError("INVALID_GAME", "Choose Cities, Killer Words or GD Levels.", "game")
    chosen = (mode or rules.modes[0]).lower()
    if chosen not in rules.modes:
        raise DomainError("INVALID_GAME", "Modes of this game: " + ", ".join(rules.modes) + ".", "mode")
    if game == cities.Cities.game:
        cities.warm()
    chat = None
    if chat_id is not None:
        try:
            chat = int(str(chat_id))
        except ValueError:
            raise DomainError("INVALID_GAME", "Not a chat.", "chatId") from None
    table = GameSession(
        game=game, mode=chosen, status=LOBBY, host_id=actor_id, chat_id=chat, created_at=clock.now()
    )
    session.add(table)
    await session.flush()
    ident = int(table.id or 0)
    await _claim_player(session, actor_id, ident)
    if chat is not None:
        await _claim_chat(session, chat, ident)
    host = GamePlayer(session_id=ident, user_id=actor_id, seat=0, joined_at=clock.now())
    session.add(host)
    await session.flush()
    await log(session, table, [host], kind="create", event="game.created", clock=clock, user_id=actor_id)
    return table


async def join(session: AsyncSession, *, actor_id: int, session_id: Any, clock: Clock) -> GameSession:
    table = await get(session, session_id, lock=True)
    if table.status != LOBBY:
        raise DomainError("GAME_NOT_OPEN", "This game has already started or ended.", "sessionId")
    players = await players_of(session, int(table.id or 0))
    if any(p.user_id == actor_id for p in players):
        raise DomainError("ALREADY_JOINED", "You are already in this game.", "sessionId")
    if len(players) >= MAX_PLAYERS:
        raise DomainError("GAME_FULL", f"A game has at most {MAX_PLAYERS} players.", "sessionId")
    await _claim_player(session, actor_id, int(table.id or 0))
    seat = max(p.seat for p in players) + 1 if players else 0
    player = GamePlayer(session_id=int(table.id or 0), user_id=actor_id, seat=seat, joined_at=clock.now())
    session.add(player)
    await session.flush()
    await log(
        session, table, [*players, player], kind="join", event="game.joined", clock=clock, user_id=actor_id
    )
    return table


async def start(
    session: AsyncSession, *, actor_id: int, session_id: Any, clock: Clock, rng: Rng | None = None
) -> GameSession:
    table = await get(session, session_id, lock=True)
    if table.host_id != actor_id:
        raise DomainError("NOT_HOST", "Only the player who opened the game starts it.", "sessionId")
    if table.status != LOBBY:
        raise DomainError("GAME_NOT_OPEN", "This game has already started or ended.", "sessionId")
    players = await players_of(session, int(table.id or 0))
    rules = rules_of(table)
    if len(players) < rules.min_players:
        raise DomainError(
            "NOT_ENOUGH_PLAYERS", f"This game needs at least {rules.min_players} players.", "sessionId"
        )
    rules.setup(table, players, rng_or_new(rng))
    table.status, table.started_at = RUNNING, clock.now()
    table.turn_user_id, table.turn_no = players[0].user_id, 1
    table.turn_ends_at = clock.now() + timedelta(seconds=await turn_seconds(session))
    session.add_all([table, *players])
    await log(session, table, players, kind="start", event="game.started", clock=clock, user_id=actor_id)
    return table


async def leave(session: AsyncSession, *, actor_id: int, session_id: Any, clock: Clock) -> GameSession:
    """Out of a lobby (the host leaving closes it), or forfeiting a running game."""
    table = await get(session, session_id, lock=True)
    if table.status == RUNNING:
        return await _forfeit(session, table, actor_id, clock)
    if table.status != LOBBY:
        raise DomainError("GAME_NOT_RUNNING", "This game has ended.", "sessionId")
    players = await players_of(session, int(table.id or 0))
    player = seated(players, actor_id)
    ident = int(table.id or 0)
    if actor_id == table.host_id:
        table.status, table.finished_at = CANCELLED, clock.now()
        session.add(table)
        await release(session, ident)
    else:
        await session.delete(player)
        await release(session, ident, actor_id)
    await session.flush()
    await log(session, table, players, kind="leave", event="game.left", clock=clock, user_id=actor_id)
    return table


async def forfeit(session: AsyncSession, *, actor_id: int, session_id: Any, clock: Clock) -> GameSession:
    table = await get(session, session_id, lock=True)
    playing(table)
    return await _forfeit(session, table, actor_id, clock)


async def _forfeit(session: AsyncSession, table: GameSession, actor_id: int, clock: Clock) -> GameSession:
    players = await players_of(session, int(table.id or 0))
    player = seated(players, actor_id)
    player.status = LEFT
    session.add(player)
    await release(session, int(table.id or 0), actor_id)
    await log(session, table, players, kind="forfeit", event="game.left", clock=clock, user_id=actor_id)
    alive = [p for p in players if p.status == ACTIVE]
    if not alive or (len(players) > 1 and len(alive) == 1):
        await finish(session, table, players, alive[0].user_id if alive else None, clock)
    elif table.turn_user_id == actor_id:
        await advance(session, table, players, clock)
    return table
