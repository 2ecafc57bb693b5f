"""The D&D mutations' inputs and payloads."""

from __future__ import annotations

import strawberry

from schema.dnd.enums import DndClass, DndCondition, DndRace
from schema.dnd.errors import DndError
from schema.dnd.session_types import DndCampaign, DndEncounter, DndSession
from schema.dnd.types import DiceRoll, DndCharacter, DndNote, DndParticipant


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
