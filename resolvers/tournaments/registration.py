"""Creating a tournament, joining and leaving it while it registers, barring players, cancelling.

Moderators and admins create tournaments (an admin may add a prize bonus out of the ``tournaments``
faucet); a player joins when the field has room, their level reaches the tournament's minimum and
no moderator barred them, paying the entry fee into ``escrow:tournament:<id>``; leaving during
registration refunds it. Cancelling (an admin, before the end) refunds every fee and returns the
bonus to the faucet.
"""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer, User
from db.models.tournaments import Tournament, TournamentBan, TournamentPlayer
from resolvers import events, ledger, movement, notifications, progression
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects
from resolvers.tournaments import bracket, common
from resolvers.tournaments.common import CANCELLED, FINISHED, REGISTRATION, escrow, subject

ERRORS = ErrorCodes(
    "tournaments_registration",
    "ALREADY_JOINED",
    "BANNED",
    "BONUS_ADMIN_ONLY",
    "INVALID_FORMAT",
    "INVALID_MATCH_HOURS",
    "INVALID_MAX_PLAYERS",
    "INVALID_MIN_LEVEL",
    "INVALID_NAME",
    "LEVEL_TOO_LOW",
    "NOT_JOINED",
    "NOT_REGISTERING",
    "TOURNAMENT_FULL",
    "TOURNAMENT_OVER",
    "UNKNOWN_USER",
    uses=(common.ERRORS, movement.ERRORS),
)

MAX_NAME = 80
MAX_PLAYERS = 64
MAX_MATCH_HOURS = 24 * 14


def _whole(raw: Any, low: int, high: int) -> int | None:
    """``raw`` when it is a whole number from ``low`` to ``high``, else None."""
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        return None
    return raw


async def create(
    session: AsyncSession,
    *,
    actor_id: int,
    is_admin: bool,
    name: str,
    format: str,
    entry_fee: Any,
    max_players: Any,
    min_level: Any = 0,
    match_hours: Any = 24,
    prize_bonus: Any = 0,
    currency: str | None = None,
    clock: Clock,
) -> Tournament:
    title = " ".join((name or "").split())
    if not title or len(title) > MAX_NAME:
        raise DomainError("INVALID_NAME", f"A name has 1 to {MAX_NAME} characters.", "name")
    if format not in bracket.FORMATS:
        raise DomainError("INVALID_FORMAT", "Unknown tournament format.", "format")
    fee = ledger.parse_amount(entry_fee, field="entry_fee", allow_zero=True)
    bonus = ledger.parse_amount(prize_bonus, field="prize_bonus", allow_zero=True)
    if bonus and not is_admin:
        raise DomainError("BONUS_ADMIN_ONLY", "Only an admin may add a prize bonus.", "prize_bonus")
    least = bracket.MIN_PLAYERS[format]
    size = _whole(max_players, least, MAX_PLAYERS)
    if size is None:
        raise DomainError(
            "INVALID_MAX_PLAYERS", f"The field is {least} to {MAX_PLAYERS} players.", "max_players"
        )
    level = _whole(min_level, 0, 1000)
    if level is None:
        raise DomainError("INVALID_MIN_LEVEL", "The level is a whole number from 0 to 1000.", "min_level")
    hours = _whole(match_hours, 1, MAX_MATCH_HOURS)
    if hours is None:
        raise DomainError("INVALID_MATCH_HOURS", f"A match has 1 to {MAX_MATCH_HOURS} hours.", "match_hours")
    code = await ledger.require_currency(session, currency or ledger.DEFAULT_CURRENCY)
    now = clock.now()

    async def effects(_: list[Transfer]) -> Effects:
        row = Tournament(
            name=title,
            format=format,
            status=REGISTRATION,
            organizer_id=actor_id,
            currency=code,
            entry_fee=fee,
            prize_bonus=bonus,
            max_players=size,
            min_level=level,
            match_hours=hours,
            created_at=now,
        )
        session.add(row)
        await session.flush()
        ident = int(row.id or 0)
        if bonus:
            leg = ledger.Leg(
                debit=("system", common.FAUCET),
                credit=escrow(ident),
                asset=code,
                amount=bonus,
                kind="tournament_bonus",
                ref=subject(ident),
            )
            await ledger.post(session, [leg], clock=clock, actor_id=actor_id)
        return Effects(
            result={"tournament_id": ident},
            events=[
                events.Spec(
                    kind="tournament.created",
                    actor_id=actor_id,
                    subject=subject(ident),
                    audience=[actor_id],
                    payload={"tournament_id": ident, "format": format},
                )
            ],
            audit=Audit(
                action="tournament.create",
                subject=subject(ident),
                data={"format": format, "entry_fee": fee, "bonus": bonus, "max_players": size},
            ),
        )

    done = await movement.move(
        session,
        movement.Movement(operation="tournament.create", actor_id=actor_id, legs=[]),
        clock=clock,
        effects=effects,
    )
    found = await session.get(Tournament, int(done.result["tournament_id"]))
    assert found is not None
    return found


