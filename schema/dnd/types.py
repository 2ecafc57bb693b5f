"""The D&D output types: dice rolls, characters, participants, the session log and notes."""

from __future__ import annotations

from datetime import datetime

import strawberry

from dataloaders.accounts import UserByIdLoader
from dataloaders.dnd import DndCharacterByIdLoader
from db.models.dnd import DndCharacter as CharacterRow
from db.models.dnd import DndLogEntry as LogRow
from db.models.dnd import DndNote as NoteRow
from db.models.dnd import DndParticipant as ParticipantRow
from resolvers.dnd import characters
from schema.accounts import PublicUser
from schema.core.connections import Connection
from schema.core.context import Info
from schema.dnd.enums import DndClass, DndCondition, DndLogKind, DndRace


async def public_user(info: Info, user_id: int | None) -> PublicUser | None:
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
        return await public_user(info, self.row.user_id)

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
        return await public_user(info, self.row.owner_id)

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
        return await public_user(info, self.row.user_id)

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
        return await public_user(info, self.row.user_id)

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
