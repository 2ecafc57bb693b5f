"""What the tournament modules share: statuses, the escrow account, loading and locking a tournament
with its matches, writing the bracket engine's changes back, and finishing with the prizes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db import pubsub
from db.models.tournaments import Tournament, TournamentMatch, TournamentPlayer
from resolvers import admin, events, ledger, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.tournaments import bracket

ERRORS = ErrorCodes("tournaments_common", "UNKNOWN_TOURNAMENT", "UNKNOWN_MATCH", uses=(movement.ERRORS,))

REGISTRATION, RUNNING, FINISHED, CANCELLED = "REGISTRATION", "RUNNING", "FINISHED", "CANCELLED"
STATUSES = (REGISTRATION, RUNNING, FINISHED, CANCELLED)
FAUCET = admin.faucet("tournaments")
KINDS = (
    "tournament.created",
    "tournament.joined",
    "tournament.left",
    "tournament.started",
    "tournament.match",
    "tournament.finished",
    "tournament.cancelled",
)
MONEY_KINDS = ("tournament.joined", "tournament.left", "tournament.finished", "tournament.cancelled")

events.live("tournament", *KINDS)
events.live("wallet", *MONEY_KINDS)
pubsub.public_subjects("tournament")


def subject(tournament_id: int) -> str:
    return f"tournament:{tournament_id}"


def escrow(tournament_id: int) -> tuple[str, str]:
    return ("system", f"{ledger.ESCROW_PREFIX}tournament:{tournament_id}")


def pool_of(tournament: Tournament) -> int:
    return tournament.entry_fee * tournament.player_count + tournament.prize_bonus


def parse_tournament_id(raw: Any) -> int:
    ident = to_id(raw)
    if ident is None:
        raise DomainError("UNKNOWN_TOURNAMENT", "No such tournament.", "tournamentId")
    return ident


async def locked(session: AsyncSession, tournament_id: int) -> Tournament:
    """The tournament's row, locked (``FOR UPDATE``): every change of a tournament is decided one
    after the other."""
    query = select(Tournament).where(col(Tournament.id) == tournament_id).with_for_update()
    found = (await session.execute(query)).scalar_one_or_none()
    if found is None:
        raise DomainError("UNKNOWN_TOURNAMENT", "No such tournament.", "tournamentId")
    return found


async def match_tournament(session: AsyncSession, match_id: Any) -> tuple[Tournament, int]:
    """The locked tournament of a match, and the match's position."""
    ident = to_id(match_id)
    row = await session.get(TournamentMatch, ident) if ident is not None else None
    if row is None:
        raise DomainError("UNKNOWN_MATCH", "No such match.", "matchId")
    return await locked(session, row.tournament_id), row.position


async def players_of(session: AsyncSession, tournament_id: int) -> list[TournamentPlayer]:
    """Registered players, by seed once seeded, else in the order they joined."""
    query = select(TournamentPlayer).where(col(TournamentPlayer.tournament_id) == tournament_id)
    rows = list((await session.execute(query)).scalars().all())
    return sorted(rows, key=lambda p: (p.seed or 0, p.joined_at, p.user_id))


async def matches_of(session: AsyncSession, tournament_id: int) -> list[TournamentMatch]:
    query = (
        select(TournamentMatch)
        .where(col(TournamentMatch.tournament_id) == tournament_id)
        .order_by(col(TournamentMatch.position))
    )
    return list((await session.execute(query.execution_options(populate_existing=True))).scalars().all())


def to_engine(row: TournamentMatch) -> bracket.Match:
    return bracket.Match(
        position=row.position,
        bracket=row.bracket,
        round=row.round,
        players=[row.player1_id, row.player2_id],
        filled=[bool(row.filled & 1), bool(row.filled & 2)],
        status=row.status,
        winner=row.winner_id,
        decided_by=row.decided_by,
        next=None if row.next_position is None else (row.next_position, int(row.next_slot or 0)),
        loser_next=None if row.loser_position is None else (row.loser_position, int(row.loser_slot or 0)),
    )


def copy_back(row: TournamentMatch, match: bracket.Match) -> None:
    row.player1_id, row.player2_id = match.players
    row.filled = int(match.filled[0]) | 2 * int(match.filled[1])
    row.status, row.winner_id, row.decided_by = match.status, match.winner, match.decided_by
    row.next_position = match.next[0] if match.next else None
    row.next_slot = match.next[1] if match.next else None
    row.loser_position = match.loser_next[0] if match.loser_next else None
    row.loser_slot = match.loser_next[1] if match.loser_next else None


@dataclass
class Outcome:
    """What a change of the bracket leaves behind: money legs, events, notifications."""

    legs: list[ledger.Leg] = field(default_factory=list)
    events: list[events.Spec] = field(default_factory=list)
    notes: list[notifications.Note] = field(default_factory=list)


@dataclass
class State:
    """A locked tournament with its players and matches, loaded for a change."""

    tournament: Tournament
    players: list[TournamentPlayer]
    rows: list[TournamentMatch]
    engine: list[bracket.Match]

    @property
    def ident(self) -> int:
        return int(self.tournament.id or 0)

    @property
    def seeds(self) -> list[int]:
        return [p.user_id for p in self.players]

    def seed_of(self, user_id: int | None) -> int:
        return self.seeds.index(user_id) if user_id in self.seeds else len(self.seeds)

    def audience(self) -> list[int]:
        return self.seeds


