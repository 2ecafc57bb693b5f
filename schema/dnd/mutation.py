"""The D&D mutations: dice, characters, sessions and campaigns, the DM's tools and encounters."""

from __future__ import annotations

from typing import Any

import strawberry

from resolvers.dnd import campaigns, characters, encounters, sessions
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite
from schema.dnd.inputs import (
    DiceRollInput,
    DiceRollPayload,
    DndCampaignCreateInput,
    DndCampaignPayload,
    DndCharacterCreateInput,
    DndCharacterPayload,
    DndCharacterUpdateInput,
    DndEncounterInput,
    DndEncounterPayload,
    DndEncounterStartInput,
    DndHpChangeInput,
    DndInventoryItemInput,
    DndItemGiveInput,
    DndNoteAddInput,
    DndNotePayload,
    DndNpcAddInput,
    DndParticipantPayload,
    DndSessionCreateInput,
    DndSessionInput,
    DndSessionJoinInput,
    DndSessionPayload,
    DndStatusSetInput,
)
from schema.dnd.session_types import DndCampaign, DndEncounter, DndSession
from schema.dnd.types import DiceRoll, DndCharacter, DndNote, DndParticipant


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
