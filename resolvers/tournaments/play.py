"""Playing a tournament: the start (seeding and the bracket), results, and what the clock decides.

Seeds go by level (highest first), then by who joined first. Both players of a match report its
winner: agreeing reports decide it, disagreeing ones make it DISPUTED for a moderator; a moderator
who does not play in it decides at once. A match not decided by its deadline (``match_hours`` after
it became ready) is forfeited by the ``tournament_deadlines`` job: a player who reported wins by
their report, and when nobody reported the better seed goes through (a DISPUTED match waits for a
moderator). An hour before the deadline the players who have not reported are reminded. Admins may
force a match's result (the same rule when they name no winner) or end the whole tournament so.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.progression import Progress
from db.models.tournaments import Tournament, TournamentMatch
from resolvers import events, movement, notifications, progression
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit
from resolvers.tournaments import bracket, common
from resolvers.tournaments.common import REGISTRATION, RUNNING, subject

ERRORS = ErrorCodes(
    "tournaments_play",
    "INVALID_WINNER",
    "MATCH_DECIDED",
    "MATCH_NOT_READY",
    "NOT_ENOUGH_PLAYERS",
    "NOT_IN_MATCH",
    "NOT_REGISTERING",
    "NOT_RUNNING",
    uses=(common.ERRORS, movement.ERRORS),
)

REMIND_BEFORE = timedelta(hours=1)
PLAYERS, MODERATOR, ADMIN, FORFEIT = "PLAYERS", "MODERATOR", "ADMIN", "FORFEIT"


async def start(session: AsyncSession, *, actor_id: int, tournament_id: Any, clock: Clock) -> Tournament:
    """Closes registration, seeds the field and lays out the bracket."""
    t = await common.locked(session, common.parse_tournament_id(tournament_id))
    if t.status != REGISTRATION:
        raise DomainError("NOT_REGISTERING", "This tournament has started already.", "tournamentId")
    least = bracket.MIN_PLAYERS[t.format]
    if t.player_count < least:
        raise DomainError("NOT_ENOUGH_PLAYERS", f"It takes at least {least} players.", "tournamentId")
    state = await common.load(session, t)
    xp = await _xp(session, state.seeds)
    order = sorted(
        state.players, key=lambda p: (-progression.level_for(xp.get(p.user_id, 0)), p.joined_at, p.user_id)
    )
    for seed, player in enumerate(order, start=1):
        player.seed = seed
    state.players = order
    engine = bracket.plan(t.format, state.seeds)
    rows = [
        TournamentMatch(tournament_id=state.ident, position=m.position, bracket=m.bracket, round=m.round)
        for m in engine
    ]
    for row, match in zip(rows, engine, strict=True):
        common.copy_back(row, match)
        row.status = bracket.PENDING  # write_back sees it become READY: a deadline and a notice
        session.add(row)
    await session.flush()
    state.rows, state.engine = rows, engine
    t.status, t.started_at = RUNNING, clock.now()
    out = common.write_back(session, state, set(range(len(engine))), clock=clock, actor_id=actor_id)
    out.events.insert(
        0,
        events.Spec(
            kind="tournament.started",
            actor_id=actor_id,
            subject=subject(state.ident),
            audience=state.audience(),
            payload={"tournament_id": state.ident, "players": len(order)},
        ),
    )
    await common.commit(
        session,
        state,
        out,
        operation="tournament.start",
        clock=clock,
        actor_id=actor_id,
        audit=Audit(action="tournament.start", subject=subject(state.ident), data={"players": len(order)}),
    )
    return t


async def _xp(session: AsyncSession, users: list[int]) -> dict[int, int]:
    if not users:
        return {}
    rows = await session.execute(
        select(col(Progress.user_id), col(Progress.xp)).where(col(Progress.user_id).in_(users))
    )
    return {int(u): int(x) for u, x in rows.all()}


def _playable(state: common.State, position: int) -> TournamentMatch:
    if state.tournament.status != RUNNING:
        raise DomainError("NOT_RUNNING", "This tournament is not running.", "matchId")
    row = state.rows[position]
    if row.status == bracket.DONE:
        raise DomainError("MATCH_DECIDED", "This match is decided already.", "matchId")
    if row.status == bracket.PENDING:
        raise DomainError("MATCH_NOT_READY", "This match waits for its players.", "matchId")
    return row


def _winner(row: TournamentMatch, raw: Any) -> int:
    winner = to_id(raw)
    if winner is None or winner not in (row.player1_id, row.player2_id):
        raise DomainError("INVALID_WINNER", "The winner is one of the match's players.", "winnerId")
    return winner


def default_winner(state: common.State, row: TournamentMatch) -> int:
    """Who goes through when nobody decided: the one report made, else the better seed."""
    reports = [r for r in (row.report1, row.report2) if r is not None]
    if len(reports) == 1:
        return reports[0]
    players = [p for p in (row.player1_id, row.player2_id) if p is not None]
    return min(players, key=state.seed_of)


async def report(
    session: AsyncSession, *, actor_id: int, is_moderator: bool, match_id: Any, winner_id: Any, clock: Clock
) -> tuple[TournamentMatch, Tournament]:
    t, position = await common.match_tournament(session, match_id)
    state = await common.load(session, t)
    row = _playable(state, position)
    winner = _winner(row, winner_id)
    out = common.Outcome()
    if actor_id in (row.player1_id, row.player2_id):
        if actor_id == row.player1_id:
            row.report1 = winner
        else:
            row.report2 = winner
        if row.report1 is not None and row.report2 is not None:
            if row.report1 == row.report2:
                out = _decide(session, state, position, row.report1, PLAYERS, clock=clock, actor_id=actor_id)
            else:
                row.status = state.engine[position].status = bracket.DISPUTED
                out.events.append(common.match_event(state, position, actor_id, "disputed"))
                out.notes += _disputed_notes(t, row)
                out.notes += await notifications.staff_notes(
                    session,
                    kind="tournament.dispute_review",
                    title=f"{t.name}: a disputed match",
                    body=f"Match #{row.id} needs a moderator: the players reported different winners.",
                    data={"tournament_id": t.id, "match_id": row.id, "name": t.name},
                    moderators=True,
                )
        else:
            out.events.append(common.match_event(state, position, actor_id, "reported"))
        session.add(row)
        action = "tournament.report"
    elif is_moderator:
        out = _decide(session, state, position, winner, MODERATOR, clock=clock, actor_id=actor_id)
        action = "tournament.moderate"
    else:
        raise DomainError(
            "NOT_IN_MATCH", "Only the match's players or a moderator report its result.", "matchId"
        )
    await common.commit(
        session,
        state,
        out,
        operation=action,
        clock=clock,
        actor_id=actor_id,
        audit=Audit(action=action, subject=subject(state.ident), data={"match": row.id, "winner": winner}),
    )
    return row, t


def _decide(
    session: AsyncSession,
    state: common.State,
    position: int,
    winner: int,
    how: str,
    *,
    clock: Clock,
    actor_id: int | None,
) -> common.Outcome:
    changed = bracket.decide(state.engine, position, winner, how)
    return common.write_back(session, state, changed, clock=clock, actor_id=actor_id)


def _disputed_notes(t: Tournament, row: TournamentMatch) -> list[notifications.Note]:
    return [
        notifications.Note(
            user_id=user,
            kind="tournament.disputed",
            title=f"{t.name}: disputed result",
            body="You and your opponent reported different winners; a moderator will decide.",
            data={"tournament_id": t.id, "match_id": row.id, "name": t.name},
        )
        for user in (row.player1_id, row.player2_id)
        if user is not None
    ]


async def force_advance(
    session: AsyncSession, *, actor_id: int, match_id: Any, winner_id: Any, clock: Clock
) -> tuple[TournamentMatch, Tournament]:
    """An admin decides a match now: the winner named, else the one report made, else the better seed."""
    t, position = await common.match_tournament(session, match_id)
    state = await common.load(session, t)
    row = _playable(state, position)
    winner = default_winner(state, row) if winner_id is None else _winner(row, winner_id)
    out = _decide(session, state, position, winner, ADMIN, clock=clock, actor_id=actor_id)
    await common.commit(
        session,
        state,
        out,
        operation="tournament.force_advance",
        clock=clock,
        actor_id=actor_id,
        audit=Audit(
            action="tournament.force_advance",
            subject=subject(state.ident),
            data={"match": row.id, "winner": winner},
        ),
    )
    return row, t


async def end(session: AsyncSession, *, actor_id: int, tournament_id: Any, clock: Clock) -> Tournament:
    """An admin ends a running tournament now: every open match is forced by the default rule, round
    after round, until the bracket is complete and the prizes are paid."""
    t = await common.locked(session, common.parse_tournament_id(tournament_id))
    if t.status != RUNNING:
        raise DomainError("NOT_RUNNING", "This tournament is not running.", "tournamentId")
    state = await common.load(session, t)
    changed: set[int] = set()
    while not bracket.finished(state.engine):
        match = next(m for m in state.engine if m.status in (bracket.READY, bracket.DISPUTED))
        changed |= bracket.decide(
            state.engine, match.position, default_winner(state, _synced(state, match)), ADMIN
        )
    out = common.write_back(session, state, changed, clock=clock, actor_id=actor_id)
    await common.commit(
        session,
        state,
        out,
        operation="tournament.end",
        clock=clock,
        actor_id=actor_id,
        audit=Audit(action="tournament.end", subject=subject(state.ident), data={"decided": len(changed)}),
    )
    return t


def _synced(state: common.State, match: bracket.Match) -> TournamentMatch:
    """The row of an engine match with the players the engine placed since loading."""
    row = state.rows[match.position]
    row.player1_id, row.player2_id = match.players
    return row


async def due(session: AsyncSession, *, clock: Clock, limit: int = 100) -> list[int]:
    """Running tournaments with a READY match past its deadline or within the reminder window."""
    query = (
        select(col(TournamentMatch.tournament_id))
        .join(Tournament, col(Tournament.id) == col(TournamentMatch.tournament_id))
        .where(
            col(Tournament.status) == RUNNING,
            col(TournamentMatch.status) == bracket.READY,
            col(TournamentMatch.deadline_at) <= clock.now() + REMIND_BEFORE,
        )
        .distinct()
        .order_by(col(TournamentMatch.tournament_id))
        .limit(limit)
    )
    return [int(i) for i in (await session.execute(query)).scalars().all()]


async def enforce(session: AsyncSession, *, tournament_id: int, clock: Clock) -> dict[str, int]:
    """Forfeits this tournament's READY matches past their deadline (and what they make ready and
    overdue in turn) and reminds the players of those near it. Counts what it did."""
    t = await common.locked(session, tournament_id)
    if t.status != RUNNING:
        return {"forfeited": 0, "reminded": 0, "finished": 0}
    now = clock.now()
    state = await common.load(session, t)
    out = common.Outcome()
    forfeited = reminded = 0
    while True:
        late = [
            r
            for r in state.rows
            if r.status == bracket.READY and r.deadline_at is not None and r.deadline_at <= now
        ]
        if not late:
            break
        for row in late:
            if row.status != bracket.READY:
                continue
            step = _decide(
                session, state, row.position, default_winner(state, row), FORFEIT, clock=clock, actor_id=None
            )
            out.legs += step.legs
            out.events += step.events
            out.notes += step.notes
            forfeited += 1
    for row in state.rows:
        if row.status == bracket.READY and row.reminded_at is None and row.deadline_at is not None:
            if row.deadline_at - REMIND_BEFORE <= now:
                row.reminded_at = now
                session.add(row)
                out.notes += _reminders(t, row)
                reminded += 1
    if not forfeited and not reminded:
        return {"forfeited": 0, "reminded": 0, "finished": 0}
    await common.commit(
        session,
        state,
        out,
        operation="tournament.deadlines",
        clock=clock,
        actor_id=None,
        audit=Audit(
            action="tournament.deadlines", subject=subject(state.ident), data={"forfeited": forfeited}
        )
        if forfeited
        else None,
    )
    return {"forfeited": forfeited, "reminded": reminded, "finished": int(t.status == common.FINISHED)}


def _reminders(t: Tournament, row: TournamentMatch) -> list[notifications.Note]:
    waiting = [
        user
        for user, said in ((row.player1_id, row.report1), (row.player2_id, row.report2))
        if user is not None and said is None
    ]
    return [
        notifications.Note(
            user_id=user,
            kind="tournament.reminder",
            title=f"{t.name}: report your match",
            body="Your match's deadline is in an hour; report its result or it will be forfeited.",
            data={"tournament_id": t.id, "match_id": row.id, "name": t.name}
            | {"deadline": row.deadline_at.isoformat() if row.deadline_at else None},
        )
        for user in waiting
    ]
