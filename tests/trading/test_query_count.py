"""No N+1 in the trading lists: the statements a page costs do not grow with the offers it shows."""

from __future__ import annotations

from typing import Any

from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient
from tests.server.support import count_statements, running
from tests.trading.support import CREATE, FLAGS, OFFERS, coins, items, stocked

CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


async def counted(app: Any, gql: GraphQLClient, query: str, token: str | None) -> tuple[int, list[Any]]:
    with count_statements(app.state.services.db) as seen:
        body = await gql(query, token=token)
    statements = [s for s in seen if not s.lstrip().upper().startswith(CONTROL)]
    return len(statements), next(iter(body["data"].values()))["edges"]


async def test_offers_and_flags_cost_the_same_for_one_or_many(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        alice = await factories.player(db, "alice", coins=100, secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        gems = [await stocked(db, bob, price=100, quantity=1, name=f"Gem{i}") for i in range(6)]

        async def offer(gem: int) -> None:
            body = await gql(
                CREATE, {"to": str(bob.id), "give": [coins(1)], "want": [items(gem, 1)]}, token=alice.token
            )
            assert body["data"]["tradeOfferCreate"]["errors"] == []

        await offer(gems[0])
        one = await counted(app, gql, OFFERS, bob.token), await counted(app, gql, FLAGS, mod.token)
        for gem in gems[1:]:
            await offer(gem)
        many = await counted(app, gql, OFFERS, bob.token), await counted(app, gql, FLAGS, mod.token)
    assert [len(edges) for _, edges in one] == [1, 1] and [len(edges) for _, edges in many] == [6, 6]
    assert [n for n, _ in many] == [n for n, _ in one]
