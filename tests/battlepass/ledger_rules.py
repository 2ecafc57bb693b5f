"""The battle pass in the ledger state machine: players buy premium and level skips with COIN (the
rewards they unlock are paid from the ``battlepass`` faucet in the same transaction)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule
from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.battlepass import BattlePassProgress, BattlePassReward
from resolvers.battlepass import passes, rules
from tests.ledger.machine import LedgerMachine, domain_rules, key, player


@domain_rules
class BattlePassRules(LedgerMachine):
    @rule(buyer=player, key=key)
    def battlepass_buy_premium(self, buyer: int, key: str | None) -> None:
        actor = self.players[buyer]
        self.attempt(
            "battlepass.buy_premium",
            actor=actor,
            key=key,
            use_case=lambda s: passes.buy_premium(s, actor_id=actor, idempotency_key=key, clock=self.clock),
        )

    @rule(buyer=player, levels=st.integers(-1, 4), key=key)
    def battlepass_buy_levels(self, buyer: int, levels: int, key: str | None) -> None:
        actor = self.players[buyer]
        self.attempt(
            "battlepass.buy_levels",
            actor=actor,
            key=key,
            use_case=lambda s: passes.buy_levels(
                s, actor_id=actor, levels=levels, idempotency_key=key, clock=self.clock
            ),
        )

    @invariant()
    def battlepass_rewards_match_levels(self) -> None:
        """Every pass was paid exactly the rewards of its levels (both tracks once premium)."""

        async def check(session: AsyncSession) -> tuple[list[Any], set[tuple[int, int, int, str]]]:
            progress = list((await session.execute(select(BattlePassProgress))).scalars().all())
            paid = (await session.execute(select(BattlePassReward))).scalars().all()
            return progress, {(r.season_id, r.user_id, r.level, r.track) for r in paid}

        progress, paid = self.run(self._read(check))
        expected = {
            (p.season_id, p.user_id, r.level, str(r.track))
            for p in progress
            for r in rules.due(p.level, p.premium)
        }
        assert paid == expected