async def join(
    session: AsyncSession,
    *,
    actor_id: int,
    tournament_id: Any,
    idempotency_key: str | None = None,
    clock: Clock,
) -> Tournament:
    """Registers the player, the entry fee into escrow. The checks follow the idempotency key's
    claim, so a repeat returns the first registration."""
    t = await common.locked(session, common.parse_tournament_id(tournament_id))
    ident = int(t.id or 0)

    async def effects(_: list[Transfer]) -> Effects:
        if t.status != REGISTRATION:
            raise DomainError("NOT_REGISTERING", "Registration is closed.", "tournamentId")
        if await session.get(TournamentPlayer, (ident, actor_id)) is not None:
            raise DomainError("ALREADY_JOINED", "You are registered already.", "tournamentId")
        if await session.get(TournamentBan, actor_id) is not None:
            raise DomainError("BANNED", "A moderator barred you from tournaments.", "tournamentId")
        if t.player_count >= t.max_players:
            raise DomainError("TOURNAMENT_FULL", "The field is full.", "tournamentId")
        level = (await progression.standing(session, actor_id)).level
        if level < t.min_level:
            raise DomainError(
                "LEVEL_TOO_LOW",
                f"This tournament needs level {t.min_level}; you are {level}.",
                "tournamentId",
            )
        transfer_id = None
        if t.entry_fee:
            leg = ledger.Leg(
                debit=("user", actor_id),
                credit=escrow(ident),
                asset=t.currency,
                amount=t.entry_fee,
                kind="tournament_entry",
                ref=subject(ident),
            )
            moved = await ledger.post(
                session, [leg], clock=clock, actor_id=actor_id, shortfall_field="tournamentId"
            )
            transfer_id = moved[0].id
        session.add(
            TournamentPlayer(
                tournament_id=ident, user_id=actor_id, transfer_id=transfer_id, joined_at=clock.now()
            )
        )
        t.player_count += 1
        session.add(t)
        await session.flush()
        return Effects(
            result={"tournament_id": ident},
            events=[
                events.Spec(
                    kind="tournament.joined",
                    actor_id=actor_id,
                    subject=subject(ident),
                    audience=[actor_id],
                    payload={"tournament_id": ident, "players": t.player_count},
                )
            ],
            audit=Audit(action="tournament.join", subject=subject(ident), data={"fee": t.entry_fee}),
        )

    await movement.move(
        session,
        movement.Movement(
            operation="tournament.join",
            actor_id=actor_id,
            legs=[],
            idempotency_key=idempotency_key,
            params={"tournament": ident},
            shortfall_field="tournamentId",
        ),
        clock=clock,
        effects=effects,
    )
    await session.refresh(t)
    return t


