"""Referrals in the ledger state machine: links made by applying codes, rewards and milestones
paid from the ``referrals`` faucet when a referred player reaches the qualifying level."""

from __future__ import annotations

from hypothesis.stateful import rule
from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers.referrals import links, rewards
from tests.ledger.machine import LedgerMachine, domain_rules, player


@domain_rules
class ReferralRules(LedgerMachine):
    @rule(referred=player, referrer=player)
    def referral_apply(self, referred: int, referrer: int) -> None:
        actor, owner = self.players[referred], self.players[referrer]

        async def apply(session: AsyncSession) -> None:
            code = (await links.code_of(session, owner, clock=self.clock)).code
            await links.apply(session, actor_id=actor, code=code, client=None, clock=self.clock)

        self.attempt("referral.apply", actor=actor, key=None, use_case=apply)

    @rule(referred=player)
    def referral_level_reached(self, referred: int) -> None:
        actor = self.players[referred]
        self.attempt(
            "referral.reached",
            actor=actor,
            key=None,
            use_case=lambda s: rewards.reached(s, referred_id=actor, clock=self.clock),
        )
