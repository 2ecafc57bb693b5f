"""Sessions: the DM opens one, players join with a character; rolls, damage, healing and status
effects go to the session's log, and each is pushed live to everyone at the table (events of the
``dnd`` topic, subject ``dnd_session:<id>``). The DM's tools: NPCs at the table, custom items given
to a character, private notes, and ending the session. A roll without a session goes to the
player's own log."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.dnd import (
    DndCampaign,
    DndCharacter,
    DndEncounter,
    DndLogEntry,
    DndNote,
    DndParticipant,
    DndSession,
)
from resolvers import events
from resolvers.clock import Clock
from resolvers.dnd import characters, dice
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes(
    "dnd_sessions",
    "ALREADY_JOINED",
    "DM_CANNOT_JOIN",
    "INVALID_AMOUNT",
    "INVALID_REASON",
    "INVALID_STATUS",
    "INVALID_TEXT",
    "NOT_ALLOWED",
    "NOT_IN_SESSION",
    "NOT_THE_DM",
    "SESSION_ENDED",
    "UNKNOWN_CAMPAIGN",
    "UNKNOWN_PARTICIPANT",
    "UNKNOWN_SESSION",
    uses=(dice.ERRORS, characters.ERRORS),
)
KINDS = ("dnd.rolled", "dnd.hp", "dnd.status", "dnd.joined", "dnd.npc", "dnd.item", "dnd.ended")
events.live("dnd", *KINDS)

STATUSES = (
    "blinded",
    "charmed",
    "deafened",
    "frightened",
    "grappled",
    "incapacitated",
    "invisible",
    "paralyzed",
    "petrified",
    "poisoned",
    "prone",
    "restrained",
    "stunned",
    "unconscious",
)
MAX_REASON = 200
MAX_NOTE = 2000
MAX_HP = 10_000


@dataclass(frozen=True, kw_only=True)
class Rolled:
    roll: dice.Roll
    entry: DndLogEntry


def reason_text(raw: str | None) -> str | None:
    text = " ".join((raw or "").split()) or None
    if text is not None and len(text) > MAX_REASON:
        raise DomainError("INVALID_REASON", f"A reason is at most {MAX_REASON} characters.", "reason")
    return text


async def get_session(session: AsyncSession, session_id: Any, *, lock: bool = False) -> DndSession:
    ident = to_id(session_id)
    row = await session.get(DndSession, ident, with_for_update=lock) if ident is not None else None
    if row is None:
        raise DomainError("UNKNOWN_SESSION", "No such session.", "sessionId")
    return row


def _open(table: DndSession) -> None:
    if table.status != "open":
        raise DomainError("SESSION_ENDED", "This session has ended.", "sessionId")


async def members(session: AsyncSession, session_id: int) -> list[DndParticipant]:
    query = select(DndParticipant).where(col(DndParticipant.session_id) == session_id)
    return list((await session.execute(query.order_by(col(DndParticipant.id)))).scalars().all())


async def _audience(session: AsyncSession, table: DndSession) -> list[int]:
    players = [p.user_id for p in await members(session, int(table.id or 0)) if p.user_id is not None]
    return [table.dm_id, *players]


async def log_entry(
    session: AsyncSession, table: DndSession, entry: DndLogEntry, event: str, clock: Clock
) -> DndLogEntry:
    session.add(entry)
    await session.flush()
    await events.append(
        session,
        kind=event,
        clock=clock,
        actor_id=entry.user_id,
        subject=f"dnd_session:{table.id}",
        audience=await _audience(session, table),
        payload={"session_id": table.id, "log_id": entry.id},
    )
    return entry


async def roll(
    session: AsyncSession,
    *,
    actor_id: int,
    notation: str,
    reason: str | None,
    session_id: Any,
    clock: Clock,
    rng: random.Random | None = None,
) -> Rolled:
    parsed = dice.parse(notation)
    why = reason_text(reason)
    table = await get_session(session, session_id) if session_id is not None else None
    participant: DndParticipant | None = None
    if table is not None:
        _open(table)
        participant = await _player(session, int(table.id or 0), actor_id)
        if participant is None and table.dm_id != actor_id:
            raise DomainError("NOT_IN_SESSION", "Join this session to roll in it.", "sessionId")
    result = dice.roll(parsed, rng)
    entry = DndLogEntry(
        session_id=table.id if table is not None else None,
        user_id=actor_id,
        participant_id=participant.id if participant is not None else None,
        kind="roll",
        notation=result.notation,
        total=result.total,
        reason=why,
        detail=result.detail(),
        created_at=clock.now(),
    )
    if table is None:
        session.add(entry)
        await session.flush()
    else:
        await log_entry(session, table, entry, "dnd.rolled", clock)
    return Rolled(roll=result, entry=entry)


async def _player(session: AsyncSession, session_id: int, user_id: int) -> DndParticipant | None:
    query = select(DndParticipant).where(
        col(DndParticipant.session_id) == session_id, col(DndParticipant.user_id) == user_id
    )
    return (await session.execute(query)).scalar_one_or_none()


async def create(
    session: AsyncSession, *, actor_id: int, name: str, clock: Clock, campaign_id: Any = None
) -> DndSession:
    """A session with the actor as its DM, in one of the DM's campaigns when ``campaign_id`` is given."""
    label = " ".join((name or "").split())
    if not 1 <= len(label) <= 80:
        raise DomainError("INVALID_NAME", "A session's name is 1 to 80 characters.", "name")
    campaign: DndCampaign | None = None
    if campaign_id is not None:
        ident = to_id(campaign_id)
        campaign = await session.get(DndCampaign, ident) if ident is not None else None
        if campaign is None:
            raise DomainError("UNKNOWN_CAMPAIGN", "No such campaign.", "campaignId")
        if campaign.dm_id != actor_id:
            raise DomainError("NOT_THE_DM", "Only the campaign's DM may add sessions to it.", "campaignId")
    table = DndSession(
        dm_id=actor_id,
        name=label,
        status="open",
        campaign_id=campaign.id if campaign is not None else None,
        created_at=clock.now(),
    )
    session.add(table)
    await session.flush()
    return table


