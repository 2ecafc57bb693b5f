"""The wallet's operations in the ledger state machine: admin grants and payments between players."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import rule

from resolvers import admin, wallet
from tests.ledger.machine import LedgerMachine, domain_rules, key, player

payment = st.one_of(st.integers(-5, 300), st.sampled_from(["1.5", "0", "10", "9999999999999"]))


@domain_rules
class WalletRules(LedgerMachine):
    @rule(to=player, amount=st.integers(-5, 500), key=key)
    def wallet_grant(self, to: int, amount: int, key: str | None) -> None:
        self.attempt(
            "admin.grant",
            actor=self.admin,
            key=key,
            use_case=lambda s: admin.grant(
                s,
                actor_id=self.admin,
                user_id=self.players[to],
                currency="COIN",
                amount=amount,
                reason="prop",
                idempotency_key=key,
                clock=self.clock,
            ),
        )

    @rule(payer=player, payee=player, amount=payment, key=key)
    def wallet_pay(self, payer: int, payee: int, amount: Any, key: str | None) -> None:
        actor = self.players[payer]
        self.attempt(
            "wallet.transfer",
            actor=actor,
            key=key,
            use_case=lambda s: wallet.transfer(
                s,
                actor_id=actor,
                to_user_id=self.players[payee],
                currency="COIN",
                amount=amount,
                idempotency_key=key,
                memo=None,
                clock=self.clock,
            ),
        )
