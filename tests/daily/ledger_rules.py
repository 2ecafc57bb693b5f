"""The daily bonus in the ledger state machine: claims paid from the ``source:daily`` faucet, once a day."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from resolvers import daily
from tests.ledger.machine import LedgerMachine, domain_rules, key, player


@domain_rules
class DailyRules(LedgerMachine):
    @rule(claimer=player, hours=st.sampled_from([0, 0, 5, 24, 48]), key=key)
    def daily_claim(self, claimer: int, hours: int, key: str | None) -> None:
        """``hours`` moves the clock first, so claims fall on the same day, the next or later."""
        self.clock.advance(hours=hours)
        actor = self.players[claimer]
        self.attempt(
            "daily.claim",
            actor=actor,
            key=key,
            use_case=lambda s: daily.claim(s, actor_id=actor, idempotency_key=key, clock=self.clock),
        )
