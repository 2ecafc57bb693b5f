"""A blocked player cannot offer a trade to the one who blocked them (resolvers.friends.is_blocked)."""

from __future__ import annotations

from resolvers import friends
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot
from tests.trading.support import CREATE


async def test_a_blocked_player_cannot_offer_a_trade(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=100, secret=settings.secret_key)
        bob = await factories.player(db, "bob", coins=100, secret=settings.secret_key)
        async with db.transaction() as session:
            await friends.block(session, actor_id=bob.id, user_id=alice.id, clock=factories.CLOCK)
        offer = {"to": str(bob.id), "give": [{"currency": "COIN", "amount": 5}], "want": []}
        before = await snapshot(db)
        body = await gql(CREATE, offer, token=alice.token)
        payload = body["data"]["tradeOfferCreate"]
        assert payload["offer"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("BLOCKED", "toUserId")]
        assert changed(before, await snapshot(db)) == {}
        # the blocker may still offer to the player they blocked
        back = {"to": str(alice.id), "give": [{"currency": "COIN", "amount": 5}], "want": []}
        assert (await gql(CREATE, back, token=bob.token))["data"]["tradeOfferCreate"]["errors"] == []