async def load(session: AsyncSession, tournament: Tournament) -> State:
    ident = int(tournament.id or 0)
    rows = await matches_of(session, ident)
    return State(
        tournament=tournament,
        players=await players_of(session, ident),
        rows=rows,
        engine=[to_engine(r) for r in rows],
    )


def match_event(state: State, position: int, actor_id: int | None, what: str) -> events.Spec:
    row = state.rows[position]
    return events.Spec(
        kind="tournament.match",
        actor_id=actor_id,
        subject=subject(state.ident),
        audience=[p for p in (row.player1_id, row.player2_id) if p is not None],
        payload={"tournament_id": state.ident, "match_id": row.id, "what": what, "status": row.status},
    )


def write_back(
    session: AsyncSession, state: State, changed: set[int], *, clock: Clock, actor_id: int | None
) -> Outcome:
    """Copies the engine's changes to the rows: a match that became READY gets its deadline and its
    players are told; a finished bracket pays its prizes."""
    now = clock.now()
    out = Outcome()
    t = state.tournament
    for position in sorted(changed):
        row, match = state.rows[position], state.engine[position]
        was_ready = row.status == bracket.READY
        copy_back(row, match)
        if match.status == bracket.DONE and row.decided_at is None:
            row.decided_at = now
        if match.status == bracket.READY and not was_ready and row.deadline_at is None:
            row.deadline_at = now + timedelta(hours=t.match_hours)
            out.notes += ready_notes(t, row)
        session.add(row)
        out.events.append(match_event(state, position, actor_id, match.status.lower()))
    if t.status == RUNNING and bracket.finished(state.engine):
        finish(state, out, now=now, actor_id=actor_id)
    return out


def ready_notes(t: Tournament, row: TournamentMatch) -> list[notifications.Note]:
    notes = []
    for me, other in ((row.player1_id, row.player2_id), (row.player2_id, row.player1_id)):
        if me is None:
            continue
        notes.append(
            notifications.Note(
                user_id=me,
                kind="tournament.match_ready",
                title=f"{t.name}: your next match",
                body="Play your match and report the result before the deadline.",
                data={"tournament_id": t.id, "match_id": row.id, "name": t.name, "opponent_id": other}
                | {"deadline": row.deadline_at.isoformat() if row.deadline_at else None},
            )
        )
    return notes


def finish(state: State, out: Outcome, *, now: datetime, actor_id: int | None) -> None:
    """The bracket is complete: places, the 50/30/20 prizes out of escrow, FINISHED."""
    t = state.tournament
    places = bracket.standings(t.format, state.engine, state.seeds)
    pays = dict(bracket.payouts(pool_of(t), places))
    ranked = places if t.format == bracket.ROUND_ROBIN else places[:3]
    for player in state.players:
        if player.user_id in ranked:
            player.place = ranked.index(player.user_id) + 1
        player.prize = pays.get(player.user_id, 0)
    for user, amount in pays.items():
        out.legs.append(
            ledger.Leg(
                debit=escrow(state.ident),
                credit=("user", user),
                asset=t.currency,
                amount=amount,
                kind="tournament_prize",
                ref=subject(state.ident),
            )
        )
        place = places.index(user) + 1
        out.notes.append(
            notifications.Note(
                user_id=user,
                kind="tournament.prize",
                title=f"{t.name}: place {place}",
                body=f"You finished {place} and won {amount} {t.currency}.",
                data={"tournament_id": t.id, "name": t.name, "place": place, "amount": amount}
                | {"currency": t.currency},
            )
        )
    t.status, t.finished_at = FINISHED, now
    out.events.append(
        events.Spec(
            kind="tournament.finished",
            actor_id=actor_id,
            subject=subject(state.ident),
            audience=state.audience(),
            payload={"tournament_id": state.ident, "places": places[:3], "prizes": list(pays.values())},
        )
    )


async def commit(
    session: AsyncSession,
    state: State,
    out: Outcome,
    *,
    operation: str,
    clock: Clock,
    actor_id: int | None,
    audit: movement.Audit | None = None,
    idempotency_key: str | None = None,
    params: dict[str, Any] | None = None,
) -> None:
    """Writes the tournament and its players, and moves the legs with the events, notifications and
    audit entry of the change (one ``movement.move``)."""
    session.add(state.tournament)
    for player in state.players:
        session.add(player)
    await session.flush()
    await movement.move(
        session,
        movement.Movement(
            operation=operation,
            actor_id=actor_id,
            legs=out.legs,
            idempotency_key=idempotency_key,
            params=params or {},
        ),
        clock=clock,
        effects=lambda _: movement.Effects(
            result={"tournament_id": state.ident}, events=out.events, notes=out.notes, audit=audit
        ),
    )


def listing(status: str | None = None) -> Any:
    """The tournaments query for a page (newest first by id), optionally of one status."""
    query = select(Tournament)
    if status is not None:
        query = query.where(col(Tournament.status) == status)
    return query
