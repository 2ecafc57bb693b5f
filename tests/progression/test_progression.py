"""Levels and XP from domain events: per-kind worth and daily caps, the published curve, level-ups."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConfigValue, ConsumerOffset, Notification
from db.models.progression import Progress, XpDay
from resolvers import events, outbox, progression
from resolvers.clock import ManualClock
from server.settings import Settings
from tests import factories
from tests.server.support import count_statements, running
from tests.snapshot import changed, snapshot
from workers import progression as progression_jobs

ME = "{ me { level xp } }"
PROGRESS = """{ myProgress { level xp levelStartXp nextLevelXp claims engagement
  tier { name } nextTier { name engagement } xpToday { kind xp dailyCap } } }"""
PAY = "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1}) { errors { code } } }"
RULE_SET = """mutation($k: String!, $x: Int!, $c: Int!) { progressionXpRuleSet(input: {kind: $k, xp: $x, dailyCap: $c}) {
  rule { kind xp dailyCap } errors { code field message } } }"""
_round = itertools.count()


async def relay(db: Database) -> int:
    assert outbox.CONSUMERS[progression.CONSUMER] is progression_jobs.award_xp
    return await outbox.relay(db, progression.CONSUMER, clock=factories.CLOCK)


async def set_rule(db: Database, kind: str, xp: int, cap: int) -> None:
    async with db.transaction() as session:
        session.add(ConfigValue(key=progression.RULE_PREFIX + kind, value={"xp": xp, "cap": cap}))


def test_the_level_curve_is_the_published_one() -> None:
    assert [progression.xp_for_level(n) for n in (1, 2, 3, 4, 5, 10)] == [0, 100, 383, 903, 1703, 11106]
    assert [progression.level_for(x) for x in (0, 99, 100, 382, 383, 11105, 11106)] == [1, 1, 2, 2, 3, 9, 10]
    assert all(progression.level_for(progression.xp_for_level(n)) == n for n in range(1, 200))


async def test_payments_give_capped_xp_through_the_consumer_and_levels_follow(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=50, secret=settings.secret_key)
        bob = await factories.player(db, "bob")
        # A newcomer is level 1 with no XP, and the curve is public
        assert (await gql(ME, token=alice.token))["data"]["me"] == {"level": 1, "xp": 0}
        curve = (await gql("{ levelCurve(upTo: 3) { level xp } }"))["data"]["levelCurve"]
        assert curve == [{"level": 1, "xp": 0}, {"level": 2, "xp": 100}, {"level": 3, "xp": 383}]
        # Given payments worth 40 XP each, at most 100 a day
        await set_rule(db, "wallet.transfer", 40, 100)
        for _ in range(4):
            assert (await gql(PAY, {"u": str(bob.id)}, token=alice.token))["data"]["walletTransfer"][
                "errors"
            ] == []
        # Then the consumer gives 40 + 40 + 20 + 0: the cap holds, bob (the payee) gets none
        await relay(db)
        assert (await gql(ME, token=alice.token))["data"]["me"] == {"level": 2, "xp": 100}
        async with db.reader() as session:
            assert (await session.get(Progress, bob.id)) is None
        shown = (await gql(PROGRESS, token=alice.token))["data"]["myProgress"]
        assert (shown["levelStartXp"], shown["nextLevelXp"], shown["tier"]["name"]) == (100, 383, "bronze")
        assert shown["nextTier"] == {"name": "silver", "engagement": 2000}
        assert {"kind": "wallet.transfer", "xp": 100, "dailyCap": 100} in shown["xpToday"]
        # And the level-up notified her and is an activity
        async with db.reader() as session:
            notes = (
                (
                    await session.execute(
                        select(Notification).where(col(Notification.kind).startswith("progression."))
                    )
                )
                .scalars()
                .all()
            )
            assert [(n.user_id, n.kind, n.data["level"]) for n in notes] == [
                (alice.id, "progression.level_up", 2)
            ]
        # Reading the events again (a lost offset) awards nothing twice
        before = await snapshot(db)
        async with db.transaction() as session:
            await session.execute(update(ConsumerOffset).values(last_event_id=0, last_tx=0))
        await relay(db)
        after = changed(before, await snapshot(db))
        assert set(after) <= {"consumer_offsets"}, after


async def test_a_daily_claim_counts_as_a_claim_and_gives_its_xp(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        await gql("mutation { dailyClaim(input: {}) { errors { code } } }", token=alice.token)
        await relay(db)
        shown = (await gql(PROGRESS, token=alice.token))["data"]["myProgress"]
        assert (shown["xp"], shown["claims"], shown["engagement"]) == (20, 1, 20 + progression.CLAIM_POINTS)


async def test_a_reward_event_gives_the_xp_it_names_once_and_without_a_cap(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        # Given a domain that rewards 150 XP, twice, and one bogus reward
        async with db.transaction() as session:
            await events.append_many(
                session,
                [
                    events.Spec(
                        kind="quest.completed",
                        actor_id=alice.id,
                        subject=f"user:{alice.id}",
                        audience=[alice.id],
                        payload={"xp_reward": xp},
                    )
                    for xp in (150, 150, -5, True)
                ],
                clock=factories.CLOCK,
            )
        await relay(db)
        # Then both rewards count in full (no rule, no cap) and the bogus ones give nothing
        assert (await gql(ME, token=alice.token))["data"]["me"] == {"level": 2, "xp": 300}
        # And a second read of the same events gives nothing more
        async with db.transaction() as session:
            await session.execute(update(ConsumerOffset).values(last_event_id=0, last_tx=0))
        await relay(db)
        assert (await gql(ME, token=alice.token))["data"]["me"]["xp"] == 300


async def test_admins_set_xp_rules_and_bad_rules_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        body = await gql(RULE_SET, {"k": "trade.completed", "x": 15, "c": 60}, token=boss.token)
        assert body["data"]["progressionXpRuleSet"] == {
            "rule": {"kind": "trade.completed", "xp": 15, "dailyCap": 60},
            "errors": [],
        }
        rules = (await gql("{ progressionXpRules { kind xp dailyCap } }", token=boss.token))["data"]
        assert {"kind": "trade.completed", "xp": 15, "dailyCap": 60} in rules["progressionXpRules"]
        for variables, code, field in (
            ({"k": "bad kind!", "x": 1, "c": 1}, "INVALID_KIND", "kind"),
            ({"k": "shop.purchase", "x": -1, "c": 1}, "INVALID_XP", "xp"),
            ({"k": "shop.purchase", "x": 1, "c": -5}, "INVALID_CAP", "dailyCap"),
        ):
            before = await snapshot(db)
            refused = await gql(RULE_SET, variables, token=boss.token)
            errors = refused["data"]["progressionXpRuleSet"]["errors"]
            assert [(e["code"], e["field"]) for e in errors] == [(code, field)]
            assert changed(before, await snapshot(db)) == {}


async def test_ingestion_credits_give_xp_to_the_credited_players(database_url: str) -> None:
    db = Database(database_url)
    try:
        clock = ManualClock(datetime(2026, 5, 5, 9, tzinfo=UTC))
        alice, bob = await factories.players(db, "alice", "bob", clock=clock)
        async with db.transaction() as session:
            await events.append(
                session,
                kind="wallet.credit",
                clock=clock,
                actor_id=None,
                audience=[alice.id, bob.id],
                payload={},
            )
        await relay(db)
        async with db.reader() as session:
            xp = {p.user_id: p.xp for p in (await session.execute(select(Progress))).scalars()}
        assert xp == {alice.id: 5, bob.id: 5}
    finally:
        await db.dispose()


@pytest.mark.parametrize("backend", ["sqlite"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    happenings=st.lists(
        st.tuples(
            st.sampled_from(["shop.purchase", "gift.sent", "chat.said"]),
            st.integers(0, 2),
            st.integers(0, 30),
        ),
        max_size=30,
    ),
    worth=st.integers(1, 40),
    cap=st.integers(0, 90),
)
def test_xp_never_passes_a_days_cap(
    database_url: str, happenings: list[tuple[str, int, int]], worth: int, cap: int
) -> None:
    """Property: whatever events happen (kind, player, hour), each player's XP equals the model's
    sum over (day, kind) of min(cap, worth · count); unknown kinds give nothing; levels follow XP."""

    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            clock = ManualClock(datetime(2026, 6, 1, tzinfo=UTC))
            people = await factories.players(db, f"x{n}a", f"x{n}b", f"x{n}c", clock=clock)
            async with db.transaction() as session:
                for kind in ("shop.purchase", "gift.sent"):
                    await session.merge(
                        ConfigValue(key=progression.RULE_PREFIX + kind, value={"xp": worth, "cap": cap})
                    )
            counts: dict[tuple[int, int, str], int] = {}
            for kind, who, hours in happenings:
                clock.advance(hours=hours)
                async with db.transaction() as session:
                    await events.append(session, kind=kind, clock=clock, actor_id=people[who].id, audience=[])
                day = clock.now().toordinal()
                counts[(who, day, kind)] = counts.get((who, day, kind), 0) + 1
            await relay(db)
            expected: dict[int, int] = {}
            for (who, _, kind), count in counts.items():
                if kind != "chat.said":
                    expected[who] = expected.get(who, 0) + min(cap, worth * count)
            async with db.reader() as session:
                rows = {p.user_id: p for p in (await session.execute(select(Progress))).scalars()}
                ids = [p.id for p in people]
                days = (
                    (await session.execute(select(XpDay).where(col(XpDay.user_id).in_(ids)))).scalars().all()
                )
            for who, person in enumerate(people):
                got = rows[person.id].xp if person.id in rows else 0
                assert got == expected.get(who, 0)
                if person.id in rows:
                    assert rows[person.id].level == progression.level_for(got)
            assert all(d.xp <= cap for d in days)
        finally:
            await db.dispose()

    asyncio.run(body())


async def test_level_and_xp_cost_one_statement_with_or_without_progress(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        fresh = await factories.player(db, "fresh", secret=settings.secret_key)
        seasoned = await factories.player(db, "seasoned", coins=5, secret=settings.secret_key)
        await gql(PAY, {"u": str(fresh.id)}, token=seasoned.token)
        await relay(db)
        costs = []
        for who in (fresh, seasoned):
            with count_statements(db) as seen:
                body = await gql("{ me { id level xp } }", token=who.token)
            costs.append(
                len([s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))])
            )
            assert body["data"]["me"]["level"] == 1
        assert costs[0] == costs[1]
        assert body["data"]["me"]["xp"] == progression.XP_DEFAULTS["wallet.transfer"].xp
