"""Encounters: initiative for everyone at the table, turns round after round, the end; refusals."""

from __future__ import annotations

from typing import Any

from resolvers.clock import SystemClock
from resolvers.dnd import characters, sessions
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot

CLOCK = SystemClock()
START = """mutation($s: ID!, $n: String) { dndEncounterStart(input: {sessionId: $s, name: $n}) {
  encounter { id name active round turn order { participantId name roll bonus initiative } }
  errors { code field message } } }"""
NEXT = """mutation($e: ID!) { dndEncounterNext(input: {encounterId: $e}) {
  encounter { round turn active } errors { code field message } } }"""
END = """mutation($e: ID!) { dndEncounterEnd(input: {encounterId: $e}) {
  encounter { active round } errors { code field message } } }"""
SESSION = """query($id: ID!) { dndSession(id: $id) { encounter { id name round turn order { name } }
  log(first: 10) { edges { node { kind participantName round } } } } }"""
SESSION_END = "mutation($s: ID!) { dndSessionEnd(input: {sessionId: $s}) { errors { code } } }"


async def a_table(app: Any, settings: Settings) -> dict[str, Any]:
    db = app.state.services.db
    dm, alice, bob = await factories.players(db, "dungeon", "alice", "bob", secret=settings.secret_key)
    async with db.transaction() as session:
        hero = await characters.create(
            session,
            actor_id=alice.id,
            name="Lidda",
            char_class="rogue",
            race="halfling",
            backstory=None,
            clock=CLOCK,
        )
        table = await sessions.create(session, actor_id=dm.id, name="Ambush", clock=CLOCK)
        empty = await sessions.create(session, actor_id=dm.id, name="Empty", clock=CLOCK)
        await sessions.join(
            session, actor_id=alice.id, session_id=table.id, character_id=hero.id, clock=CLOCK
        )
        for name in ("Goblin", "Wolf"):
            await sessions.npc_add(
                session, actor_id=dm.id, session_id=table.id, name=name, max_hp=7, clock=CLOCK
            )
    return {
        "dm": dm,
        "alice": alice,
        "bob": bob,
        "hero": hero,
        "session": str(table.id),
        "empty": str(empty.id),
    }


async def test_an_encounter_rolls_initiative_and_passes_turns_round_after_round(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        t = await a_table(app, settings)
        dm, sid = t["dm"], t["session"]
        started = (await gql(START, {"s": sid, "n": "Wolves at dusk"}, token=dm.token))["data"][
            "dndEncounterStart"
        ]
        assert started["errors"] == []
        fight = started["encounter"]
        assert (fight["name"], fight["active"], fight["round"], fight["turn"]) == (
            "Wolves at dusk",
            True,
            1,
            0,
        )
        order = fight["order"]
        assert sorted(o["name"] for o in order) == ["Goblin", "Lidda", "Wolf"]
        for place in order:
            assert 1 <= place["roll"] <= 20 and place["initiative"] == place["roll"] + place["bonus"]
        by_name = {o["name"]: o for o in order}
        assert by_name["Lidda"]["bonus"] == characters.modifier(t["hero"].dexterity)
        assert by_name["Goblin"]["bonus"] == by_name["Wolf"]["bonus"] == 0
        keys = [(-o["initiative"], -o["bonus"], int(o["participantId"])) for o in order]
        assert keys == sorted(keys)
        turns = [
            (await gql(NEXT, {"e": fight["id"]}, token=dm.token))["data"]["dndEncounterNext"]
            for _ in range(4)
        ]
        assert [(n["encounter"]["round"], n["encounter"]["turn"]) for n in turns] == [
            (1, 1),
            (1, 2),
            (2, 0),
            (2, 1),
        ]
        seen = (await gql(SESSION, {"id": sid}, token=t["alice"].token))["data"]["dndSession"]
        assert seen["encounter"]["id"] == fight["id"] and seen["encounter"]["turn"] == 1
        log = [e["node"] for e in seen["log"]["edges"]]
        assert [(e["kind"], e["participantName"], e["round"]) for e in log[:5]] == [
            ("TURN", order[1]["name"], 2),
            ("TURN", order[0]["name"], 2),
            ("TURN", order[2]["name"], 1),
            ("TURN", order[1]["name"], 1),
            ("ENCOUNTER", "Wolves at dusk", 1),
        ]
        ended = (await gql(END, {"e": fight["id"]}, token=dm.token))["data"]["dndEncounterEnd"]
        assert ended == {"encounter": {"active": False, "round": 2}, "errors": []}
        after = (await gql(SESSION, {"id": sid}, token=dm.token))["data"]["dndSession"]
        assert after["encounter"] is None and after["log"]["edges"][0]["node"]["kind"] == "ENCOUNTER_END"
        # A new encounter may start once the last one ended; ending the session ends it too
        again = (await gql(START, {"s": sid}, token=dm.token))["data"]["dndEncounterStart"]
        assert again["errors"] == [] and again["encounter"]["name"] == "Encounter"
        assert (await gql(SESSION_END, {"s": sid}, token=dm.token))["data"]["dndSessionEnd"]["errors"] == []
        assert (await gql(SESSION, {"id": sid}, token=dm.token))["data"]["dndSession"]["encounter"] is None


async def test_refused_encounter_steps_say_why_and_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        t = await a_table(app, settings)
        dm, alice, sid = t["dm"], t["alice"], t["session"]
        first = (await gql(START, {"s": sid}, token=dm.token))["data"]["dndEncounterStart"]["encounter"]["id"]
        async with app.state.services.db.transaction() as session:
            table = await sessions.create(session, actor_id=dm.id, name="Over", clock=CLOCK)
            await sessions.npc_add(
                session, actor_id=dm.id, session_id=table.id, name="Rat", max_hp=1, clock=CLOCK
            )
        over = (await gql(START, {"s": str(table.id)}, token=dm.token))["data"]["dndEncounterStart"][
            "encounter"
        ]["id"]
        assert (await gql(END, {"e": over}, token=dm.token))["data"]["dndEncounterEnd"]["errors"] == []
        db = app.state.services.db
        before = await snapshot(db)
        cases: list[tuple[Any, str, dict[str, Any], str, str, str]] = [
            (alice, START, {"s": sid}, "dndEncounterStart", "NOT_THE_DM", "sessionId"),
            (dm, START, {"s": sid}, "dndEncounterStart", "ENCOUNTER_ACTIVE", "sessionId"),
            (dm, START, {"s": t["empty"]}, "dndEncounterStart", "NO_PARTICIPANTS", "sessionId"),
            (dm, START, {"s": "999999"}, "dndEncounterStart", "UNKNOWN_SESSION", "sessionId"),
            (dm, START, {"s": sid, "n": "x" * 81}, "dndEncounterStart", "INVALID_NAME", "name"),
            (alice, NEXT, {"e": first}, "dndEncounterNext", "NOT_THE_DM", "encounterId"),
            (dm, NEXT, {"e": "999999"}, "dndEncounterNext", "UNKNOWN_ENCOUNTER", "encounterId"),
            (dm, NEXT, {"e": over}, "dndEncounterNext", "ENCOUNTER_ENDED", "encounterId"),
            (dm, END, {"e": over}, "dndEncounterEnd", "ENCOUNTER_ENDED", "encounterId"),
            (t["bob"], END, {"e": first}, "dndEncounterEnd", "NOT_THE_DM", "encounterId"),
        ]
        for who, query, variables, name, code, field in cases:
            payload = (await gql(query, variables, token=who.token))["data"][name]
            assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], (name, variables)
        assert changed(before, await snapshot(db)) == {}
