"""Seasonal events in the ledger state machine: activity earns the event currency (the consumer's
use case), the event shop sells a scarce limited edition, and the end converts what is left to COIN
at half, rounded down. The event lasts twelve steps of the machine's clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule
from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.seasonal import SeasonalConversion, SeasonalEarning
from resolvers import events, ledger
from resolvers.seasonal import admin, common, earn, lifecycle, shop
from tests.ledger.machine import LedgerMachine, domain_rules, key, player

CURRENCY = "PROPX"
LENGTH = timedelta(seconds=12)


@domain_rules
class SeasonalRules(LedgerMachine):
    season: int
    season_item: int

    async def _seasonal_made(self, work: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
        async with self.db.transaction() as session:
            return await work(session)

    @initialize()
    def seasonal_open_event(self) -> None:
        now = self.clock.now()

        async def setup(session: AsyncSession) -> tuple[int, int]:
            event = await admin.create_event(
                session,
                actor_id=self.admin,
                name="Prop fest",
                description=None,
                currency_code=CURRENCY,
                currency_name="Props",
                starts_at=now,
                ends_at=now + LENGTH,
                yearly=False,
                clock=self.clock,
            )
            assert event.id is not None
            entry = await admin.create_item(
                session,
                actor_id=self.admin,
                event_id=event.id,
                name="Prop hat",
                description=None,
                price=3,
                stock=4,
                per_user_limit=None,
                clock=self.clock,
            )
            assert await lifecycle.open_due(session, event_id=event.id, clock=self.clock)
            return event.id, int(entry.item.id or 0)

        self.season, self.season_item = self.run(self._seasonal_made(setup))

    @rule(who=player, kind=st.sampled_from(["daily.claimed", "wallet.transfer", "gift.sent", "friend.added"]))
    def seasonal_earn(self, who: int, kind: str) -> None:
        actor = self.players[who]

        async def activity(session: AsyncSession) -> None:
            event = await events.append(session, kind=kind, clock=self.clock, actor_id=actor)
            await earn.earn(session, event)
            await earn.earn(session, event)  # a re-read event pays nothing twice

        self.attempt("seasonal.earn", actor=actor, key=None, use_case=activity)

    @rule(who=player, quantity=st.integers(-1, 3), item=st.booleans(), key=key)
    def seasonal_buy(self, who: int, quantity: int, item: bool, key: str | None) -> None:
        actor = self.players[who]
        self.attempt(
            "seasonal.purchase",
            actor=actor,
            key=key,
            use_case=lambda s: shop.buy(
                s,
                actor_id=actor,
                item_id=self.season_item if item else 999_999,
                quantity=quantity,
                idempotency_key=key,
                clock=self.clock,
            ),
        )

    @rule()
    def seasonal_end(self) -> None:
        async def close(session: AsyncSession) -> None:
            for ident in await lifecycle.due_to_close(session, clock=self.clock):
                await lifecycle.close_due(session, event_id=ident, clock=self.clock)
            for ident in await lifecycle.to_convert(session):
                for user_id in await lifecycle.holders(session, CURRENCY):
                    await lifecycle.convert(session, event_id=ident, user_id=user_id, clock=self.clock)

        self.attempt("seasonal.end", actor=self.admin, key=None, use_case=close)

    @invariant()
    def seasonal_faucet_pays_what_was_earned_and_half_of_what_was_left(self) -> None:
        async def check(
            session: AsyncSession,
        ) -> tuple[dict[tuple[str, str], int], int, list[tuple[int, int]]]:
            earned = (
                await session.execute(select(func.coalesce(func.sum(col(SeasonalEarning.amount)), 0)))
            ).scalar_one()
            conversions = (
                await session.execute(select(col(SeasonalConversion.amount), col(SeasonalConversion.coins)))
            ).all()
            return (
                await ledger.system_balances(session),
                int(earned),
                [(int(a), int(c)) for a, c in conversions],
            )

        system, earned, conversions = self.run(self._read(check))
        assert -system.get((CURRENCY, common.FAUCET), 0) == earned
        assert all(coins == amount // 2 for amount, coins in conversions)
        assert -system.get(("COIN", common.FAUCET), 0) == sum(coins for _, coins in conversions)
