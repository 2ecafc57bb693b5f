"""The D&D lists without N+1 queries, and HP that stays right under concurrent damage."""

from __future__ import annotations

import asyncio
from typing import Any

from db.engine import Database
from resolvers.clock import SystemClock
from resolvers.dnd import characters, sessions
from server.settings import Settings
from tests import factories
from tests.server.support import count_statements, running

CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
CLOCK = SystemClock()
SESSIONS = """{ dndSessions(first: 50) { edges { node { name dm { username }
  participants { name player { username } character { name maxHp } } } } } }"""
SESSION = """query($id: ID!) { dndSession(id: $id) { participants { name character { name } player { username } }
  log(first: 50) { edges { node { kind user { username } roll { total } } } } } }"""
MY_ROLLS = "{ myDiceRolls(first: 50) { edges { node { total roller { username } } } } }"


async def counted(
    db: Database, gql: Any, query: str, token: str | None, variables: dict[str, Any] | None = None
) -> int:
    with count_statements(db) as seen:
        body = await gql(query, variables, token=token)
    assert "errors" not in body
    return len([s for s in seen if not s.lstrip().upper().startswith(CONTROL)])


async def tables(db: Database, dm: int, players: list[int], count: int) -> list[int]:
    """``count`` sessions of ``dm``, each with every player at the table and a roll from each."""
    ids = []
    async with db.transaction() as session:
        heroes = [
            await characters.create(
                session,
                actor_id=p,
                name=f"Hero {p}",
                char_class="fighter",
                race="human",
                backstory=None,
                clock=CLOCK,
            )
            for p in players
        ]
        for n in range(count):
            table = await sessions.create(session, actor_id=dm, name=f"Table {n}", clock=CLOCK)
            for player, hero in zip(players, heroes, strict=True):
                await sessions.join(
                    session, actor_id=player, session_id=table.id, character_id=hero.id, clock=CLOCK
                )
                await sessions.roll(
                    session, actor_id=player, notation="1d20", reason=None, session_id=table.id, clock=CLOCK
                )
            ids.append(int(table.id or 0))
    return ids


async def test_sessions_and_a_session_log_cost_the_same_for_one_or_many(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        dm, *others = await factories.players(
            db, "dungeon", "pl1", "pl2", "pl3", "pl4", secret=settings.secret_key
        )
        first = await tables(db, dm.id, [others[0].id], 1)
        few_sessions = await counted(db, gql, SESSIONS, dm.token)
        few_log = await counted(db, gql, SESSION, dm.token, {"id": str(first[0])})
        many = await tables(db, dm.id, [p.id for p in others], 6)
        assert await counted(db, gql, SESSIONS, dm.token) == few_sessions
        assert await counted(db, gql, SESSION, dm.token, {"id": str(many[-1])}) == few_log
        async with db.transaction() as session:
            for _ in range(3):
                await sessions.roll(
                    session, actor_id=dm.id, notation="2d6", reason=None, session_id=None, clock=CLOCK
                )
        few_rolls = await counted(db, gql, MY_ROLLS, dm.token)
        async with db.transaction() as session:
            for _ in range(20):
                await sessions.roll(
                    session, actor_id=dm.id, notation="2d6", reason=None, session_id=None, clock=CLOCK
                )
        assert await counted(db, gql, MY_ROLLS, dm.token) == few_rolls


HP = """mutation($p: ID!) { dndHpChange(input: {participantId: $p, amount: -1}) { participant { hp }
  errors { code } } }"""


async def test_concurrent_damage_is_all_counted(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        (dm,) = await factories.players(db, "dungeon", secret=settings.secret_key)
        async with db.transaction() as session:
            table = await sessions.create(session, actor_id=dm.id, name="Siege", clock=CLOCK)
            ogre = await sessions.npc_add(
                session, actor_id=dm.id, session_id=table.id, name="Ogre", max_hp=100, clock=CLOCK
            )
        hits = await asyncio.gather(*(gql(HP, {"p": str(ogre.id)}, token=dm.token) for _ in range(12)))
        assert all(h["data"]["dndHpChange"]["errors"] == [] for h in hits)
        async with db.reader() as session:
            rows = await sessions.members(session, int(table.id or 0))
        assert [r.hp for r in rows] == [88]
        seen = sorted(h["data"]["dndHpChange"]["participant"]["hp"] for h in hits)
        assert seen == list(range(88, 100))
