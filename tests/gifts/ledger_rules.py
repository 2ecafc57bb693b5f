"""Gifts in the ledger state machine: a player gives coins, or items bought in the shop, to another."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from resolvers import gifts
from tests.ledger.machine import LedgerMachine, domain_rules, key, player


@domain_rules
class GiftRules(LedgerMachine):
    @rule(
        giver=player,
        taker=player,
        item=st.none() | st.integers(0, 1),
        amount=st.integers(-1, 60),
        key=key,
    )
    def gifts_send(self, giver: int, taker: int, item: int | None, amount: int, key: str | None) -> None:
        """``item`` indexes the shop's items when the shop's rules are composed in, else coins go."""
        shop_items: list[int] = getattr(self, "items", [])
        item_id = shop_items[item] if item is not None and item < len(shop_items) else None
        actor = self.players[giver]
        self.attempt(
            "gifts.send",
            actor=actor,
            key=key,
            use_case=lambda s: gifts.send(
                s,
                actor_id=actor,
                to_user_id=self.players[taker],
                currency=None if item_id is not None else "COIN",
                item_id=item_id,
                amount=amount,
                message="prop",
                idempotency_key=key,
                clock=self.clock,
            ),
        )
