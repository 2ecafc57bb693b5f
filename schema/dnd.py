"""The D&D workshop: dice rolls, characters, sessions with their log, and the DM's tools."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from sqlalchemy import select
from sqlmodel import col

from dataloaders.accounts import UserByIdLoader
from dataloaders.dnd import (
    DndActiveEncounterBySessionLoader,
    DndCampaignByIdLoader,
    DndCharacterByIdLoader,
    DndParticipantsBySessionLoader,
    DndSessionsByCampaignLoader,
)
from db.models.dnd import DndCampaign as CampaignRow
from db.models.dnd import DndCharacter as CharacterRow
from db.models.dnd import DndEncounter as EncounterRow
from db.models.dnd import DndLogEntry as LogRow
from db.models.dnd import DndNote as NoteRow
from db.models.dnd import DndParticipant as ParticipantRow
from db.models.dnd import DndSession as SessionRow
from resolvers import events
from resolvers.dnd import campaigns, characters, encounters, sessions
from resolvers.ids import to_id
from schema.accounts import PublicUser
from schema.core.connections import Connection, paginate
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated

DndErrorCode = error_codes("Dnd", sessions.ERRORS, encounters.ERRORS, campaigns.ERRORS)


@strawberry.type
class DndError:
    code: Enum = strawberry.field(graphql_type=DndErrorCode)
    field: str | None
    message: str


@strawberry.enum
class DndClass(Enum):
    BARBARIAN = "barbarian"
    BARD = "bard"
    CLERIC = "cleric"
    DRUID = "druid"
    FIGHTER = "fighter"
    MONK = "monk"
    PALADIN = "paladin"
    RANGER = "ranger"
    ROGUE = "rogue"
    SORCERER = "sorcerer"
    WARLOCK = "warlock"
    WIZARD = "wizard"


@strawberry.enum
class DndRace(Enum):
    DRAGONBORN = "dragonborn"
    DWARF = "dwarf"
    ELF = "elf"
    GNOME = "gnome"
    HALF_ELF = "half_elf"
    HALF_ORC = "half_orc"
    HALFLING = "halfling"
    HUMAN = "human"
    TIEFLING = "tiefling"


@strawberry.enum(description="The conditions of the rules, set and cleared on a participant.")
class DndCondition(Enum):
    BLINDED = "blinded"
    CHARMED = "charmed"
    DEAFENED = "deafened"
    FRIGHTENED = "frightened"
    GRAPPLED = "grappled"
    INCAPACITATED = "incapacitated"
    INVISIBLE = "invisible"
    PARALYZED = "paralyzed"
    PETRIFIED = "petrified"
    POISONED = "poisoned"
    PRONE = "prone"
    RESTRAINED = "restrained"
    STUNNED = "stunned"
    UNCONSCIOUS = "unconscious"


@strawberry.enum
class DndLogKind(Enum):
    ROLL = "roll"
    JOIN = "join"
    DAMAGE = "damage"
    HEAL = "heal"
    STATUS = "status"
    NPC = "npc"
    ITEM = "item"
    END = "end"
    ENCOUNTER = "encounter"
    TURN = "turn"
    ENCOUNTER_END = "encounter_end"


@strawberry.enum
class DndSessionStatus(Enum):
    OPEN = "open"
    ENDED = "ended"


async def _user(info: Info, user_id: int | None) -> PublicUser | None:
    if user_id is None:
        return None
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type(description="One kind of dice in a roll (or a modifier, with no dice).")
class DiceTerm:
    notation: str
    negative: bool
    sides: int
    rolls: list[int]
    kept: list[bool] = strawberry.field(description="Whether each die counts (keep/drop).")
    subtotal: int


@strawberry.type
class DiceRoll:
    row: strawberry.Private[LogRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def notation(self) -> str:
        return self.row.notation or ""

    @strawberry.field
    def total(self) -> int:
        return self.row.total or 0

    @strawberry.field(description="Every die's value in the order thrown, dropped dice included.")
    def rolls(self) -> list[int]:
        return [v for term in self.row.detail.get("terms", []) for v in term["rolls"]]

    @strawberry.field
    def terms(self) -> list[DiceTerm]:
        return [
            DiceTerm(
                notation=t["notation"],
                negative=t["sign"] < 0,
                sides=t["sides"],
                rolls=t["rolls"],
                kept=t["kept"],
                subtotal=t["subtotal"],
            )
            for t in self.row.detail.get("terms", [])
        ]

    @strawberry.field
    def reason(self) -> str | None:
        return self.row.reason

    @strawberry.field
    async def roller(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.user_id)

    @strawberry.field
    def session_id(self) -> strawberry.ID | None:
        return strawberry.ID(str(self.row.session_id)) if self.row.session_id is not None else None

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class DiceRollConnection(Connection[DiceRoll]):
    pass


@strawberry.type
class DndInventoryItem:
    name: str
    quantity: int
    note: str | None


@strawberry.type
class DndCharacter:
    row: strawberry.Private[CharacterRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def character_class(self) -> DndClass:
        return DndClass(self.row.char_class)

    @strawberry.field
    def race(self) -> DndRace:
        return DndRace(self.row.race)

    @strawberry.field
    def level(self) -> int:
        return self.row.level

    @strawberry.field
    def strength(self) -> int:
        return self.row.strength

    @strawberry.field
    def dexterity(self) -> int:
        return self.row.dexterity

    @strawberry.field
    def constitution(self) -> int:
        return self.row.constitution

    @strawberry.field
    def intelligence(self) -> int:
        return self.row.intelligence

    @strawberry.field
    def wisdom(self) -> int:
        return self.row.wisdom

    @strawberry.field
    def charisma(self) -> int:
        return self.row.charisma

    @strawberry.field(
        description="Hit points at full health: the class's hit die plus the Constitution modifier."
    )
    def max_hp(self) -> int:
        return self.row.max_hp

    @strawberry.field(description="The class's hit die (d6 to d12).")
    def hit_die(self) -> int:
        return characters.HIT_DIE[self.row.char_class]

    @strawberry.field
    def backstory(self) -> str | None:
        return self.row.backstory

    @strawberry.field
    def inventory(self) -> list[DndInventoryItem]:
        return [
            DndInventoryItem(name=e["name"], quantity=e["quantity"], note=e.get("note"))
            for e in self.row.inventory
        ]

    @strawberry.field
    async def owner(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.owner_id)

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class DndParticipant:
    row: strawberry.Private[ParticipantRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="An NPC of the DM's, not a player's character.")
    def is_npc(self) -> bool:
        return self.row.user_id is None

    @strawberry.field
    async def player(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.user_id)

    @strawberry.field
    async def character(self, info: Info) -> DndCharacter | None:
        if self.row.character_id is None:
            return None
        row = await info.context.loaders.get(DndCharacterByIdLoader).load(self.row.character_id)
        return DndCharacter(row=row) if row is not None else None

    @strawberry.field
    def hp(self) -> int:
        return self.row.hp

    @strawberry.field
    def max_hp(self) -> int:
        return self.row.max_hp

    @strawberry.field
    def statuses(self) -> list[DndCondition]:
        return [DndCondition(s) for s in self.row.statuses]


@strawberry.type
class DndLogEntry:
    row: strawberry.Private[LogRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def kind(self) -> DndLogKind:
        return DndLogKind(self.row.kind)

    @strawberry.field(description="Who did it: the roller, the DM, the player who joined.")
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.user_id)

    @strawberry.field
    def participant_id(self) -> strawberry.ID | None:
        return strawberry.ID(str(self.row.participant_id)) if self.row.participant_id is not None else None

    @strawberry.field(description="The character or NPC concerned.")
    def participant_name(self) -> str | None:
        name = self.row.detail.get("name")
        return str(name) if name is not None else None

    @strawberry.field
    def roll(self) -> DiceRoll | None:
        return DiceRoll(row=self.row) if self.row.kind == "roll" else None

    @strawberry.field(description="Damage, healing or how many of an item.")
    def amount(self) -> int | None:
        return self.row.amount

    @strawberry.field(description="Hit points after the change.")
    def hp(self) -> int | None:
        value = self.row.detail.get("hp")
        return int(value) if value is not None else None

    @strawberry.field
    def max_hp(self) -> int | None:
        value = self.row.detail.get("max_hp")
        return int(value) if value is not None else None

    @strawberry.field
    def status(self) -> DndCondition | None:
        value = self.row.detail.get("status")
        return DndCondition(value) if value is not None else None

    @strawberry.field(description="Whether a status was set (true) or cleared (false).")
    def active(self) -> bool | None:
        value = self.row.detail.get("active")
        return bool(value) if value is not None else None

    @strawberry.field
    def item(self) -> str | None:
        value = self.row.detail.get("item")
        return str(value) if value is not None else None

    @strawberry.field(description="An encounter's round (its start, a turn, its end).")
    def round(self) -> int | None:
        value = self.row.detail.get("round")
        return int(value) if value is not None else None

    @strawberry.field
    def reason(self) -> str | None:
        return self.row.reason

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class DndLogConnection(Connection[DndLogEntry]):
    pass


@strawberry.type
class DndNote:
    row: strawberry.Private[NoteRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def text(self) -> str:
        return self.row.text

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type(description="One place in an encounter's turn order.")
class DndInitiative:
    participant_id: strawberry.ID
    name: str
    roll: int = strawberry.field(description="The d20.")
    bonus: int = strawberry.field(description="The DEX modifier (0 for an NPC).")
    initiative: int


@strawberry.type
class DndEncounter:
    row: strawberry.Private[EncounterRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def active(self) -> bool:
        return self.row.status == "active"

    @strawberry.field
    def round(self) -> int:
        return self.row.round

    @strawberry.field(description="The index in order of whose turn it is.")
    def turn(self) -> int:
        return self.row.turn

    @strawberry.field(description="Highest initiative first.")
    def order(self) -> list[DndInitiative]:
        return [
            DndInitiative(
                participant_id=strawberry.ID(str(o["participant_id"])),
                name=o["name"],
                roll=o["roll"],
                bonus=o["bonus"],
                initiative=o["initiative"],
            )
            for o in self.row.order
        ]


@strawberry.type
class DndSession:
    row: strawberry.Private[SessionRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def status(self) -> DndSessionStatus:
        return DndSessionStatus(self.row.status)

    @strawberry.field
    async def dm(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.dm_id)

    @strawberry.field(description="Whether the viewer is this session's DM.")
    def is_dm(self, info: Info) -> bool:
        return info.context.actor.user_id == self.row.dm_id

    @strawberry.field
    async def participants(self, info: Info) -> list[DndParticipant]:
        rows = await info.context.loaders.get(DndParticipantsBySessionLoader).load(int(self.row.id or 0))
        return [DndParticipant(row=r) for r in rows]

    @strawberry.field(description="The campaign the session belongs to, if any.")
    async def campaign(self, info: Info) -> DndCampaign | None:
        if self.row.campaign_id is None:
            return None
        row = await info.context.loaders.get(DndCampaignByIdLoader).load(self.row.campaign_id)
        return DndCampaign(row=row) if row is not None else None

    @strawberry.field(description="The encounter under way, if any.")
    async def encounter(self, info: Info) -> DndEncounter | None:
        row = await info.context.loaders.get(DndActiveEncounterBySessionLoader).load(int(self.row.id or 0))
        return DndEncounter(row=row) if row is not None else None

    @strawberry.field(description="The session's log, newest first.")
    async def log(self, info: Info, first: int = 30, after: str | None = None) -> DndLogConnection:
        query = select(LogRow).where(col(LogRow.session_id) == self.row.id)
        return await paginate(
            info.context.db,
            DndLogConnection,
            query,
            kind="dnd_log",
            first=first,
            after=after,
            column=col(LogRow.id),
            node=lambda r: DndLogEntry(row=r),
        )

    @strawberry.field(description="The DM's private notes, newest first; null for anyone but the DM.")
    async def notes(self, info: Info) -> list[DndNote] | None:
        async with info.context.db.reader() as session:
            rows = await sessions.notes(
                session, actor_id=info.context.actor.user_id or 0, session_id=int(self.row.id or 0)
            )
        return [DndNote(row=r) for r in rows] if rows is not None else None

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def ended_at(self) -> datetime | None:
        return self.row.ended_at


@strawberry.type
class DndSessionConnection(Connection[DndSession]):
    pass


@strawberry.type
class DndCampaign:
    row: strawberry.Private[CampaignRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def description(self) -> str | None:
        return self.row.description

    @strawberry.field
    async def dm(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.dm_id)

    @strawberry.field(description="The campaign's sessions, oldest first.")
    async def sessions(self, info: Info) -> list[DndSession]:
        rows = await info.context.loaders.get(DndSessionsByCampaignLoader).load(int(self.row.id or 0))
        return [DndSession(row=r) for r in rows]

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.input
class DiceRollInput:
    notation: str
    reason: str | None = None
    session_id: strawberry.ID | None = strawberry.field(
        default=None, description="Roll at this session's table (its log); otherwise into your own log."
    )


@strawberry.type
class DiceRollPayload:
    roll: DiceRoll | None = None
    errors: list[DndError] = strawberry.field(default_factory=list)


@strawberry.input
class DndInventoryItemInput:
    name: str
    quantity: int = 1
    note: str | None = None


@strawberry.input
class DndCharacterCreateInput:
    name: str
    character_class: DndClass
    race: DndRace
    backstory: str | None = None


@strawberry.input
class DndCharacterUpdateInput:
    character_id: strawberry.ID
    name: str | None = None
    backstory: str | None = None
    inventory: list[DndInventoryItemInput] | None = strawberry.field(
        default=None, description="The whole inventory, replacing the one held."
    )


@strawberry.type
class DndCharacterPayload:
    character: DndCharacter | None = None
    errors: list[DndError] = strawberry.field(default_factory=list)


@strawberry.input
class DndSessionCreateInput:
    name: str
    campaign_id: strawberry.ID | None = strawberry.field(default=None, description="One of your campaigns.")


@strawberry.input
class DndCampaignCreateInput:
    name: str
    description: str | None = None


@strawberry.type
class DndCampaignPayload:
    campaign: DndCampaign | None = None
    errors: list[DndError] = strawberry.field(default_factory=list)


@strawberry.input
class DndSessionInput:
    session_id: strawberry.ID


@strawberry.input
class DndSessionJoinInput:
    session_id: strawberry.ID
    character_id: strawberry.ID


@strawberry.type
class DndSessionPayload:
    session: DndSession | None = None
    errors: list[DndError] = strawberry.field(default_factory=list)


@strawberry.input
class DndNpcAddInput:
    session_id: strawberry.ID
    name: str
    max_hp: int


@strawberry.input
class DndHpChangeInput:
    participant_id: strawberry.ID
    amount: int = strawberry.field(description="Below zero: damage; above zero: healing.")
    reason: str | None = None


@strawberry.input
class DndStatusSetInput:
    participant_id: strawberry.ID
    status: DndCondition
    active: bool = True


@strawberry.type
class DndParticipantPayload:
    participant: DndParticipant | None = None
    errors: list[DndError] = strawberry.field(default_factory=list)


@strawberry.input
class DndItemGiveInput:
    participant_id: strawberry.ID
    name: str
    quantity: int = 1
    note: str | None = None


@strawberry.input
class DndNoteAddInput:
    session_id: strawberry.ID
    text: str


@strawberry.type
class DndNotePayload:
    note: DndNote | None = None
    errors: list[DndError] = strawberry.field(default_factory=list)


@strawberry.input
class DndEncounterStartInput:
    session_id: strawberry.ID
    name: str | None = None


@strawberry.input
class DndEncounterInput:
    encounter_id: strawberry.ID


@strawberry.type
class DndEncounterPayload:
    encounter: DndEncounter | None = None
    errors: list[DndError] = strawberry.field(default_factory=list)


@strawberry.type
class DndQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Your rolls outside sessions, newest first."
    )
    async def my_dice_rolls(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> DiceRollConnection:
        user_id = info.context.actor.user_id or 0
        query = select(LogRow).where(
            col(LogRow.user_id) == user_id, col(LogRow.session_id).is_(None), col(LogRow.kind) == "roll"
        )
        return await paginate(
            info.context.db,
            DiceRollConnection,
            query,
            kind="dice_roll",
            first=first,
            after=after,
            column=col(LogRow.id),
            node=lambda r: DiceRoll(row=r),
        )

    @strawberry.field(permission_classes=[IsAuthenticated], description="Your characters, oldest first.")
    async def dnd_characters(self, info: Info) -> list[DndCharacter]:
        async with info.context.db.reader() as session:
            rows = await characters.of_owner(session, owner_id=info.context.actor.user_id or 0)
        return [DndCharacter(row=r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated])
    async def dnd_character(self, info: Info, id: strawberry.ID) -> DndCharacter | None:
        ident = to_id(id)
        row = (
            await info.context.loaders.get(DndCharacterByIdLoader).load(ident) if ident is not None else None
        )
        return DndCharacter(row=row) if row is not None else None

    @strawberry.field(permission_classes=[IsAuthenticated], description="Sessions, newest first.")
    async def dnd_sessions(
        self, info: Info, first: int = 20, after: str | None = None, status: DndSessionStatus | None = None
    ) -> DndSessionConnection:
        query = select(SessionRow)
        if status is not None:
            query = query.where(col(SessionRow.status) == status.value)
        return await paginate(
            info.context.db,
            DndSessionConnection,
            query,
            kind="dnd_session",
            first=first,
            after=after,
            column=col(SessionRow.id),
            node=lambda r: DndSession(row=r),
        )

    @strawberry.field(
        permission_classes=[IsAuthenticated], description="The campaigns you run as DM, newest first."
    )
    async def dnd_campaigns(self, info: Info) -> list[DndCampaign]:
        async with info.context.db.reader() as session:
            rows = await campaigns.of_dm(session, dm_id=info.context.actor.user_id or 0)
        return [DndCampaign(row=r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated])
    async def dnd_session(self, info: Info, id: strawberry.ID) -> DndSession | None:
        ident = to_id(id)
        if ident is None:
            return None
        async with info.context.db.reader() as session:
            row = await session.get(SessionRow, ident)
        return DndSession(row=row) if row is not None else None


def _inventory(entries: list[DndInventoryItemInput] | None) -> list[dict[str, Any]] | None:
    if entries is None:
        return None
    return [{"name": e.name, "quantity": e.quantity, "note": e.note} for e in entries]


@strawberry.type
class DndMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Rolls dice (2d6+3, d20, 4d6kh3, 1d20+1d4+2) and logs the roll with its reason.",
    )
    async def dice_roll(self, info: Info, input: DiceRollInput) -> DiceRollPayload:
        ctx = info.context
        return await mutate(
            info,
            DiceRollPayload,
            lambda s: sessions.roll(
                s,
                actor_id=ctx.actor.user_id or 0,
                notation=input.notation,
                reason=input.reason,
                session_id=input.session_id,
                clock=ctx.clock,
            ),
            lambda rolled: DiceRollPayload(roll=DiceRoll(row=rolled.entry)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="A new character; its six stats are rolled 4d6 drop lowest.",
    )
    async def dnd_character_create(self, info: Info, input: DndCharacterCreateInput) -> DndCharacterPayload:
        ctx = info.context
        return await mutate(
            info,
            DndCharacterPayload,
            lambda s: characters.create(
                s,
                actor_id=ctx.actor.user_id or 0,
                name=input.name,
                char_class=input.character_class.value,
                race=input.race.value,
                backstory=input.backstory,
                clock=ctx.clock,
            ),
            lambda row: DndCharacterPayload(character=DndCharacter(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Renames a character, or rewrites its backstory or inventory.",
    )
    async def dnd_character_update(self, info: Info, input: DndCharacterUpdateInput) -> DndCharacterPayload:
        ctx = info.context
        return await mutate(
            info,
            DndCharacterPayload,
            lambda s: characters.update(
                s,
                actor_id=ctx.actor.user_id or 0,
                character_id=input.character_id,
                name=input.name,
                backstory=input.backstory,
                inventory=_inventory(input.inventory),
            ),
            lambda row: DndCharacterPayload(character=DndCharacter(row=row)),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Opens a session with you as its DM.")
    async def dnd_session_create(self, info: Info, input: DndSessionCreateInput) -> DndSessionPayload:
        ctx = info.context
        return await mutate(
            info,
            DndSessionPayload,
            lambda s: sessions.create(
                s,
                actor_id=ctx.actor.user_id or 0,
                name=input.name,
                campaign_id=input.campaign_id,
                clock=ctx.clock,
            ),
            lambda row: DndSessionPayload(session=DndSession(row=row)),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="A campaign of yours to group sessions.")
    async def dnd_campaign_create(self, info: Info, input: DndCampaignCreateInput) -> DndCampaignPayload:
        ctx = info.context
        return await mutate(
            info,
            DndCampaignPayload,
            lambda s: campaigns.create(
                s,
                actor_id=ctx.actor.user_id or 0,
                name=input.name,
                description=input.description,
                clock=ctx.clock,
            ),
            lambda row: DndCampaignPayload(campaign=DndCampaign(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Joins an open session with one of your characters."
    )
    async def dnd_session_join(self, info: Info, input: DndSessionJoinInput) -> DndParticipantPayload:
        ctx = info.context
        return await mutate(
            info,
            DndParticipantPayload,
            lambda s: sessions.join(
                s,
                actor_id=ctx.actor.user_id or 0,
                session_id=input.session_id,
                character_id=input.character_id,
                clock=ctx.clock,
            ),
            lambda row: DndParticipantPayload(participant=DndParticipant(row=row)),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Ends a session (its DM only).")
    async def dnd_session_end(self, info: Info, input: DndSessionInput) -> DndSessionPayload:
        ctx = info.context
        return await mutate(
            info,
            DndSessionPayload,
            lambda s: sessions.end(
                s, actor_id=ctx.actor.user_id or 0, session_id=input.session_id, clock=ctx.clock
            ),
            lambda row: DndSessionPayload(session=DndSession(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Adds an NPC to the session (its DM only)."
    )
    async def dnd_npc_add(self, info: Info, input: DndNpcAddInput) -> DndParticipantPayload:
        ctx = info.context
        return await mutate(
            info,
            DndParticipantPayload,
            lambda s: sessions.npc_add(
                s,
                actor_id=ctx.actor.user_id or 0,
                session_id=input.session_id,
                name=input.name,
                max_hp=input.max_hp,
                clock=ctx.clock,
            ),
            lambda row: DndParticipantPayload(participant=DndParticipant(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Damage (amount below zero) or healing (above zero), by the DM or the character's owner.",
    )
    async def dnd_hp_change(self, info: Info, input: DndHpChangeInput) -> DndParticipantPayload:
        ctx = info.context
        return await mutate(
            info,
            DndParticipantPayload,
            lambda s: sessions.hp_change(
                s,
                actor_id=ctx.actor.user_id or 0,
                participant_id=input.participant_id,
                amount=input.amount,
                reason=input.reason,
                clock=ctx.clock,
            ),
            lambda row: DndParticipantPayload(participant=DndParticipant(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Sets (active) or clears a status effect."
    )
    async def dnd_status_set(self, info: Info, input: DndStatusSetInput) -> DndParticipantPayload:
        ctx = info.context
        return await mutate(
            info,
            DndParticipantPayload,
            lambda s: sessions.status_set(
                s,
                actor_id=ctx.actor.user_id or 0,
                participant_id=input.participant_id,
                status=input.status.value,
                active=input.active,
                clock=ctx.clock,
            ),
            lambda row: DndParticipantPayload(participant=DndParticipant(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="The DM gives a custom item to a player's character."
    )
    async def dnd_item_give(self, info: Info, input: DndItemGiveInput) -> DndCharacterPayload:
        ctx = info.context
        return await mutate(
            info,
            DndCharacterPayload,
            lambda s: sessions.item_give(
                s,
                actor_id=ctx.actor.user_id or 0,
                participant_id=input.participant_id,
                name=input.name,
                quantity=input.quantity,
                note=input.note,
                clock=ctx.clock,
            ),
            lambda row: DndCharacterPayload(character=DndCharacter(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="A private note of the DM's on the session."
    )
    async def dnd_note_add(self, info: Info, input: DndNoteAddInput) -> DndNotePayload:
        ctx = info.context
        return await mutate(
            info,
            DndNotePayload,
            lambda s: sessions.note_add(
                s,
                actor_id=ctx.actor.user_id or 0,
                session_id=input.session_id,
                text=input.text,
                clock=ctx.clock,
            ),
            lambda row: DndNotePayload(note=DndNote(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="The DM starts an encounter: everyone at the table rolls d20 + DEX modifier.",
    )
    async def dnd_encounter_start(self, info: Info, input: DndEncounterStartInput) -> DndEncounterPayload:
        ctx = info.context
        return await mutate(
            info,
            DndEncounterPayload,
            lambda s: encounters.start(
                s,
                actor_id=ctx.actor.user_id or 0,
                session_id=input.session_id,
                name=input.name,
                clock=ctx.clock,
            ),
            lambda row: DndEncounterPayload(encounter=DndEncounter(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="The DM passes the turn (a new round after the last)."
    )
    async def dnd_encounter_next(self, info: Info, input: DndEncounterInput) -> DndEncounterPayload:
        ctx = info.context
        return await mutate(
            info,
            DndEncounterPayload,
            lambda s: encounters.next_turn(
                s, actor_id=ctx.actor.user_id or 0, encounter_id=input.encounter_id, clock=ctx.clock
            ),
            lambda row: DndEncounterPayload(encounter=DndEncounter(row=row)),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="The DM ends the encounter.")
    async def dnd_encounter_end(self, info: Info, input: DndEncounterInput) -> DndEncounterPayload:
        ctx = info.context
        return await mutate(
            info,
            DndEncounterPayload,
            lambda s: encounters.end(
                s, actor_id=ctx.actor.user_id or 0, encounter_id=input.encounter_id, clock=ctx.clock
            ),
            lambda row: DndEncounterPayload(encounter=DndEncounter(row=row)),
        )


@strawberry.type
class DndSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="A session's new log entries (rolls, HP, statuses, joins), live, for those at the table.",
    )
    async def dnd_session_events(
        self, info: Info, session_id: strawberry.ID
    ) -> AsyncGenerator[DndLogEntry, None]:
        user_id = info.context.actor.user_id or 0
        wanted = to_id(session_id)
        async with info.context.services.subscribe(f"lucas:user:{user_id}") as messages:
            async for message in messages:
                payload = message.get("payload", {})
                if not events.concerns(message.get("kind"), "dnd") or payload.get("session_id") != wanted:
                    continue
                async with info.context.db.reader() as session:
                    row = await session.get(LogRow, int(payload["log_id"]))
                if row is not None:
                    yield DndLogEntry(row=row)


ROOTS = (DndQuery, DndMutation, DndSubscription)
