"""Quests in the ledger state machine: players accept the starter quests, the consumer counts what
the other rules did and pays completed runs from the ``quests`` faucet; each run pays once."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule
from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer
from db.models.quests import Quest, QuestRun
from resolvers import ledger, outbox
from resolvers.quests import common, log, progress
from tests.ledger.machine import LedgerMachine, domain_rules, player
from workers import quests as quest_jobs

assert outbox.CONSUMERS[common.CONSUMER] is quest_jobs.count_progress
STARTERS = ("first-steps", "window-shopping", "generous-soul", "traders-path", "savers-path", "daily-routine")


async def _quest_id(session: AsyncSession, key: str) -> int:
    return int((await session.execute(select(col(Quest.id)).where(col(Quest.key) == key))).scalar_one())


@domain_rules
class QuestRules(LedgerMachine):
    @rule(taker=player, key=st.sampled_from(STARTERS))
    def quests_accept(self, taker: int, key: str) -> None:
        actor = self.players[taker]

        async def accept(session: AsyncSession) -> object:
            return await log.accept(
                session, actor_id=actor, quest_id=await _quest_id(session, key), clock=self.clock
            )

        self.attempt("quests.accept", actor=actor, key=None, use_case=accept)

    @rule()
    def quests_count(self) -> None:
        self.run(outbox.relay(self.db, common.CONSUMER, clock=self.clock))
        self._state = None

    @rule(hours=st.sampled_from([1, 24]))
    def quests_reset(self, hours: int) -> None:
        self.clock.advance(hours=hours)
        self.run(outbox.relay(self.db, common.CONSUMER, clock=self.clock))
        self._state = None
        self.attempt(
            "quests.reset",
            actor=self.admin,
            key=None,
            use_case=lambda s: progress.reset_daily(s, clock=self.clock),
        )

    @invariant()
    def quests_pay_once_each(self) -> None:
        async def check(session: AsyncSession) -> tuple[int, int, int, int]:
            done = (
                select(func.count(), func.coalesce(func.sum(col(Quest.reward_amount)), 0))
                .select_from(QuestRun)
                .join(Quest, col(Quest.id) == col(QuestRun.quest_id))
                .where(col(QuestRun.status) == common.COMPLETED, col(Quest.reward_amount) > 0)
            )
            count, rewards = (await session.execute(done)).one()
            paid = select(func.count(), func.coalesce(func.sum(col(Transfer.amount)), 0)).where(
                col(Transfer.kind) == "quest_reward", col(Transfer.asset) == ledger.DEFAULT_CURRENCY
            )
            transfers, amount = (await session.execute(paid)).one()
            return int(count), int(rewards), int(transfers), int(amount)

        count, rewards, transfers, amount = self.run(self._read(check))
        assert (transfers, amount) == (count, rewards), "each completed quest run is paid once, its reward"
