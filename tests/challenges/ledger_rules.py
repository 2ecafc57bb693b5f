"""Challenges in the ledger state machine: the consumer counts what the other rules did and pays
completed challenges from the ``challenges`` faucet; the reset job expires them; each pays once."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule
from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer
from db.models.challenges import Challenge
from resolvers import challenges, outbox
from resolvers.challenges import catalog
from tests.ledger.machine import LedgerMachine, domain_rules, player
from workers import challenges as challenge_jobs

assert outbox.CONSUMERS[challenges.CONSUMER] is challenge_jobs.count_progress


@domain_rules
class ChallengeRules(LedgerMachine):
    @rule(reader=player)
    def challenges_read(self, reader: int) -> None:
        actor = self.players[reader]
        self.attempt(
            "challenges.read",
            actor=actor,
            key=None,
            use_case=lambda s: challenges.current(s, user_id=actor, clock=self.clock),
        )

    @rule()
    def challenges_count(self) -> None:
        self.run(outbox.relay(self.db, challenges.CONSUMER, clock=self.clock))
        self._state = None

    @rule(hours=st.sampled_from([1, 12, 24, 24 * 7]))
    def challenges_reset(self, hours: int) -> None:
        self.clock.advance(hours=hours)
        self.run(outbox.relay(self.db, challenges.CONSUMER, clock=self.clock))
        self._state = None
        self.attempt(
            "challenges.reset",
            actor=self.admin,
            key=None,
            use_case=lambda s: challenges.reset(s, clock=self.clock),
        )

    @invariant()
    def challenges_pay_once_each(self) -> None:
        async def check(session: AsyncSession) -> tuple[int, int, int, int]:
            done = select(func.count(), func.coalesce(func.sum(Challenge.reward), 0)).where(
                col(Challenge.status) == catalog.COMPLETED, col(Challenge.reward) > 0
            )
            count, rewards = (await session.execute(done)).one()
            paid = select(func.count(), func.coalesce(func.sum(Transfer.amount), 0)).where(
                col(Transfer.kind) == "challenge", col(Transfer.memo).startswith("Challenge: ")
            )
            transfers, amount = (await session.execute(paid)).one()
            return int(count), int(rewards), int(transfers), int(amount)

        count, rewards, transfers, amount = self.run(self._read(check))
        assert (transfers, amount) == (count, rewards), "each completed challenge is paid once, its reward"

    @invariant()
    def challenges_never_complete_after_expiry(self) -> None:
        async def late(session: AsyncSession) -> int:
            query = select(func.count()).where(
                col(Challenge.status) == catalog.COMPLETED,
                col(Challenge.completed_at) >= col(Challenge.expires_at),
            )
            return int((await session.execute(query.select_from(Challenge))).scalar_one())

        assert self.run(self._read(late)) == 0
