"""Property (the plan's "auction currency conservation"): whatever bids are tried on an auction, and
however it ends, no coin or card appears or vanishes. The winner pays exactly the final price, every
other bidder ends with what they started with, the seller gets the price less the fee and the fee
account the fee; with no bid the card returns to the seller."""

from __future__ import annotations

import asyncio
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.engine import Database
from db.models.auctions import Auction
from resolvers import ledger
from resolvers.auctions import bids as auction_bids
from resolvers.auctions import common, lifecycle, settlement
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from tests import factories
from tests.auctions.support import escrow_balances, fees, sound

COINS = 500
_round = itertools.count()

bids = st.lists(st.tuples(st.integers(0, 3), st.integers(-5, 600), st.integers(0, 2000)), max_size=12)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tried=bids,
    start=st.integers(1, 100),
    buyout=st.none() | st.integers(1, 500),
    early=st.booleans(),
)
def test_an_auction_conserves_coins_and_cards(
    database_url: str, tried: list[tuple[int, int, int]], start: int, buyout: int | None, early: bool
) -> None:
    async def body() -> None:
        db = Database(database_url)
        clock = ManualClock()
        try:
            n = next(_round)
            seller, *bidders = await factories.players(
                db, f"sel{n}", f"bid{n}a", f"bid{n}b", f"bid{n}c", coins=COINS, clock=clock
            )
            card = await factories.item(db, name=f"card{n}", price=10, clock=clock)
            await factories.holding(db, seller, card, 1, clock=clock)
            asset = ledger.item_asset(int(card.id or 0))
            fees_before = await fees(db)
            try:
                async with db.transaction() as session:
                    made = await lifecycle.create(
                        session,
                        actor_id=seller.id,
                        item_id=card.id,
                        quantity=1,
                        start_price=start,
                        buyout_price=buyout,
                        duration_days=1,
                        currency="COIN",
                        clock=clock,
                    )
            except DomainError as exc:
                assert exc.code == "INVALID_BUYOUT" and buyout is not None and buyout < start
                return
            ident = int(made.auction.id or 0)
            everyone = [seller, *bidders]
            for who, amount, seconds in tried:
                clock.advance(seconds=seconds * 30)
                try:
                    async with db.transaction() as session:
                        await auction_bids.bid(
                            session,
                            actor_id=everyone[who].id,
                            auction_id=ident,
                            amount=amount,
                            idempotency_key=None,
                            clock=clock,
                        )
                except DomainError as exc:
                    assert exc.code in {
                        "BID_TOO_LOW",
                        "OWN_AUCTION",
                        "AUCTION_CLOSED",
                        "INSUFFICIENT_FUNDS",
                        "INVALID_AMOUNT",
                    }
            clock.advance(days=30)
            async with db.transaction() as session:
                if early:
                    await settlement.settle(session, auction_id=ident, clock=clock, early=True)
                else:
                    for due in await settlement.due(session, clock=clock):
                        await settlement.settle(session, auction_id=due, clock=clock)
            async with db.reader() as session:
                final = await session.get(Auction, ident)
            assert final is not None and final.status in {common.SOLD, common.UNSOLD}
            coins = {p.id: await factories.balance(db, p) for p in everyone}
            cards = {p.id: await factories.balance(db, p, asset) for p in everyone}
            fee = await fees(db) - fees_before
            assert await escrow_balances(db, ident) == {}
            assert sum(coins.values()) + fee == COINS * 4 - 10
            assert sum(cards.values()) == 1
            if final.status == common.UNSOLD:
                assert final.leader_id is None and cards[seller.id] == 1 and fee == 0
            else:
                price = int(final.final_price or 0)
                assert final.leader_id is not None and cards[final.leader_id] == 1
                assert fee == common.fee_of(price) and coins[seller.id] == COINS - 10 + price - fee
                assert coins[final.leader_id] == COINS - price
                assert buyout is None or price <= buyout
            for p in bidders:
                if p.id != final.leader_id:
                    assert coins[p.id] == COINS
            assert await sound(db)
        finally:
            await db.dispose()

    asyncio.run(body())
