"""Trading in the ledger state machine: offers of coins (and the shop's items, when its rules are
composed in) for coins or items, accepted, declined, cancelled, countered or left to expire."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule
from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.trading import TradeOffer
from resolvers import ledger
from resolvers.trading import common, offers, queries, settlement
from tests.ledger.machine import LedgerMachine, domain_rules, key, player

offer = st.integers(0, 5)
good = st.tuples(st.none() | st.integers(0, 1), st.integers(-1, 40))
goods = st.lists(good, max_size=2)


@domain_rules
class TradingRules(LedgerMachine):
    offers: list[int]

    @initialize()
    def trading_book(self) -> None:
        self.offers = []

    def _goods(self, drawn: list[tuple[int | None, int]]) -> list[dict[str, Any]]:
        """``None`` is coins; an index picks one of the shop's items when its rules are composed in."""
        shop_items: list[int] = getattr(self, "items", [])
        out: list[dict[str, Any]] = []
        for which, amount in drawn:
            if which is not None and which < len(shop_items):
                out.append({"item_id": shop_items[which], "amount": amount})
            else:
                out.append({"currency": "COIN", "amount": amount})
        return out

    def _offer(self, index: int) -> int:
        return self.offers[index % len(self.offers)] if self.offers else 0

    def _made(self, outcome: common.Outcome) -> common.Outcome:
        if outcome.offer.id not in self.offers:
            self.offers.append(int(outcome.offer.id or 0))
        return outcome

    @rule(sender=player, recipient=player, give=goods, want=goods, key=key)
    def trading_offer(
        self,
        sender: int,
        recipient: int,
        give: list[tuple[int | None, int]],
        want: list[tuple[int | None, int]],
        key: str | None,
    ) -> None:
        actor = self.players[sender]

        async def use_case(s: AsyncSession) -> common.Outcome:
            return self._made(
                await offers.create(
                    s,
                    actor_id=actor,
                    to_user_id=self.players[recipient],
                    give=self._goods(give),
                    want=self._goods(want),
                    message=None,
                    idempotency_key=key,
                    clock=self.clock,
                )
            )

        self.attempt("trade.offer", actor=actor, key=key, use_case=use_case)

    @rule(who=player, which=offer, verb=st.sampled_from(["accept", "decline", "cancel"]))
    def trading_close(self, who: int, which: int, verb: str) -> None:
        actor, ident = self.players[who], self._offer(which)
        close = {"accept": settlement.accept, "decline": settlement.decline, "cancel": settlement.cancel}[
            verb
        ]
        self.attempt(
            f"trade.{verb}",
            actor=actor,
            key=None,
            use_case=lambda s: close(s, actor_id=actor, offer_id=ident, clock=self.clock),
        )

    @rule(who=player, which=offer, give=goods, want=goods, key=key)
    def trading_counter(
        self,
        who: int,
        which: int,
        give: list[tuple[int | None, int]],
        want: list[tuple[int | None, int]],
        key: str | None,
    ) -> None:
        actor, ident = self.players[who], self._offer(which)

        async def use_case(s: AsyncSession) -> common.Outcome:
            return self._made(
                await offers.counter(
                    s,
                    actor_id=actor,
                    offer_id=ident,
                    give=self._goods(give),
                    want=self._goods(want),
                    message=None,
                    idempotency_key=key,
                    clock=self.clock,
                )
            )

        self.attempt("trade.counter", actor=actor, key=key, use_case=use_case)

    @rule()
    def trading_expire(self) -> None:
        """73 hours pass and the expiry job runs: every open offer is expired, its escrow returned."""
        self.clock.advance(seconds=int(common.LIFETIME.total_seconds()) + 3600)

        async def expire_all(s: AsyncSession) -> None:
            for ident in await queries.due(s, clock=self.clock):
                assert await settlement.expire(s, offer_id=ident, clock=self.clock)

        self.attempt("trade.expire", actor=self.admin, key=None, use_case=expire_all)

    @invariant()
    def trading_escrow_holds_the_open_offers(self) -> None:
        """The escrow account holds exactly what the open offers give, per asset."""

        async def compare(session: AsyncSession) -> tuple[dict[str, int], dict[str, int]]:
            held = {
                asset: n
                for (asset, owner), n in (await ledger.system_balances(session)).items()
                if owner == common.ESCROW and n
            }
            open_offers = await session.execute(
                select(TradeOffer).where(col(TradeOffer.status) == common.OPEN)
            )
            owed: dict[str, int] = {}
            for row in open_offers.scalars().all():
                for g in row.give:
                    owed[g["asset"]] = owed.get(g["asset"], 0) + int(g["amount"])
            return held, owed

        held, owed = self.run(self._read(compare))
        assert held == owed, (held, owed)
