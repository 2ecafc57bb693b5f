"""Encounters, the DM's fight tracker: starting one rolls initiative for everyone at the table
(d20 + the character's DEX modifier, d20 for an NPC; ties go to the higher modifier), then the DM
passes the turn down the order, round after round, until the encounter ends. Each step is a line of
the session's log, pushed live like the rest."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.dnd import DndCharacter, DndEncounter, DndLogEntry
from resolvers import events
from resolvers.clock import Clock
from resolvers.dnd import characters, dice, sessions
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes(
    "dnd_encounters",
    "ENCOUNTER_ACTIVE",
    "ENCOUNTER_ENDED",
    "NO_PARTICIPANTS",
    "UNKNOWN_ENCOUNTER",
    uses=(sessions.ERRORS,),
)
KINDS = ("dnd.encounter",)
events.live("dnd", *KINDS)
D20 = dice.parse("1d20")


async def active(session: AsyncSession, session_id: int) -> DndEncounter | None:
    query = select(DndEncounter).where(
        col(DndEncounter.session_id) == session_id, col(DndEncounter.status) == "active"
    )
    return (await session.execute(query)).scalar_one_or_none()


async def start(
    session: AsyncSession,
    *,
    actor_id: int,
    session_id: Any,
    name: str | None,
    clock: Clock,
    rng: random.Random | None = None,
) -> DndEncounter:
    table = await sessions.get_session(session, session_id, lock=True)
    if table.dm_id != actor_id:
        raise DomainError("NOT_THE_DM", "Only the session's DM may run an encounter.", "sessionId")
    if table.status != "open":
        raise DomainError("SESSION_ENDED", "This session has ended.", "sessionId")
    label = " ".join((name or "").split()) or "Encounter"
    if len(label) > 80:
        raise DomainError("INVALID_NAME", "An encounter's name is at most 80 characters.", "name")
    if await active(session, int(table.id or 0)) is not None:
        raise DomainError(
            "ENCOUNTER_ACTIVE", "End the current encounter before starting another.", "sessionId"
        )
    present = await sessions.members(session, int(table.id or 0))
    if not present:
        raise DomainError(
            "NO_PARTICIPANTS", "Nobody is at the table yet: add an NPC or wait for a player.", "sessionId"
        )
    order: list[dict[str, Any]] = []
    for participant in present:
        hero = await session.get(DndCharacter, participant.character_id) if participant.character_id else None
        bonus = characters.modifier(hero.dexterity) if hero is not None else 0
        rolled = dice.roll(D20, rng).total
        entry: dict[str, Any] = {"participant_id": participant.id, "name": participant.name}
        order.append(entry | {"roll": rolled, "bonus": bonus, "initiative": rolled + bonus})
    order.sort(key=lambda o: (-o["initiative"], -o["bonus"], o["participant_id"]))
    encounter = DndEncounter(session_id=int(table.id or 0), name=label, order=order, created_at=clock.now())
    session.add(encounter)
    await session.flush()
    await _log(session, table.id, actor_id, "encounter", {"name": label, "order": order, "round": 1}, clock)
    return encounter


async def _dm_encounter(session: AsyncSession, actor_id: int, encounter_id: Any) -> DndEncounter:
    ident = to_id(encounter_id)
    encounter = await session.get(DndEncounter, ident, with_for_update=True) if ident is not None else None
    if encounter is None:
        raise DomainError("UNKNOWN_ENCOUNTER", "No such encounter.", "encounterId")
    table = await sessions.get_session(session, encounter.session_id)
    if table.dm_id != actor_id:
        raise DomainError("NOT_THE_DM", "Only the session's DM may run an encounter.", "encounterId")
    if encounter.status != "active":
        raise DomainError("ENCOUNTER_ENDED", "This encounter has ended.", "encounterId")
    return encounter


async def next_turn(session: AsyncSession, *, actor_id: int, encounter_id: Any, clock: Clock) -> DndEncounter:
    encounter = await _dm_encounter(session, actor_id, encounter_id)
    turn = encounter.turn + 1
    if turn >= len(encounter.order):
        encounter.turn, encounter.round = 0, encounter.round + 1
    else:
        encounter.turn = turn
    session.add(encounter)
    current = encounter.order[encounter.turn]
    detail = {"name": current["name"], "round": encounter.round, "encounter": encounter.name}
    await _log(session, encounter.session_id, actor_id, "turn", detail, clock, current["participant_id"])
    return encounter


async def end(session: AsyncSession, *, actor_id: int, encounter_id: Any, clock: Clock) -> DndEncounter:
    encounter = await _dm_encounter(session, actor_id, encounter_id)
    encounter.status, encounter.ended_at = "ended", clock.now()
    session.add(encounter)
    detail = {"name": encounter.name, "round": encounter.round}
    await _log(session, encounter.session_id, actor_id, "encounter_end", detail, clock)
    return encounter


async def _log(
    session: AsyncSession,
    session_id: int | None,
    actor_id: int,
    kind: str,
    detail: dict[str, Any],
    clock: Clock,
    participant_id: int | None = None,
) -> None:
    table = await sessions.get_session(session, session_id)
    entry = DndLogEntry(
        session_id=table.id,
        user_id=actor_id,
        participant_id=participant_id,
        kind=kind,
        detail=detail,
        created_at=clock.now(),
    )
    await sessions.log_entry(session, table, entry, "dnd.encounter", clock)
