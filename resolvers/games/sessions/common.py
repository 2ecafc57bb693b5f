"""What every game-session use case shares: statuses and settings, the games' rules, the session's
row (locked), its players, its log (a line and an event per change) and the busy rows."""

from __future__ import annotations

import random
import secrets
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db import pubsub
from db.models import ConfigValue
from db.models.games import GameBusyChat, GameBusyPlayer, GameMove, GamePlayer, GameSession, GameTry
from resolvers import admin, events
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.games import cities, gd, killer
from resolvers.games.rules import Rng, Rules
from resolvers.ids import to_id

ERRORS = ErrorCodes("games", "GAME_NOT_RUNNING", "NOT_IN_GAME", "UNKNOWN_SESSION")

LOBBY, RUNNING, FINISHED, CANCELLED = "LOBBY", "RUNNING", "FINISHED", "CANCELLED"
STATUSES = (LOBBY, RUNNING, FINISHED, CANCELLED)
ACTIVE, OUT, LEFT = "ACTIVE", "OUT", "LEFT"
KINDS = (
    "game.created",
    "game.joined",
    "game.left",
    "game.started",
    "game.moved",
    "game.turn",
    "game.finished",
)
events.live("game", *KINDS)
events.live("wallet", "game.rewarded")
pubsub.public_subjects("game")

FAUCET = admin.faucet("games")
GAMES: dict[str, Rules] = {r.game: r for r in (cities.Cities(), killer.KillerWords(), gd.GdLevels())}
MAX_PLAYERS = 8
MAX_MOVE = 120
TURN_KEY = "games.turn_seconds"
TURN_SECONDS = 60
REWARDS = {"CITIES": 50, "KILLER_WORDS": 30, "GD_LEVELS": 40}
REFUSALS = frozenset(("WRONG_LETTER", "ALREADY_USED", "UNKNOWN_CITY"))


def subject(session_id: int) -> str:
    return f"game:{session_id}"


def reward_key(game: str) -> str:
    return f"games.reward.{game}"


async def _setting(session: AsyncSession, key: str, default: int) -> int:
    row = await session.get(ConfigValue, key)
    value = row.value if row is not None else None
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return int(value) if ok and isinstance(value, int) else default


async def reward_of(session: AsyncSession, game: str) -> int:
    return await _setting(session, reward_key(game), REWARDS.get(game, 0))


async def turn_seconds(session: AsyncSession) -> int:
    return max(10, await _setting(session, TURN_KEY, TURN_SECONDS))


def rng_or_new(rng: Rng | None) -> Rng:
    return rng if rng is not None else random.Random(secrets.randbits(64))


async def get(session: AsyncSession, session_id: Any, *, lock: bool = False) -> GameSession:
    ident = to_id(session_id)
    table = None
    if ident is not None:
        query = select(GameSession).where(col(GameSession.id) == ident)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        table = (await session.execute(query)).scalar_one_or_none()
    if table is None:
        raise DomainError("UNKNOWN_SESSION", "No such game.", "sessionId")
    return table


async def players_of(session: AsyncSession, session_id: int) -> list[GamePlayer]:
    query = select(GamePlayer).where(col(GamePlayer.session_id) == session_id).order_by(col(GamePlayer.seat))
    return list((await session.execute(query)).scalars().all())


async def log(
    session: AsyncSession,
    table: GameSession,
    players: list[GamePlayer],
    *,
    kind: str,
    event: str,
    clock: Clock,
    user_id: int | None = None,
    text: str | None = None,
    points: int = 0,
    detail: dict[str, Any] | None = None,
) -> GameMove:
    line = GameMove(
        session_id=int(table.id or 0),
        user_id=user_id,
        turn_no=table.turn_no,
        kind=kind,
        text=text,
        points=points,
        detail=detail or {},
        created_at=clock.now(),
    )
    session.add(line)
    await session.flush()
    await events.append(
        session,
        kind=event,
        clock=clock,
        actor_id=user_id,
        subject=subject(int(table.id or 0)),
        audience=[p.user_id for p in players],
        payload={"session_id": table.id, "move_id": line.id},
    )
    return line


async def release(session: AsyncSession, session_id: int, user_id: int | None = None) -> None:
    players = delete(GameBusyPlayer).where(col(GameBusyPlayer.session_id) == session_id)
    if user_id is not None:
        players = players.where(col(GameBusyPlayer.user_id) == user_id)
    await session.execute(players)
    if user_id is None:
        await session.execute(delete(GameBusyChat).where(col(GameBusyChat.session_id) == session_id))
        await session.execute(delete(GameTry).where(col(GameTry.session_id) == session_id))


def rules_of(table: GameSession) -> Rules:
    return GAMES[table.game]


def playing(table: GameSession) -> None:
    if table.status != RUNNING:
        raise DomainError("GAME_NOT_RUNNING", "This game is not running.", "sessionId")


def seated(players: list[GamePlayer], user_id: int) -> GamePlayer:
    for player in players:
        if player.user_id == user_id and player.status == ACTIVE:
            return player
    raise DomainError("NOT_IN_GAME", "You are not playing in this game.", "sessionId")
