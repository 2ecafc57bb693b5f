"""The tournaments list with every bracket and player takes the same number of statements for one
tournament as for several (the loaders batch matches, players and users)."""

from __future__ import annotations

from server.settings import Settings
from tests.server.support import count_statements, running
from tests.tournaments.support import START, arena, created, joined_all

LIST = (
    "{ tournaments(first: 20) { edges { node { id joined organizer { username }"
    " players { seed user { username } } matches { id players { username } winner { username } } } } } }"
)
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


async def test_the_list_does_not_query_per_tournament(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db, secret = app.state.services.db, settings.secret_key
        m = await arena(db, secret, count=4)

        async def statements() -> int:
            with count_statements(db) as seen:
                body = await gql(LIST, token=m.players[0].token)
            assert body["data"]["tournaments"]["edges"]
            return len([s for s in seen if not s.lstrip().upper().startswith(CONTROL)])

        async def another(name: str) -> None:
            t = await created(gql, m.moderator, name=name, fee="0")
            await joined_all(gql, t["id"], m.players)
            await gql(START, {"id": t["id"]}, token=m.moderator.token)

        await another("One")
        once = await statements()
        for name in ("Two", "Three", "Four"):
            await another(name)
        assert await statements() == once
