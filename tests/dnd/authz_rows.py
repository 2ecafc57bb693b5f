"""The authorization matrix's rows for the D&D fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, World

DND_CHARACTER = (
    'mutation { dndCharacterCreate(input: {name: "Matrix", characterClass: FIGHTER, race: HUMAN})'
    " { character { id } } }"
)


def _dnd_other(owner: str) -> str:
    return "admin" if owner != "admin" else "user"


async def _dnd_session(world: World, dm: str) -> str:
    data = await world.must(dm, 'mutation { dndSessionCreate(input: {name: "Matrix"}) { session { id } } }')
    return str(data["dndSessionCreate"]["session"]["id"])


async def _dnd_character(world: World, owner: str) -> str:
    return str((await world.must(owner, DND_CHARACTER))["dndCharacterCreate"]["character"]["id"])


async def dnd_own_session(world: World, actor: str) -> dict[str, Any]:
    return {"s": await _dnd_session(world, world.owner(actor))}


async def dnd_own_character(world: World, actor: str) -> dict[str, Any]:
    return {"c": await _dnd_character(world, world.owner(actor))}


async def dnd_join(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    return {"s": await _dnd_session(world, _dnd_other(owner)), "c": await _dnd_character(world, owner)}


async def dnd_own_npc(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    sid = await _dnd_session(world, owner)
    data = await world.must(
        owner,
        'mutation($s: ID!) { dndNpcAdd(input: {sessionId: $s, name: "Orc", maxHp: 9}) { participant { id } } }',
        {"s": sid},
    )
    return {"p": data["dndNpcAdd"]["participant"]["id"]}


async def dnd_player_at_own_table(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    player = _dnd_other(owner)
    sid, cid = await _dnd_session(world, owner), await _dnd_character(world, player)
    data = await world.must(
        player,
        "mutation($s: ID!, $c: ID!) { dndSessionJoin(input: {sessionId: $s, characterId: $c})"
        " { participant { id } } }",
        {"s": sid, "c": cid},
    )
    return {"p": data["dndSessionJoin"]["participant"]["id"]}


async def dnd_own_table_with_npc(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    sid = await _dnd_session(world, owner)
    await world.must(
        owner,
        'mutation($s: ID!) { dndNpcAdd(input: {sessionId: $s, name: "Orc", maxHp: 9}) { participant { id } } }',
        {"s": sid},
    )
    return {"s": sid}


async def dnd_own_encounter(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    sid = (await dnd_own_table_with_npc(world, actor))["s"]
    data = await world.must(
        owner,
        "mutation($s: ID!) { dndEncounterStart(input: {sessionId: $s}) { encounter { id } } }",
        {"s": sid},
    )
    return {"e": data["dndEncounterStart"]["encounter"]["id"]}


ROWS: list[Row] = [
    Row(
        "writer",
        'mutation { diceRoll(input: {notation: "2d6+3", reason: "matrix"}) { roll { total } errors { code } } }',
    ),
    Row("writer", DND_CHARACTER.replace("} } }", "} errors { code } } }")),
    Row(
        "writer",
        'mutation($c: ID!) { dndCharacterUpdate(input: {characterId: $c, backstory: "b"}) { errors { code } } }',
        dnd_own_character,
    ),
    Row(
        "writer", 'mutation { dndSessionCreate(input: {name: "Matrix"}) { session { id } errors { code } } }'
    ),
    Row(
        "writer",
        "mutation($s: ID!, $c: ID!) { dndSessionJoin(input: {sessionId: $s, characterId: $c}) { errors { code } } }",
        dnd_join,
    ),
    Row(
        "writer",
        "mutation($s: ID!) { dndSessionEnd(input: {sessionId: $s}) { errors { code } } }",
        dnd_own_session,
    ),
    Row(
        "writer",
        'mutation($s: ID!) { dndNpcAdd(input: {sessionId: $s, name: "Orc", maxHp: 9}) { errors { code } } }',
        dnd_own_session,
    ),
    Row(
        "writer",
        'mutation($s: ID!) { dndNoteAdd(input: {sessionId: $s, text: "n"}) { errors { code } } }',
        dnd_own_session,
    ),
    Row(
        "writer",
        "mutation($p: ID!) { dndHpChange(input: {participantId: $p, amount: -2}) { errors { code } } }",
        dnd_own_npc,
    ),
    Row(
        "writer",
        "mutation($p: ID!) { dndStatusSet(input: {participantId: $p, status: PRONE}) { errors { code } } }",
        dnd_own_npc,
    ),
    Row(
        "writer",
        'mutation($p: ID!) { dndItemGive(input: {participantId: $p, name: "Gem"}) { errors { code } } }',
        dnd_player_at_own_table,
    ),
    Row(
        "writer",
        'mutation { dndCampaignCreate(input: {name: "Matrix"}) { campaign { id } errors { code } } }',
    ),
    Row(
        "writer",
        "mutation($s: ID!) { dndEncounterStart(input: {sessionId: $s}) { errors { code } } }",
        dnd_own_table_with_npc,
    ),
    Row(
        "writer",
        "mutation($e: ID!) { dndEncounterNext(input: {encounterId: $e}) { errors { code } } }",
        dnd_own_encounter,
    ),
    Row(
        "writer",
        "mutation($e: ID!) { dndEncounterEnd(input: {encounterId: $e}) { errors { code } } }",
        dnd_own_encounter,
    ),
    Row("reader", "{ myDiceRolls { edges { node { id } } } }"),
    Row("reader", "{ dndCharacters { id } }"),
    Row("reader", '{ dndCharacter(id: "1") { id } }'),
    Row("reader", "{ dndSessions { edges { node { id } } } }"),
    Row("reader", '{ dndSession(id: "1") { id } }'),
    Row("reader", "{ dndCampaigns { id sessions { id } } }"),
]
