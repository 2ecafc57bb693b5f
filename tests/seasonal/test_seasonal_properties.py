"""Property (the plan's event completion): whatever players earn and spend during an event, at its
end each gets exactly half of what they have left (rounded down) in COIN, once however often the
end runs, nobody keeps any event currency, and every asset is conserved."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.engine import Database
from resolvers import admin as admin_use_cases
from resolvers import events, ledger
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from resolvers.seasonal import admin, common, earn, lifecycle, shop
from tests import factories

_round = itertools.count()
KINDS = ("daily.claimed", "wallet.transfer", "gift.sent", "shop.purchase", "friend.added")


def test_the_conversion_is_half_rounded_down() -> None:
    assert [common.converted(n) for n in (0, 1, 2, 3, 21, 99, 100)] == [0, 0, 1, 1, 10, 49, 50]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    activity=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(KINDS)), max_size=25),
    purchases=st.lists(st.tuples(st.integers(0, 2), st.integers(1, 4)), max_size=8),
    runs=st.integers(1, 3),
)
def test_any_event_converts_half_of_what_is_left_once_and_conserves_every_asset(
    database_url: str, activity: list[tuple[int, str]], purchases: list[tuple[int, int]], runs: int
) -> None:
    async def body() -> None:
        db = Database(database_url)
        clock = ManualClock(datetime(2026, 1, 1, tzinfo=UTC))
        try:
            n = next(_round)
            boss = await factories.admin(db, f"pb{n}", clock=clock)
            people = await factories.players(db, f"p{n}a", f"p{n}b", f"p{n}c", coins=10, clock=clock)
            code = f"PR{n}"
            async with db.transaction() as session:
                event = await admin.create_event(
                    session,
                    actor_id=boss.id,
                    name="Prop",
                    description=None,
                    currency_code=code,
                    currency_name="Props",
                    starts_at=clock.now(),
                    ends_at=clock.now() + timedelta(days=1),
                    yearly=False,
                    clock=clock,
                )
                entry = await admin.create_item(
                    session,
                    actor_id=boss.id,
                    event_id=event.id,
                    name="Hat",
                    description=None,
                    price=7,
                    stock=None,
                    per_user_limit=None,
                    clock=clock,
                )
                assert await lifecycle.open_due(session, event_id=int(event.id or 0), clock=clock)
            season, item_id = int(event.id or 0), int(entry.item.id or 0)
            for who, kind in activity:
                clock.advance(minutes=1)
                async with db.transaction() as session:
                    happened = await events.append(session, kind=kind, clock=clock, actor_id=people[who].id)
                    await earn.earn(session, happened)
            for who, quantity in purchases:
                try:
                    async with db.transaction() as session:
                        await shop.buy(
                            session,
                            actor_id=people[who].id,
                            item_id=item_id,
                            quantity=quantity,
                            idempotency_key=None,
                            clock=clock,
                        )
                except DomainError as exc:
                    assert exc.code == "INSUFFICIENT_FUNDS"
            left = [await factories.balance(db, p, asset=code) for p in people]
            coins = [await factories.balance(db, p) for p in people]
            clock.advance(days=2)
            for _ in range(runs):
                async with db.transaction() as session:
                    for ident in await lifecycle.due_to_close(session, clock=clock):
                        await lifecycle.close_due(session, event_id=ident, clock=clock)
                for user_id in await _holders(db, code):
                    async with db.transaction() as session:
                        await lifecycle.convert(session, event_id=season, user_id=user_id, clock=clock)
            after = [await factories.balance(db, p) for p in people]
            assert [a - c for a, c in zip(after, coins, strict=True)] == [x // 2 for x in left]
            assert [await factories.balance(db, p, asset=code) for p in people] == [0, 0, 0]
            async with db.reader() as session:
                assert all(v == 0 for v in (await ledger.conservation(session)).values())
                assert await ledger.reconcile(session) == []
                assert all(s.balanced for s in await admin_use_cases.supply(session))
        finally:
            await db.dispose()

    asyncio.run(body())


async def _holders(db: Database, code: str) -> list[int]:
    async with db.reader() as session:
        return await lifecycle.holders(session, code)
