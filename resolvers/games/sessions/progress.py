"""After a move or a lost turn: the next player's turn, or the end of the game with every player's
statistics and the winner's reward from the ``games`` faucet."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import case, literal
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Transfer
from db.models.games import GamePlayer, GameSession, GameStat
from resolvers import events, ledger, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import ErrorCodes
from resolvers.games.rules import Result
from resolvers.games.sessions import common
from resolvers.games.sessions.common import (
    ACTIVE,
    FAUCET,
    FINISHED,
    OUT,
    log,
    release,
    reward_of,
    rules_of,
    subject,
    turn_seconds,
)
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes("game_progress", uses=(common.ERRORS, movement.ERRORS))


async def lose_turn(
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
    await log(
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
    await after_turn(session, table, players, player, result, clock)


async def after_turn(
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
        await finish(session, table, players, result.winner_id, clock)
    elif not alive:
        await finish(session, table, players, None, clock)
    elif len(players) > 1 and len(alive) == 1:
        await finish(session, table, players, alive[0].user_id, clock)
    else:
        await advance(session, table, players, clock)


async def advance(session: AsyncSession, table: GameSession, players: list[GamePlayer], clock: Clock) -> None:
    current = next((p.seat for p in players if p.user_id == table.turn_user_id), -1)
    alive = [p for p in players if p.status == ACTIVE]
    later = [p for p in alive if p.seat > current]
    upcoming = later[0] if later else alive[0]
    table.turn_user_id, table.turn_no = upcoming.user_id, table.turn_no + 1
    table.turn_ends_at = clock.now() + timedelta(seconds=await turn_seconds(session))
    session.add(table)


async def finish(
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
    await release(session, ident)
    for player in players:
        await _count(session, table.game, player, won=player.user_id == winner_id, clock=clock)
    amount = await reward_of(session, table.game)
    if winner_id is not None and amount > 0 and len(players) > 1:
        await _pay(session, table, winner_id, amount, clock)
    detail: dict[str, Any] = {"winner_id": winner_id, "reward": table.reward or 0}
    detail["scores"] = {str(p.user_id): p.score for p in players}
    await log(
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
