"""Characters: six stats rolled 4d6 drop the lowest (each roll in the player's own log), a class
and a race from fixed lists, hit points by class (its hit die plus the Constitution modifier),
an inventory and a backstory."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.dnd import DndCharacter, DndLogEntry
from resolvers.clock import Clock
from resolvers.dnd import dice
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes(
    "dnd_characters",
    "INVALID_BACKSTORY",
    "INVALID_CLASS",
    "INVALID_INVENTORY",
    "INVALID_NAME",
    "INVALID_RACE",
    "NOT_YOUR_CHARACTER",
    "UNKNOWN_CHARACTER",
    uses=(dice.ERRORS,),
)

HIT_DIE = {
    "barbarian": 12,
    "bard": 8,
    "cleric": 8,
    "druid": 8,
    "fighter": 10,
    "monk": 8,
    "paladin": 10,
    "ranger": 10,
    "rogue": 8,
    "sorcerer": 6,
    "warlock": 8,
    "wizard": 6,
}
RACES = ("dragonborn", "dwarf", "elf", "gnome", "half_elf", "half_orc", "halfling", "human", "tiefling")
STATS = ("strength", "dexterity", "constitution", "intelligence", "wisdom", "charisma")
STAT_ROLL = "4d6dl1"
MAX_NAME = 60
MAX_BACKSTORY = 4000
MAX_ITEMS = 50
MAX_QUANTITY = 9999
MAX_ITEM_NOTE = 200


def modifier(score: int) -> int:
    return (score - 10) // 2


def max_hp(char_class: str, constitution: int) -> int:
    """Level 1: the class's hit die at its maximum plus the Constitution modifier, at least 1."""
    return max(1, HIT_DIE[char_class] + modifier(constitution))


def clean_name(raw: str | None, field: str = "name") -> str:
    name = " ".join((raw or "").split())
    if not 1 <= len(name) <= MAX_NAME:
        raise DomainError("INVALID_NAME", f"A name is 1 to {MAX_NAME} characters.", field)
    return name


def _backstory(raw: str | None) -> str | None:
    text = (raw or "").strip() or None
    if text is not None and len(text) > MAX_BACKSTORY:
        raise DomainError(
            "INVALID_BACKSTORY", f"A backstory is at most {MAX_BACKSTORY} characters.", "backstory"
        )
    return text


def item_entry(name: Any, quantity: Any, note: Any, field: str = "inventory") -> dict[str, Any]:
    label = " ".join(str(name or "").split())
    if not 1 <= len(label) <= MAX_NAME:
        raise DomainError("INVALID_INVENTORY", f"An item's name is 1 to {MAX_NAME} characters.", field)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise DomainError("INVALID_INVENTORY", f"An item's quantity is 1 to {MAX_QUANTITY}.", field)
    text = (str(note).strip() if note is not None else "") or None
    if text is not None and len(text) > MAX_ITEM_NOTE:
        raise DomainError(
            "INVALID_INVENTORY", f"An item's note is at most {MAX_ITEM_NOTE} characters.", field
        )
    return {"name": label, "quantity": quantity, "note": text}


def _inventory(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(entries) > MAX_ITEMS:
        raise DomainError(
            "INVALID_INVENTORY", f"An inventory holds at most {MAX_ITEMS} kinds of items.", "inventory"
        )
    return [item_entry(e.get("name"), e.get("quantity"), e.get("note")) for e in entries]


async def create(
    session: AsyncSession,
    *,
    actor_id: int,
    name: str,
    char_class: str,
    race: str,
    backstory: str | None,
    clock: Clock,
    rng: random.Random | None = None,
) -> DndCharacter:
    label = clean_name(name)
    klass, kind = char_class.lower(), race.lower()
    if klass not in HIT_DIE:
        raise DomainError(
            "INVALID_CLASS", "Choose one of the classes: " + ", ".join(HIT_DIE) + ".", "characterClass"
        )
    if kind not in RACES:
        raise DomainError("INVALID_RACE", "Choose one of the races: " + ", ".join(RACES) + ".", "race")
    story = _backstory(backstory)
    notation = dice.parse(STAT_ROLL)
    rolled = {stat: dice.roll(notation, rng) for stat in STATS}
    scores = {stat: r.total for stat, r in rolled.items()}
    character = DndCharacter(
        owner_id=actor_id,
        name=label,
        char_class=klass,
        race=kind,
        max_hp=max_hp(klass, scores["constitution"]),
        backstory=story,
        inventory=[],
        created_at=clock.now(),
        **scores,
    )
    session.add(character)
    await session.flush()
    session.add_all(
        DndLogEntry(
            user_id=actor_id,
            kind="roll",
            notation=r.notation,
            total=r.total,
            reason=f"{label}: {stat}",
            detail=r.detail() | {"character_id": character.id},
            created_at=clock.now(),
        )
        for stat, r in rolled.items()
    )
    await session.flush()
    return character


async def owned(session: AsyncSession, actor_id: int, character_id: Any) -> DndCharacter:
    ident = to_id(character_id)
    character = await session.get(DndCharacter, ident, with_for_update=True) if ident is not None else None
    if character is None:
        raise DomainError("UNKNOWN_CHARACTER", "No such character.", "characterId")
    if character.owner_id != actor_id:
        raise DomainError("NOT_YOUR_CHARACTER", "This character belongs to another player.", "characterId")
    return character


async def update(
    session: AsyncSession,
    *,
    actor_id: int,
    character_id: Any,
    name: str | None = None,
    backstory: str | None = None,
    inventory: list[dict[str, Any]] | None = None,
) -> DndCharacter:
    """Renames, rewrites the backstory or replaces the inventory (what is given changes)."""
    character = await owned(session, actor_id, character_id)
    if name is not None:
        character.name = clean_name(name)
    if backstory is not None:
        character.backstory = _backstory(backstory)
    if inventory is not None:
        character.inventory = _inventory(inventory)
    session.add(character)
    await session.flush()
    return character


def add_item(character: DndCharacter, entry: dict[str, Any]) -> None:
    """Adds ``entry`` to the inventory, onto an item of the same name (any case) if there is one."""
    items = [dict(e) for e in character.inventory]
    same = next((e for e in items if e["name"].casefold() == entry["name"].casefold()), None)
    if same is not None:
        same["quantity"] = min(MAX_QUANTITY, same["quantity"] + entry["quantity"])
        same["note"] = entry["note"] or same.get("note")
    elif len(items) >= MAX_ITEMS:
        raise DomainError(
            "INVALID_INVENTORY", f"An inventory holds at most {MAX_ITEMS} kinds of items.", "name"
        )
    else:
        items.append(entry)
    character.inventory = items


async def of_owner(session: AsyncSession, *, owner_id: int) -> list[DndCharacter]:
    query = select(DndCharacter).where(col(DndCharacter.owner_id) == owner_id).order_by(col(DndCharacter.id))
    return list((await session.execute(query)).scalars().all())
