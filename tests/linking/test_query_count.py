"""linkPending reads its users and holdings through loaders: the statements do not grow with the
number of pending links."""

from __future__ import annotations

from server.settings import Settings
from tests import factories
from tests.linking.support import PENDING, REDEEM, new_code, tg, tg_user_id
from tests.server.support import count_statements, running


async def test_link_pending_costs_the_same_for_one_or_three_links(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        counts = []
        for telegram_id in (9001, 9002, 9003):
            headers = tg(settings, telegram_id)
            await factories.grant(db, await tg_user_id(gql, headers), 3)
            code = await new_code(gql, alice.token or "")
            assert (await gql(REDEEM, {"c": code}, headers=headers))["data"]["linkCodeRedeem"]["errors"] == []
            with count_statements(db) as seen:
                body = await gql(PENDING, token=alice.token)
            counts.append((len(body["data"]["linkPending"]), len(seen)))
        assert [n for n, _ in counts] == [1, 2, 3]
        assert counts[0][1] == counts[2][1], counts
