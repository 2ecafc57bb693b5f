"""The D&D enums: classes, races, conditions, log kinds and session statuses."""

from __future__ import annotations

from enum import Enum

import strawberry


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
