"""Game sessions: a host opens a lobby (in a Telegram chat or the web app), players join, the host
starts; players move in seat order, each turn with a timer (``games.turn_seconds``, 60 by default).
A turn that runs out, or the last of a game's refused tries, is a lost turn (the game decides what
it costs); the ``game_turns`` job ends turns that ran out. Leaving a running game is forfeiting it.

A player is in one unfinished game at a time and a chat has one at a time: a row keyed by the
player (the chat) is inserted on joining and removed at the end, so concurrent joins cannot break
the rule. Every change is a line of the session's log and an event on the subject ``game:<id>``,
which anyone may watch (``gameEvents``). At the end the winner of a game of two or more players is
paid ``games.reward.<GAME>`` coins from the ``games`` faucet, in the transaction that finishes the
game (the session's row is locked and leaves RUNNING there, so it is paid once); every player's
statistics are updated.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import case, delete, literal, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db import pubsub
from db.dialect import insert_for
from db.models import ConfigValue, Transfer
from db.models.games import (
    GameBusyChat,
    GameBusyPlayer,
    GameMove,
    GamePlayer,
    GameSession,
    GameStat,
    GameTry,
)
from resolvers import admin, events, ledger, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.games import cities, gd, killer
from resolvers.games.rules import Result, Rng, Rules
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "games",
    "ALREADY_IN_GAME",
    "ALREADY_JOINED",
    "CHAT_BUSY",
    "GAME_FULL",
    "GAME_NOT_OPEN",
    "GAME_NOT_RUNNING",
    "INVALID_GAME",
    "INVALID_MOVE",
    "NOT_ENOUGH_PLAYERS",
    "NOT_HOST",
    "NOT_IN_GAME",
    "NOT_YOUR_TURN",
    "TURN_OVER",
    "UNKNOWN_SESSION",
    uses=(movement.ERRORS, cities.ERRORS, killer.ERRORS, gd.ERRORS),
)

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


def _rng(rng: Rng | None) -> Rng:
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


async def recent_moves(session: AsyncSession, session_id: int, limit: int = 50) -> list[GameMove]:
    query = (
        select(GameMove)
        .where(col(GameMove.session_id) == session_id)
        .order_by(col(GameMove.id).desc())
        .limit(limit)
    )
    return list(reversed((await session.execute(query)).scalars().all()))


async def _log(
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


async def _release(session: AsyncSession, session_id: int, user_id: int | None = None) -> None:
    players = delete(GameBusyPlayer).where(col(GameBusyPlayer.session_id) == session_id)
    if user_id is not None:
        players = players.where(col(GameBusyPlayer.user_id) == user_id)
    await session.execute(players)
    if user_id is None:
        await session.execute(delete(GameBusyChat).where(col(GameBusyChat.session_id) == session_id))
        await session.execute(delete(GameTry).where(col(GameTry.session_id) == session_id))


def rules_of(table: GameSession) -> Rules:
    return GAMES[table.game]


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
    await _log(session, table, [host], kind="create", event="game.created", clock=clock, user_id=actor_id)
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
    await _log(
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
    rules.setup(table, players, _rng(rng))
    table.status, table.started_at = RUNNING, clock.now()
    table.turn_user_id, table.turn_no = players[0].user_id, 1
    table.turn_ends_at = clock.now() + timedelta(seconds=await turn_seconds(session))
    session.add_all([table, *players])
    await _log(session, table, players, kind="start", event="game.started", clock=clock, user_id=actor_id)
    return table


def _playing(table: GameSession) -> None:
    if table.status != RUNNING:
        raise DomainError("GAME_NOT_RUNNING", "This game is not running.", "sessionId")


def _seat(players: list[GamePlayer], user_id: int) -> GamePlayer:
    for player in players:
        if player.user_id == user_id and player.status == ACTIVE:
            return player
    raise DomainError("NOT_IN_GAME", "You are not playing in this game.", "sessionId")


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
    _playing(table)
    players = await players_of(session, int(table.id or 0))
    player = _seat(players, actor_id)
    if table.turn_user_id != actor_id:
        raise DomainError("NOT_YOUR_TURN", "Wait for your turn.", "sessionId")
    if table.turn_ends_at is not None and clock.now() >= table.turn_ends_at:
        raise DomainError("TURN_OVER", "Your time for this turn ran out.", "sessionId")
    text = " ".join((move or "").split())
    if not text or len(text) > MAX_MOVE:
        raise DomainError("INVALID_MOVE", f"A move is 1 to {MAX_MOVE} characters.", "move")
    result = await rules_of(table).play(table, player, players, text, _rng(rng))
    session.add_all([table, *players])
    await _log(
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
    await _after(session, table, players, player, result, clock)
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
    await _lose_turn(session, table, players, _seat(players, actor_id), "strikes", clock)
    return Strike(table=table, tries=tries, lost_turn=True)


async def tries_of(session: AsyncSession, table: GameSession) -> int:
    row = await session.get(GameTry, (int(table.id or 0), table.turn_no))
    return row.count if row is not None else 0


async def _lose_turn(
    session: AsyncSession,
    table: GameSession,
    players: list[GamePlayer],
    player: GamePlayer,
    reason: str,
    clock: Clock,
) -> None:
    result = rules_of(table).timeout(table, player, players)
    session.add_all([table, *players])
    detail = {"reason": reason} | result.detail
    await _log(
        session,
        table,
        players,
        kind="lost_turn",
        event="game.turn",
        clock=clock,
        user_id=player.user_id,
        points=result.points,
        detail=detail,
    )
    await _after(session, table, players, player, result, clock)


async def _after(
    session: AsyncSession,
    table: GameSession,
    players: list[GamePlayer],
    mover: GamePlayer,
    result: Result,
    clock: Clock,
) -> None:
    if result.out:
        mover.status = OUT
        session.add(mover)
    alive = [p for p in players if p.status == ACTIVE]
    if result.finish:
        await _finish(session, table, players, result.winner_id, clock)
    elif not alive:
        await _finish(session, table, players, None, clock)
    elif len(players) > 1 and len(alive) == 1:
        await _finish(session, table, players, alive[0].user_id, clock)
    else:
        await _advance(session, table, players, clock)


async def _advance(
    session: AsyncSession, table: GameSession, players: list[GamePlayer], clock: Clock
) -> None:
    current = next((p.seat for p in players if p.user_id == table.turn_user_id), -1)
    alive = [p for p in players if p.status == ACTIVE]
    later = [p for p in alive if p.seat > current]
    upcoming = later[0] if later else alive[0]
    table.turn_user_id, table.turn_no = upcoming.user_id, table.turn_no + 1
    table.turn_ends_at = clock.now() + timedelta(seconds=await turn_seconds(session))
    session.add(table)


async def _finish(
    session: AsyncSession,
    table: GameSession,
    players: list[GamePlayer],
    winner_id: int | None,
    clock: Clock,
) -> None:
    ident = int(table.id or 0)
    table.status, table.finished_at, table.winner_id = FINISHED, clock.now(), winner_id
    table.turn_user_id, table.turn_ends_at = None, None
    session.add(table)
    await _release(session, ident)
    for player in players:
        await _count(session, table.game, player, won=player.user_id == winner_id, clock=clock)
    amount = await reward_of(session, table.game)
    if winner_id is not None and amount > 0 and len(players) > 1:
        await _pay(session, table, winner_id, amount, clock)
    detail: dict[str, Any] = {"winner_id": winner_id, "reward": table.reward or 0}
    detail["scores"] = {str(p.user_id): p.score for p in players}
    await _log(
        session,
        table,
        players,
        kind="end",
        event="game.finished",
        clock=clock,
        user_id=winner_id,
        detail=detail,
    )


async def _count(session: AsyncSession, game: str, player: GamePlayer, *, won: bool, clock: Clock) -> None:
    win = 1 if won else 0
    stmt = insert_for(session, GameStat).values(
        user_id=player.user_id,
        game=game,
        played=1,
        won=win,
        points=player.score,
        best=player.score,
        updated_at=clock.now(),
    )
    best = GameStat.__table__.c.best  # type: ignore[attr-defined]
    stmt = stmt.on_conflict_do_update(
        index_elements=["user_id", "game"],
        set_={
            "played": col(GameStat.played) + 1,
            "won": col(GameStat.won) + win,
            "points": col(GameStat.points) + player.score,
            "best": case((best < literal(player.score), literal(player.score)), else_=best),
            "updated_at": clock.now(),
        },
    )
    await session.execute(stmt)


async def _pay(session: AsyncSession, table: GameSession, winner_id: int, amount: int, clock: Clock) -> None:
    ident = int(table.id or 0)

    def effects(transfers: list[Transfer]) -> Effects:
        table.reward, table.reward_transfer_id = amount, int(transfers[0].id or 0)
        session.add(table)
        payload = {"session_id": ident, "transfer_id": transfers[0].id, "amount": amount, "game": table.game}
        return Effects(
            result={"transfer_id": transfers[0].id},
            events=[
                events.Spec(
                    kind="game.rewarded",
                    actor_id=winner_id,
                    subject=subject(ident),
                    audience=[winner_id],
                    payload=payload,
                )
            ],
            notes=[
                notifications.Note(
                    user_id=winner_id,
                    kind="game.won",
                    title=f"🏆 +{amount} {ledger.DEFAULT_CURRENCY}",
                    body="You won the game.",
                    data=payload,
                )
            ],
            audit=Audit(
                action="game.reward", subject=subject(ident), data={"to": winner_id, "amount": amount}
            ),
        )

    await movement.move(
        session,
        movement.Movement(
            operation="game.reward",
            actor_id=winner_id,
            legs=[
                ledger.Leg(
                    debit=("system", FAUCET),
                    credit=("user", winner_id),
                    asset=ledger.DEFAULT_CURRENCY,
                    amount=amount,
                    kind="game_reward",
                    ref=subject(ident),
                )
            ],
        ),
        clock=clock,
        effects=effects,
    )


async def leave(session: AsyncSession, *, actor_id: int, session_id: Any, clock: Clock) -> GameSession:
    """Out of a lobby (the host leaving closes it), or forfeiting a running game."""
    table = await get(session, session_id, lock=True)
    if table.status == RUNNING:
        return await _forfeit(session, table, actor_id, clock)
    if table.status != LOBBY:
        raise DomainError("GAME_NOT_RUNNING", "This game has ended.", "sessionId")
    players = await players_of(session, int(table.id or 0))
    player = _seat(players, actor_id)
    ident = int(table.id or 0)
    if actor_id == table.host_id:
        table.status, table.finished_at = CANCELLED, clock.now()
        session.add(table)
        await _release(session, ident)
    else:
        await session.delete(player)
        await _release(session, ident, actor_id)
    await session.flush()
    await _log(session, table, players, kind="leave", event="game.left", clock=clock, user_id=actor_id)
    return table


async def forfeit(session: AsyncSession, *, actor_id: int, session_id: Any, clock: Clock) -> GameSession:
    table = await get(session, session_id, lock=True)
    _playing(table)
    return await _forfeit(session, table, actor_id, clock)


async def _forfeit(session: AsyncSession, table: GameSession, actor_id: int, clock: Clock) -> GameSession:
    players = await players_of(session, int(table.id or 0))
    player = _seat(players, actor_id)
    player.status = LEFT
    session.add(player)
    await _release(session, int(table.id or 0), actor_id)
    await _log(session, table, players, kind="forfeit", event="game.left", clock=clock, user_id=actor_id)
    alive = [p for p in players if p.status == ACTIVE]
    if not alive or (len(players) > 1 and len(alive) == 1):
        await _finish(session, table, players, alive[0].user_id if alive else None, clock)
    elif table.turn_user_id == actor_id:
        await _advance(session, table, players, clock)
    return table


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
        await _advance(session, table, players, clock)
        return True
    await _lose_turn(session, table, players, player, "timeout", clock)
    return True


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
