"""No N+1: a page of clans with their members costs the same SQL for one clan or five."""

from __future__ import annotations

from typing import Any

from server.settings import Settings
from tests import factories
from tests.clans.support import clan_of
from tests.server.support import count_statements, running

CLANS = "{ clans(first: 20) { edges { node { name members { role user { username } } } } } }"
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


async def test_members_of_many_clans_load_in_one_query(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        people = await factories.players(db, *(f"player{i}" for i in range(10)), secret=settings.secret_key)

        async def counted() -> tuple[int, Any]:
            with count_statements(db) as seen:
                body = await gql(CLANS, token=people[0].token)
            return len([s for s in seen if not s.lstrip().upper().startswith(CONTROL)]), body["data"]

        await clan_of(db, people[0], "Clan 0", people[1])
        one, one_data = await counted()
        for i in range(1, 5):
            await clan_of(db, people[2 * i], f"Clan {i}", people[2 * i + 1])
        five, five_data = await counted()
    assert len(one_data["clans"]["edges"]) == 1
    assert [len(e["node"]["members"]) for e in five_data["clans"]["edges"]] == [2] * 5
    assert one == five
