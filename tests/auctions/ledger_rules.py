"""Auctions in the ledger state machine: players list cards, bid (with buyouts and refunds), admins end
auctions early and the settlement runs after the clock moves; escrow always holds exactly what the
open auctions hold."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule
from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.auctions import Auction
from resolvers import ledger
from resolvers.auctions import bids, common, lifecycle, settlement
from tests import factories
from tests.ledger.machine import LedgerMachine, domain_rules, key, player

UNKNOWN = 10**9
lot = st.integers(0, 3)


@domain_rules
class AuctionRules(LedgerMachine):
    auction_lots: list[int]
    auction_item: int

    @initialize()
    def auctions_setup(self) -> None:
        """A card the first two players hold three of, and 300 coins for everyone to bid with."""
        card = self.run(factories.item(self.db, name="lot card", price=1, by=self.admin, clock=self.clock))
        self.auction_item = int(card.id or 0)
        self.auction_lots = []
        for index, who in enumerate(self.players):
            self.run(factories.grant(self.db, who, 300, by=self.admin, clock=self.clock))
            if index < 2:
                self.run(factories.holding(self.db, who, card, 3, clock=self.clock))

    def _lot(self, index: int) -> int:
        return self.auction_lots[index] if index < len(self.auction_lots) else UNKNOWN

    @rule(
        seller=player,
        quantity=st.integers(0, 2),
        start=st.integers(-1, 60),
        buyout=st.none() | st.integers(0, 150),
        days=st.sampled_from([1, 2, 7]),
        key=key,
    )
    def auctions_create(
        self, seller: int, quantity: int, start: int, buyout: int | None, days: int, key: str | None
    ) -> None:
        actor = self.players[seller]
        made: list[int] = []

        async def create(session: AsyncSession) -> None:
            done = await lifecycle.create(
                session,
                actor_id=actor,
                item_id=self.auction_item,
                quantity=quantity,
                start_price=start,
                buyout_price=buyout,
                duration_days=days,
                currency="COIN",
                idempotency_key=key,
                clock=self.clock,
            )
            made.append(int(done.auction.id or 0))

        if (
            self.attempt("auction.create", actor=actor, key=key, use_case=create)
            and made[0] not in self.auction_lots
        ):
            self.auction_lots.append(made[0])

    @rule(bidder=player, which=lot, amount=st.integers(-1, 200), key=key)
    def auctions_bid(self, bidder: int, which: int, amount: int, key: str | None) -> None:
        actor = self.players[bidder]
        ident = self._lot(which)
        self.attempt(
            "auction.bid",
            actor=actor,
            key=key,
            use_case=lambda s: bids.bid(
                s, actor_id=actor, auction_id=ident, amount=amount, idempotency_key=key, clock=self.clock
            ),
        )

    @rule(which=lot)
    def auctions_end_early(self, which: int) -> None:
        ident = self._lot(which)
        self.attempt(
            "auction.end",
            actor=self.admin,
            key=None,
            use_case=lambda s: settlement.end(s, actor_id=self.admin, auction_id=ident, clock=self.clock),
        )

    @rule(hours=st.integers(0, 200))
    def auctions_settle_due(self, hours: int) -> None:
        """The settlement job's work after the clock moves: every due auction, each once."""
        self.clock.advance(hours=hours)

        async def settle_all(session: AsyncSession) -> None:
            for ident in await settlement.due(session, clock=self.clock):
                assert await settlement.settle(session, auction_id=ident, clock=self.clock) is not None

        self.attempt("auction.settle", actor=self.admin, key=None, use_case=settle_all)

    @invariant()
    def auctions_escrow_holds_what_open_auctions_hold(self) -> None:
        if not getattr(self, "auction_lots", None):
            return

        async def check(session: AsyncSession) -> list[str]:
            balances = await ledger.system_balances(session)
            wrong = []
            for row in (await session.execute(select(Auction))).scalars().all():
                owner = common.escrow(int(row.id or 0))[1]
                coins = balances.get(("COIN", owner), 0)
                items = balances.get((ledger.item_asset(row.item_id), owner), 0)
                want = (row.current_bid or 0, row.quantity) if row.status == common.OPEN else (0, 0)
                if (coins, items) != want:
                    wrong.append(f"auction {row.id} {row.status}: escrow {(coins, items)}, expected {want}")
                if row.status == common.SOLD and row.final_price != row.current_bid:
                    wrong.append(f"auction {row.id} sold for {row.final_price}, best bid {row.current_bid}")
            return wrong

        assert self.run(self._read(check)) == []
