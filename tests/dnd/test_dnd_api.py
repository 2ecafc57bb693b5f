"""The D&D workshop through GraphQL: rolls into the player's log or a session's, characters with
rolled stats, a session with a DM and players, HP and statuses, the DM's tools, live events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import Database
from db.models.dnd import DndLogEntry
from resolvers.dnd import characters
from server.settings import Settings
from tests import factories
from tests.conftest import make_settings
from tests.events.test_subscriptions import (
    bearer,
    http_client,
    receive,
    subscribe,
    wait_subscribed,
    ws_session,
)
from tests.server.support import running
from tests.snapshot import changed, snapshot

ROLL = """mutation($n: String!, $r: String, $s: ID) {
  diceRoll(input: {notation: $n, reason: $r, sessionId: $s}) {
    roll { id notation total rolls reason sessionId roller { username } terms { notation rolls kept subtotal negative } }
    errors { code field message } } }"""
MY_ROLLS = "{ myDiceRolls(first: 10) { edges { node { notation total reason rolls } } } }"
CREATE = """mutation($name: String!, $c: DndClass!, $r: DndRace!, $b: String) {
  dndCharacterCreate(input: {name: $name, characterClass: $c, race: $r, backstory: $b}) {
    character { id name characterClass race level strength dexterity constitution intelligence wisdom charisma
                maxHp hitDie backstory inventory { name quantity note } owner { username } }
    errors { code field message } } }"""
UPDATE = """mutation($id: ID!, $name: String, $b: String, $inv: [DndInventoryItemInput!]) {
  dndCharacterUpdate(input: {characterId: $id, name: $name, backstory: $b, inventory: $inv}) {
    character { name backstory inventory { name quantity note } } errors { code field message } } }"""
SESSION_CREATE = """mutation($name: String!) { dndSessionCreate(input: {name: $name}) {
  session { id name status isDm dm { username } } errors { code field message } } }"""
JOIN = """mutation($s: ID!, $c: ID!) { dndSessionJoin(input: {sessionId: $s, characterId: $c}) {
  participant { id name hp maxHp isNpc player { username } character { name } statuses }
  errors { code field message } } }"""
HP = """mutation($p: ID!, $a: Int!, $r: String) { dndHpChange(input: {participantId: $p, amount: $a, reason: $r}) {
  participant { hp maxHp statuses } errors { code field message } } }"""
STATUS = """mutation($p: ID!, $s: DndCondition!, $a: Boolean!) {
  dndStatusSet(input: {participantId: $p, status: $s, active: $a}) {
  participant { statuses } errors { code field message } } }"""
NPC = """mutation($s: ID!, $n: String!, $hp: Int!) { dndNpcAdd(input: {sessionId: $s, name: $n, maxHp: $hp}) {
  participant { id name hp isNpc player { id } } errors { code field message } } }"""
GIVE = """mutation($p: ID!, $n: String!, $q: Int!, $note: String) {
  dndItemGive(input: {participantId: $p, name: $n, quantity: $q, note: $note}) {
  character { inventory { name quantity note } } errors { code field message } } }"""
NOTE = """mutation($s: ID!, $t: String!) { dndNoteAdd(input: {sessionId: $s, text: $t}) {
  note { text } errors { code field message } } }"""
END = """mutation($s: ID!) { dndSessionEnd(input: {sessionId: $s}) { session { status endedAt }
  errors { code field message } } }"""
SESSION = """query($id: ID!) { dndSession(id: $id) { name status isDm notes { text }
  participants { name hp maxHp statuses isNpc }
  log(first: 30) { edges { node { kind user { username } participantName amount hp status active item reason
    roll { notation total rolls } } } } } }"""


async def players(app: Any, settings: Settings, *names: str) -> list[factories.Player]:
    db: Database = app.state.services.db
    return list(await factories.players(db, *names, secret=settings.secret_key))


async def log_rows(db: Database) -> int:
    async with db.reader() as session:
        return int((await session.execute(select(func.count()).select_from(DndLogEntry))).scalar_one())


async def test_a_roll_is_logged_to_the_players_own_log(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        (alice,) = await players(app, settings, "alice")
        body = await gql(ROLL, {"n": "2d6+3", "r": "attack"}, token=alice.token)
        payload = body["data"]["diceRoll"]
        assert payload["errors"] == []
        roll = payload["roll"]
        assert roll["notation"] == "2d6+3" and roll["reason"] == "attack" and roll["sessionId"] is None
        assert len(roll["rolls"]) == 2 and all(1 <= v <= 6 for v in roll["rolls"])
        assert roll["total"] == sum(roll["rolls"]) + 3
        assert roll["roller"] == {"username": "alice"}
        assert roll["terms"][1] == {
            "notation": "3",
            "rolls": [],
            "kept": [],
            "subtotal": 3,
            "negative": False,
        }
        keep = (await gql(ROLL, {"n": "4d6kh3"}, token=alice.token))["data"]["diceRoll"]["roll"]
        assert len(keep["rolls"]) == 4 and keep["total"] == sum(sorted(keep["rolls"])[1:])
        listed = (await gql(MY_ROLLS, token=alice.token))["data"]["myDiceRolls"]["edges"]
        assert [(e["node"]["notation"], e["node"]["reason"]) for e in listed] == [
            ("4d6kh3", None),
            ("2d6+3", "attack"),
        ]


@pytest.mark.parametrize(
    ("variables", "code", "field"),
    [
        ({"n": "abc"}, "INVALID_DICE", "notation"),
        ({"n": ""}, "INVALID_DICE", "notation"),
        ({"n": "2d6++3"}, "INVALID_DICE", "notation"),
        ({"n": "0d6"}, "INVALID_DICE", "notation"),
        ({"n": "4d6kh5"}, "INVALID_DICE", "notation"),
        ({"n": "101d6"}, "INVALID_DICE", "notation"),
        ({"n": "1d1001"}, "INVALID_DICE", "notation"),
        ({"n": "1d20", "r": "x" * 201}, "INVALID_REASON", "reason"),
        ({"n": "1d20", "s": "999999"}, "UNKNOWN_SESSION", "sessionId"),
        ({"n": "1d20", "s": "nope"}, "UNKNOWN_SESSION", "sessionId"),
        ({"n": "1d20", "s": "bobs"}, "NOT_IN_SESSION", "sessionId"),
    ],
)
async def test_a_refused_roll_says_why_and_stores_nothing(
    settings: Settings, variables: dict[str, str], code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        alice, bob = await players(app, settings, "alice", "bob")
        table = (await gql(SESSION_CREATE, {"name": "Bob's table"}, token=bob.token))["data"][
            "dndSessionCreate"
        ]
        if variables.get("s") == "bobs":
            variables = {**variables, "s": table["session"]["id"]}
        db = app.state.services.db
        before = await snapshot(db)
        body = await gql(ROLL, variables, token=alice.token)
        payload = body["data"]["diceRoll"]
        assert payload["roll"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
        assert payload["errors"][0]["message"]
        assert changed(before, await snapshot(db)) == {}


async def test_a_character_has_rolled_stats_hp_by_class_and_an_inventory(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        (alice,) = await players(app, settings, "alice")
        body = await gql(
            CREATE,
            {"name": "  Tordek  ", "c": "FIGHTER", "r": "DWARF", "b": "A shield dwarf."},
            token=alice.token,
        )
        payload = body["data"]["dndCharacterCreate"]
        assert payload["errors"] == []
        hero = payload["character"]
        stats = [hero[s] for s in characters.STATS]
        assert all(3 <= s <= 18 for s in stats)
        assert (hero["name"], hero["characterClass"], hero["race"], hero["level"]) == (
            "Tordek",
            "FIGHTER",
            "DWARF",
            1,
        )
        assert hero["hitDie"] == 10 and hero["maxHp"] == max(1, 10 + (hero["constitution"] - 10) // 2)
        assert hero["backstory"] == "A shield dwarf." and hero["inventory"] == []
        # Each stat's 4d6-drop-lowest roll is in the player's own log
        rolls = (await gql(MY_ROLLS, token=alice.token))["data"]["myDiceRolls"]["edges"]
        assert sorted(e["node"]["reason"] for e in rolls) == sorted(f"Tordek: {s}" for s in characters.STATS)
        by_reason = {e["node"]["reason"]: e["node"] for e in rolls}
        for stat in characters.STATS:
            node = by_reason[f"Tordek: {stat}"]
            assert node["notation"] == "4d6dl1" and len(node["rolls"]) == 4
            assert node["total"] == hero[stat] == sum(sorted(node["rolls"])[1:])
        inventory = [{"name": "Rope", "quantity": 1}, {"name": "Torch", "quantity": 5, "note": "50 ft"}]
        updated = await gql(
            UPDATE, {"id": hero["id"], "b": "Older now.", "inv": inventory}, token=alice.token
        )
        assert updated["data"]["dndCharacterUpdate"] == {
            "character": {
                "name": "Tordek",
                "backstory": "Older now.",
                "inventory": [
                    {"name": "Rope", "quantity": 1, "note": None},
                    {"name": "Torch", "quantity": 5, "note": "50 ft"},
                ],
            },
            "errors": [],
        }


async def test_refused_character_changes_say_why_and_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        alice, bob = await players(app, settings, "alice", "bob")
        made = await gql(CREATE, {"name": "Lidda", "c": "ROGUE", "r": "HALFLING"}, token=alice.token)
        hero_id = made["data"]["dndCharacterCreate"]["character"]["id"]
        db = app.state.services.db
        before = await snapshot(db)
        cases: list[tuple[str, dict[str, Any], str, str, str]] = [
            (CREATE, {"name": " ", "c": "ROGUE", "r": "ELF"}, "dndCharacterCreate", "INVALID_NAME", "name"),
            (
                CREATE,
                {"name": "x" * 61, "c": "ROGUE", "r": "ELF"},
                "dndCharacterCreate",
                "INVALID_NAME",
                "name",
            ),
            (
                CREATE,
                {"name": "Ok", "c": "ROGUE", "r": "ELF", "b": "x" * 4001},
                "dndCharacterCreate",
                "INVALID_BACKSTORY",
                "backstory",
            ),
            (
                UPDATE,
                {"id": hero_id, "b": "mine now"},
                "dndCharacterUpdate",
                "NOT_YOUR_CHARACTER",
                "characterId",
            ),
            (UPDATE, {"id": "999999", "b": "?"}, "dndCharacterUpdate", "UNKNOWN_CHARACTER", "characterId"),
        ]
        for query, variables, name, code, field in cases:
            payload = (await gql(query, variables, token=bob.token))["data"][name]
            assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], variables
        bad_inventory = [
            [{"name": "", "quantity": 1}],
            [{"name": "Rope", "quantity": 0}],
            [{"name": "Rope", "quantity": 10_000}],
            [{"name": "Rope", "quantity": 1, "note": "x" * 201}],
            [{"name": f"thing {i}", "quantity": 1} for i in range(51)],
        ]
        for inventory in bad_inventory:
            payload = (await gql(UPDATE, {"id": hero_id, "inv": inventory}, token=alice.token))["data"]
            errors = payload["dndCharacterUpdate"]["errors"]
            assert [(e["code"], e["field"]) for e in errors] == [("INVALID_INVENTORY", "inventory")]
        assert changed(before, await snapshot(db)) == {}


async def table_with_a_player(app: Any, settings: Settings, gql: Any) -> dict[str, Any]:
    dm, alice, bob = await players(app, settings, "dungeon", "alice", "bob")
    made = await gql(CREATE, {"name": "Mialee", "c": "WIZARD", "r": "ELF"}, token=alice.token)
    hero = made["data"]["dndCharacterCreate"]["character"]
    table = (await gql(SESSION_CREATE, {"name": "Tomb of Horrors"}, token=dm.token))["data"][
        "dndSessionCreate"
    ]
    assert table["errors"] == [] and table["session"]["isDm"] and table["session"]["status"] == "OPEN"
    joined = (await gql(JOIN, {"s": table["session"]["id"], "c": hero["id"]}, token=alice.token))["data"]
    assert joined["dndSessionJoin"]["errors"] == []
    return {
        "dm": dm,
        "alice": alice,
        "bob": bob,
        "hero": hero,
        "session": table["session"]["id"],
        "participant": joined["dndSessionJoin"]["participant"],
    }


async def test_a_session_with_a_dm_and_a_player(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        t = await table_with_a_player(app, settings, gql)
        dm, alice, hero, sid = t["dm"], t["alice"], t["hero"], t["session"]
        me = t["participant"]
        assert me["hp"] == me["maxHp"] == hero["maxHp"] and me["player"] == {"username": "alice"}
        assert me["character"] == {"name": "Mialee"} and not me["isNpc"] and me["statuses"] == []
        pid = me["id"]
        # Rolls at the table go to the session's log, not the player's own
        rolled = (await gql(ROLL, {"n": "1d20+5", "r": "initiative", "s": sid}, token=alice.token))["data"]
        assert rolled["diceRoll"]["roll"]["sessionId"] == sid
        assert (await gql(ROLL, {"n": "d20", "s": sid}, token=dm.token))["data"]["diceRoll"]["errors"] == []
        own = (await gql(MY_ROLLS, token=alice.token))["data"]["myDiceRolls"]["edges"]
        assert all(e["node"]["reason"].startswith("Mialee: ") for e in own)
        # The DM deals more damage than she has: HP stop at 0 and she is unconscious
        hit = await gql(HP, {"p": pid, "a": -500, "r": "fireball"}, token=dm.token)
        assert hit["data"]["dndHpChange"] == {
            "participant": {"hp": 0, "maxHp": me["maxHp"], "statuses": ["UNCONSCIOUS"]},
            "errors": [],
        }
        healed = (await gql(HP, {"p": pid, "a": 3, "r": "potion"}, token=alice.token))["data"]["dndHpChange"]
        assert healed["participant"] == {"hp": min(3, me["maxHp"]), "maxHp": me["maxHp"], "statuses": []}
        full = (await gql(HP, {"p": pid, "a": 999}, token=dm.token))["data"]["dndHpChange"]["participant"]
        assert full["hp"] == me["maxHp"]
        poisoned = await gql(STATUS, {"p": pid, "s": "POISONED", "a": True}, token=dm.token)
        assert poisoned["data"]["dndStatusSet"]["participant"]["statuses"] == ["POISONED"]
        prone = await gql(STATUS, {"p": pid, "s": "PRONE", "a": True}, token=alice.token)
        assert prone["data"]["dndStatusSet"]["participant"]["statuses"] == ["POISONED", "PRONE"]
        cleared = await gql(STATUS, {"p": pid, "s": "POISONED", "a": False}, token=dm.token)
        assert cleared["data"]["dndStatusSet"]["participant"]["statuses"] == ["PRONE"]
        # DM tools: an NPC, a custom item, a private note
        npc = (await gql(NPC, {"s": sid, "n": "Goblin", "hp": 7}, token=dm.token))["data"]["dndNpcAdd"]
        assert npc["errors"] == [] and npc["participant"]["isNpc"] and npc["participant"]["player"] is None
        goblin = npc["participant"]["id"]
        assert (await gql(HP, {"p": goblin, "a": -4}, token=dm.token))["data"]["dndHpChange"]["participant"][
            "hp"
        ] == 3
        given = await gql(
            GIVE, {"p": pid, "n": "Wand of Sparks", "q": 1, "note": "3 charges"}, token=dm.token
        )
        assert given["data"]["dndItemGive"]["character"]["inventory"] == [
            {"name": "Wand of Sparks", "quantity": 1, "note": "3 charges"}
        ]
        again = await gql(GIVE, {"p": pid, "n": "wand of sparks", "q": 2}, token=dm.token)
        assert again["data"]["dndItemGive"]["character"]["inventory"][0]["quantity"] == 3
        note = await gql(NOTE, {"s": sid, "t": "The lich is behind the false door."}, token=dm.token)
        assert note["data"]["dndNoteAdd"]["errors"] == []
        # Everyone sees the table and its log; only the DM sees the notes
        seen_by_dm = (await gql(SESSION, {"id": sid}, token=dm.token))["data"]["dndSession"]
        seen_by_alice = (await gql(SESSION, {"id": sid}, token=alice.token))["data"]["dndSession"]
        assert seen_by_dm["notes"] == [{"text": "The lich is behind the false door."}]
        assert seen_by_alice["notes"] is None and not seen_by_alice["isDm"]
        assert seen_by_alice["participants"] == [
            {
                "name": "Mialee",
                "hp": me["maxHp"],
                "maxHp": me["maxHp"],
                "statuses": ["PRONE"],
                "isNpc": False,
            },
            {"name": "Goblin", "hp": 3, "maxHp": 7, "statuses": [], "isNpc": True},
        ]
        log = [e["node"] for e in seen_by_alice["log"]["edges"]]
        assert [e["kind"] for e in log] == [
            "ITEM",
            "ITEM",
            "DAMAGE",
            "NPC",
            "STATUS",
            "STATUS",
            "STATUS",
            "HEAL",
            "HEAL",
            "DAMAGE",
            "ROLL",
            "ROLL",
            "JOIN",
        ]
        first_hit = log[9]
        assert (first_hit["user"], first_hit["participantName"], first_hit["amount"], first_hit["hp"]) == (
            {"username": "dungeon"},
            "Mialee",
            500,
            0,
        )
        assert first_hit["reason"] == "fireball"
        initiative = log[11]
        assert initiative["user"] == {"username": "alice"} and initiative["reason"] == "initiative"
        assert initiative["roll"]["notation"] == "1d20+5"
        assert initiative["roll"]["total"] == initiative["roll"]["rolls"][0] + 5
        assert log[4]["status"] == "POISONED" and log[4]["active"] is False
        assert log[0]["item"] == "wand of sparks" and log[0]["amount"] == 2
        # The DM ends the session; nothing more happens at it
        ended = (await gql(END, {"s": sid}, token=dm.token))["data"]["dndSessionEnd"]
        assert ended["errors"] == [] and ended["session"]["status"] == "ENDED"
        late = (await gql(ROLL, {"n": "d20", "s": sid}, token=alice.token))["data"]["diceRoll"]["errors"]
        assert [e["code"] for e in late] == ["SESSION_ENDED"]


async def test_refused_session_actions_say_why_and_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        t = await table_with_a_player(app, settings, gql)
        dm, alice, bob, sid, pid, hero = (
            t["dm"],
            t["alice"],
            t["bob"],
            t["session"],
            t["participant"]["id"],
            t["hero"],
        )
        made = await gql(CREATE, {"name": "DM's own", "c": "CLERIC", "r": "HUMAN"}, token=dm.token)
        dm_hero = made["data"]["dndCharacterCreate"]["character"]["id"]
        npc = (await gql(NPC, {"s": sid, "n": "Ogre", "hp": 30}, token=dm.token))["data"]["dndNpcAdd"]
        ogre = npc["participant"]["id"]
        db = app.state.services.db
        before = await snapshot(db)
        cases: list[tuple[Any, str, dict[str, Any], str, str, str]] = [
            (alice, JOIN, {"s": sid, "c": hero["id"]}, "dndSessionJoin", "ALREADY_JOINED", "sessionId"),
            (dm, JOIN, {"s": sid, "c": dm_hero}, "dndSessionJoin", "DM_CANNOT_JOIN", "sessionId"),
            (bob, JOIN, {"s": sid, "c": hero["id"]}, "dndSessionJoin", "NOT_YOUR_CHARACTER", "characterId"),
            (bob, JOIN, {"s": "999999", "c": hero["id"]}, "dndSessionJoin", "UNKNOWN_SESSION", "sessionId"),
            (bob, HP, {"p": pid, "a": -3}, "dndHpChange", "NOT_ALLOWED", "participantId"),
            (alice, HP, {"p": ogre, "a": -3}, "dndHpChange", "NOT_ALLOWED", "participantId"),
            (dm, HP, {"p": pid, "a": 0}, "dndHpChange", "INVALID_AMOUNT", "amount"),
            (dm, HP, {"p": pid, "a": -10_001}, "dndHpChange", "INVALID_AMOUNT", "amount"),
            (dm, HP, {"p": pid, "a": -1, "r": "x" * 201}, "dndHpChange", "INVALID_REASON", "reason"),
            (dm, HP, {"p": "999999", "a": -1}, "dndHpChange", "UNKNOWN_PARTICIPANT", "participantId"),
            (
                bob,
                STATUS,
                {"p": pid, "s": "PRONE", "a": True},
                "dndStatusSet",
                "NOT_ALLOWED",
                "participantId",
            ),
            (alice, NPC, {"s": sid, "n": "Dragon", "hp": 300}, "dndNpcAdd", "NOT_THE_DM", "sessionId"),
            (dm, NPC, {"s": sid, "n": "Dragon", "hp": 0}, "dndNpcAdd", "INVALID_AMOUNT", "maxHp"),
            (dm, NPC, {"s": sid, "n": "", "hp": 5}, "dndNpcAdd", "INVALID_NAME", "name"),
            (alice, GIVE, {"p": pid, "n": "Gold", "q": 1}, "dndItemGive", "NOT_THE_DM", "participantId"),
            (
                dm,
                GIVE,
                {"p": ogre, "n": "Club", "q": 1},
                "dndItemGive",
                "UNKNOWN_PARTICIPANT",
                "participantId",
            ),
            (dm, GIVE, {"p": pid, "n": "Gold", "q": 0}, "dndItemGive", "INVALID_INVENTORY", "name"),
            (alice, NOTE, {"s": sid, "t": "secret"}, "dndNoteAdd", "NOT_THE_DM", "sessionId"),
            (dm, NOTE, {"s": sid, "t": "  "}, "dndNoteAdd", "INVALID_TEXT", "text"),
            (alice, END, {"s": sid}, "dndSessionEnd", "NOT_THE_DM", "sessionId"),
            (bob, SESSION_CREATE, {"name": " "}, "dndSessionCreate", "INVALID_NAME", "name"),
        ]
        for who, query, variables, name, code, field in cases:
            payload = (await gql(query, variables, token=who.token))["data"][name]
            assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], (name, variables)
        assert changed(before, await snapshot(db)) == {}


async def test_rolls_and_hp_changes_are_pushed_live_to_the_table(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    async with http_client(server) as gql:
        dm, _ = await gql.register("dungeon")
        alice, alice_id = await gql.register("alice")
        made = await gql(CREATE, {"name": "Jozan", "c": "CLERIC", "r": "HUMAN"}, token=alice)
        hero = made["data"]["dndCharacterCreate"]["character"]
        sid = (await gql(SESSION_CREATE, {"name": "Live"}, token=dm))["data"]["dndSessionCreate"]["session"][
            "id"
        ]
        other = (await gql(SESSION_CREATE, {"name": "Other"}, token=dm))["data"]["dndSessionCreate"][
            "session"
        ]["id"]
        joined = await gql(JOIN, {"s": sid, "c": hero["id"]}, token=alice)
        pid = joined["data"]["dndSessionJoin"]["participant"]["id"]
        query = f'subscription {{ dndSessionEvents(sessionId: "{sid}") {{ kind user {{ username }} hp roll {{ notation total }} }} }}'
        async with ws_session(server, bearer(alice)) as ws:
            await subscribe(ws, query)
            await wait_subscribed(server, alice_id)
            await gql(ROLL, {"n": "d20", "s": other}, token=dm)
            rolled = (await gql(ROLL, {"n": "1d20+2", "s": sid}, token=dm))["data"]["diceRoll"]["roll"]
            first = await receive(ws)
            await gql(HP, {"p": pid, "a": -1}, token=dm)
            second = await receive(ws)
            await ws.send(json.dumps({"id": "1", "type": "complete"}))
    assert first["payload"]["data"]["dndSessionEvents"] == {
        "kind": "ROLL",
        "user": {"username": "dungeon"},
        "hp": None,
        "roll": {"notation": "1d20+2", "total": rolled["total"]},
    }
    pushed = second["payload"]["data"]["dndSessionEvents"]
    assert pushed["kind"] == "DAMAGE" and pushed["hp"] == hero["maxHp"] - 1