async def join(
    session: AsyncSession, *, actor_id: int, session_id: Any, character_id: Any, clock: Clock
) -> DndParticipant:
    table = await get_session(session, session_id, lock=True)
    _open(table)
    if table.dm_id == actor_id:
        raise DomainError(
            "DM_CANNOT_JOIN", "The DM runs the session and does not join it as a player.", "sessionId"
        )
    character = await characters.owned(session, actor_id, character_id)
    if await _player(session, int(table.id or 0), actor_id) is not None:
        raise DomainError("ALREADY_JOINED", "You are already at this table.", "sessionId")
    participant = DndParticipant(
        session_id=int(table.id or 0),
        user_id=actor_id,
        character_id=character.id,
        name=character.name,
        hp=character.max_hp,
        max_hp=character.max_hp,
        statuses=[],
        joined_at=clock.now(),
    )
    session.add(participant)
    await session.flush()
    entry = DndLogEntry(
        session_id=table.id,
        user_id=actor_id,
        participant_id=participant.id,
        kind="join",
        detail={"name": participant.name, "hp": participant.hp, "max_hp": participant.max_hp},
        created_at=clock.now(),
    )
    await log_entry(session, table, entry, "dnd.joined", clock)
    return participant


async def _as_dm(session: AsyncSession, actor_id: int, session_id: Any, *, lock: bool = False) -> DndSession:
    table = await get_session(session, session_id, lock=lock)
    if table.dm_id != actor_id:
        raise DomainError("NOT_THE_DM", "Only the session's DM may do this.", "sessionId")
    _open(table)
    return table


async def end(session: AsyncSession, *, actor_id: int, session_id: Any, clock: Clock) -> DndSession:
    table = await _as_dm(session, actor_id, session_id, lock=True)
    table.status, table.ended_at = "ended", clock.now()
    session.add(table)
    running = update(DndEncounter).where(
        col(DndEncounter.session_id) == table.id, col(DndEncounter.status) == "active"
    )
    await session.execute(running.values(status="ended", ended_at=clock.now()))
    entry = DndLogEntry(session_id=table.id, user_id=actor_id, kind="end", detail={}, created_at=clock.now())
    await log_entry(session, table, entry, "dnd.ended", clock)
    return table


async def npc_add(
    session: AsyncSession, *, actor_id: int, session_id: Any, name: str, max_hp: int, clock: Clock
) -> DndParticipant:
    table = await _as_dm(session, actor_id, session_id)
    label = characters.clean_name(name)
    if not 1 <= max_hp <= MAX_HP:
        raise DomainError("INVALID_AMOUNT", f"Hit points are 1 to {MAX_HP}.", "maxHp")
    npc = DndParticipant(
        session_id=int(table.id or 0),
        name=label,
        hp=max_hp,
        max_hp=max_hp,
        statuses=[],
        joined_at=clock.now(),
    )
    session.add(npc)
    await session.flush()
    entry = DndLogEntry(
        session_id=table.id,
        user_id=actor_id,
        participant_id=npc.id,
        kind="npc",
        detail={"name": label, "hp": max_hp, "max_hp": max_hp},
        created_at=clock.now(),
    )
    await log_entry(session, table, entry, "dnd.npc", clock)
    return npc