async def leave(session: AsyncSession, *, actor_id: int, tournament_id: Any, clock: Clock) -> Tournament:
    """Withdraws during registration; the entry fee comes back."""
    t = await common.locked(session, common.parse_tournament_id(tournament_id))
    ident = int(t.id or 0)
    if t.status != REGISTRATION:
        raise DomainError("NOT_REGISTERING", "Registration is closed.", "tournamentId")
    entry = await session.get(TournamentPlayer, (ident, actor_id))
    if entry is None:
        raise DomainError("NOT_JOINED", "You are not registered.", "tournamentId")
    legs = []
    if entry.transfer_id is not None and t.entry_fee:
        legs.append(
            ledger.Leg(
                debit=escrow(ident),
                credit=("user", actor_id),
                asset=t.currency,
                amount=t.entry_fee,
                kind="tournament_refund",
                ref=subject(ident),
            )
        )

    async def effects(_: list[Transfer]) -> Effects:
        await session.delete(entry)
        t.player_count -= 1
        session.add(t)
        await session.flush()
        return Effects(
            events=[
                events.Spec(
                    kind="tournament.left",
                    actor_id=actor_id,
                    subject=subject(ident),
                    audience=[actor_id],
                    payload={"tournament_id": ident, "players": t.player_count},
                )
            ],
            audit=Audit(action="tournament.leave", subject=subject(ident)),
        )

    await movement.move(
        session,
        movement.Movement(operation="tournament.leave", actor_id=actor_id, legs=legs),
        clock=clock,
        effects=effects,
    )
    return t


async def cancel(session: AsyncSession, *, actor_id: int, tournament_id: Any, clock: Clock) -> Tournament:
    """An admin calls a tournament off before its end: every fee back, the bonus back to the faucet."""
    t = await common.locked(session, common.parse_tournament_id(tournament_id))
    ident = int(t.id or 0)
    if t.status in (FINISHED, CANCELLED):
        raise DomainError("TOURNAMENT_OVER", "This tournament is over.", "tournamentId")
    state = await common.load(session, t)
    out = common.Outcome()
    for player in state.players:
        if player.transfer_id is not None and t.entry_fee:
            out.legs.append(
                ledger.Leg(
                    debit=escrow(ident),
                    credit=("user", player.user_id),
                    asset=t.currency,
                    amount=t.entry_fee,
                    kind="tournament_refund",
                    ref=subject(ident),
                )
            )
        out.notes.append(
            notifications.Note(
                user_id=player.user_id,
                kind="tournament.cancelled",
                title=f"{t.name}: cancelled",
                body=f"The tournament was cancelled; your entry fee ({t.entry_fee} {t.currency}) is back.",
                data={"tournament_id": ident, "name": t.name, "amount": t.entry_fee, "currency": t.currency},
            )
        )
    if t.prize_bonus:
        out.legs.append(
            ledger.Leg(
                debit=escrow(ident),
                credit=("system", common.FAUCET),
                asset=t.currency,
                amount=t.prize_bonus,
                kind="tournament_bonus_return",
                ref=subject(ident),
            )
        )
    t.status, t.finished_at = CANCELLED, clock.now()
    out.events.append(
        events.Spec(
            kind="tournament.cancelled",
            actor_id=actor_id,
            subject=subject(ident),
            audience=state.audience(),
            payload={"tournament_id": ident, "status": CANCELLED},
        )
    )
    await common.commit(
        session,
        state,
        out,
        operation="tournament.cancel",
        clock=clock,
        actor_id=actor_id,
        audit=Audit(action="tournament.cancel", subject=subject(ident), data={"refunds": len(state.players)}),
    )
    return t


async def ban(
    session: AsyncSession, *, actor_id: int, user_id: Any, banned: bool, reason: str | None, clock: Clock
) -> bool:
    """A moderator bars a player from joining tournaments (or lifts the bar); whether they are barred."""
    target = to_id(user_id)
    if target is None or await session.get(User, target) is None:
        raise DomainError("UNKNOWN_USER", "No such user.", "userId")
    found = await session.get(TournamentBan, target)
    if banned and found is None:
        session.add(
            TournamentBan(
                user_id=target,
                banned_by=actor_id,
                reason=(reason or "")[:200] or None,
                created_at=clock.now(),
            )
        )
    elif not banned and found is not None:
        await session.delete(found)
    await session.flush()
    await movement.move(
        session,
        movement.Movement(operation="tournament.ban", actor_id=actor_id, legs=[]),
        clock=clock,
        effects=lambda _: Effects(
            audit=Audit(action="tournament.ban" if banned else "tournament.unban", subject=f"user:{target}")
        ),
    )
    return banned