async def _target(
    session: AsyncSession, actor_id: int, participant_id: Any
) -> tuple[DndSession, DndParticipant]:
    """The participant (locked) and its session, for the DM or the participant's own player."""
    ident = to_id(participant_id)
    target = await session.get(DndParticipant, ident, with_for_update=True) if ident is not None else None
    if target is None:
        raise DomainError("UNKNOWN_PARTICIPANT", "No such participant.", "participantId")
    table = await get_session(session, target.session_id)
    _open(table)
    if actor_id not in (table.dm_id, target.user_id):
        raise DomainError(
            "NOT_ALLOWED", "Only the DM or the character's player may do this.", "participantId"
        )
    return table, target


async def hp_change(
    session: AsyncSession,
    *,
    actor_id: int,
    participant_id: Any,
    amount: int,
    reason: str | None,
    clock: Clock,
) -> DndParticipant:
    """``amount`` below zero is damage, above zero healing; HP stay within 0 and the maximum, and a
    participant at 0 HP is unconscious until healed."""
    if amount == 0 or abs(amount) > MAX_HP:
        raise DomainError("INVALID_AMOUNT", f"Damage or healing is 1 to {MAX_HP} hit points.", "amount")
    why = reason_text(reason)
    table, target = await _target(session, actor_id, participant_id)
    before = target.hp
    target.hp = max(0, min(target.max_hp, target.hp + amount))
    statuses = [s for s in target.statuses if s != "unconscious"]
    target.statuses = [*statuses, "unconscious"] if target.hp == 0 else statuses
    session.add(target)
    entry = DndLogEntry(
        session_id=table.id,
        user_id=actor_id,
        participant_id=target.id,
        kind="damage" if amount < 0 else "heal",
        amount=abs(amount),
        reason=why,
        detail={"name": target.name, "before": before, "hp": target.hp, "max_hp": target.max_hp},
        created_at=clock.now(),
    )
    await log_entry(session, table, entry, "dnd.hp", clock)
    return target


async def status_set(
    session: AsyncSession, *, actor_id: int, participant_id: Any, status: str, active: bool, clock: Clock
) -> DndParticipant:
    effect = status.lower()
    if effect not in STATUSES:
        raise DomainError(
            "INVALID_STATUS", "Choose one of the conditions: " + ", ".join(STATUSES) + ".", "status"
        )
    table, target = await _target(session, actor_id, participant_id)
    others = [s for s in target.statuses if s != effect]
    target.statuses = sorted([*others, effect]) if active else others
    session.add(target)
    entry = DndLogEntry(
        session_id=table.id,
        user_id=actor_id,
        participant_id=target.id,
        kind="status",
        detail={"name": target.name, "status": effect, "active": active},
        created_at=clock.now(),
    )
    await log_entry(session, table, entry, "dnd.status", clock)
    return target


async def item_give(
    session: AsyncSession,
    *,
    actor_id: int,
    participant_id: Any,
    name: str,
    quantity: int,
    note: str | None,
    clock: Clock,
) -> DndCharacter:
    """The DM's custom item (any name, with a note) into a player character's inventory."""
    table, target = await _target(session, actor_id, participant_id)
    if table.dm_id != actor_id:
        raise DomainError("NOT_THE_DM", "Only the session's DM may hand out items.", "participantId")
    character = (
        await session.get(DndCharacter, target.character_id, with_for_update=True)
        if target.character_id
        else None
    )
    if character is None:
        raise DomainError(
            "UNKNOWN_PARTICIPANT", "Items go to a player's character, not to an NPC.", "participantId"
        )
    entry = characters.item_entry(name, quantity, note, "name")
    characters.add_item(character, entry)
    session.add(character)
    log = DndLogEntry(
        session_id=table.id,
        user_id=actor_id,
        participant_id=target.id,
        kind="item",
        amount=entry["quantity"],
        detail={"name": target.name, "item": entry["name"], "note": entry["note"]},
        created_at=clock.now(),
    )
    await log_entry(session, table, log, "dnd.item", clock)
    return character


async def note_add(
    session: AsyncSession, *, actor_id: int, session_id: Any, text: str, clock: Clock
) -> DndNote:
    table = await _as_dm(session, actor_id, session_id)
    body = (text or "").strip()
    if not 1 <= len(body) <= MAX_NOTE:
        raise DomainError("INVALID_TEXT", f"A note is 1 to {MAX_NOTE} characters.", "text")
    note = DndNote(session_id=int(table.id or 0), author_id=actor_id, text=body, created_at=clock.now())
    session.add(note)
    await session.flush()
    return note


async def notes(session: AsyncSession, *, actor_id: int, session_id: int) -> list[DndNote] | None:
    """The DM's notes, newest first; None for anyone but the DM."""
    table = await session.get(DndSession, session_id)
    if table is None or table.dm_id != actor_id:
        return None
    query = select(DndNote).where(col(DndNote.session_id) == session_id).order_by(col(DndNote.id).desc())
    return list((await session.execute(query)).scalars().all())
