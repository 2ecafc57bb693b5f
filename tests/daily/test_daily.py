"""The daily bonus: one claim per UTC day, streaks with a monthly grace day, milestones, tier perks."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import col

from db.engine import Database
from db.models import ConfigValue, Notification, Transfer
from resolvers import daily, ledger, outbox, progression
from resolvers.accounts import tokens
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot
from workers import progression as progression_jobs

CLAIM = """mutation($key: String) { dailyClaim(input: {idempotencyKey: $key}) {
  claim { amount streak day milestoneBonus tierBonus graced } errors { code field message } } }"""
CLAIM_BARE = "mutation { dailyClaim(input: {}) { claim { amount streak } errors { code field message } } }"
STREAK = """{ myStreak { current best claimedToday graceAvailable nextAmount nextMilestone
  milestones { days bonus reached } } }"""
SUPPLY = "{ adminEconomySupply { asset balanced minted held } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code } } }"
DAY = 86400
_round = itertools.count()


def token_for(app: Any, settings: Settings, who: factories.Player) -> str:
    now = app.state.services.clock.now()
    return tokens.issue_access_token(secret=settings.secret_key, user_id=who.id, now=now, minutes=15)


async def daily_transfers(db: Database) -> int:
    async with db.reader() as session:
        query = select(func.count()).select_from(Transfer).where(col(Transfer.kind) == "daily")
        return int((await session.execute(query)).scalar_one())


async def test_a_claim_pays_from_the_faucet_and_a_second_one_the_same_day_pays_nothing(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        # When alice claims her first daily bonus
        body = await gql(CLAIM_BARE, token=alice.token)
        assert body["data"]["dailyClaim"] == {"claim": {"amount": 10, "streak": 1}, "errors": []}
        assert await factories.balance(db, alice) == 10
        streak = (await gql(STREAK, token=alice.token))["data"]["myStreak"]
        assert streak["current"] == 1 and streak["best"] == 1 and streak["claimedToday"] is True
        assert streak["nextAmount"] == 15 and streak["nextMilestone"] == 7
        assert [m["days"] for m in streak["milestones"]] == [7, 30, 100]
        # Then a second claim the same day is refused and changes nothing at all
        before = await snapshot(db)
        again = await gql(CLAIM_BARE, token=alice.token)
        assert again["data"]["dailyClaim"]["claim"] is None
        assert [(e["code"], e["field"]) for e in again["data"]["dailyClaim"]["errors"]] == [
            ("ALREADY_CLAIMED", None)
        ]
        assert changed(before, await snapshot(db)) == {}
        # (without an input too)
        bare = await gql("mutation { dailyClaim { errors { code } } }", token=alice.token)
        assert [e["code"] for e in bare["data"]["dailyClaim"]["errors"]] == ["ALREADY_CLAIMED"]
        # And the supply view accounts for the faucet
        supply = {s["asset"]: s for s in (await gql(SUPPLY, token=boss.token))["data"]["adminEconomySupply"]}
        assert supply["COIN"]["balanced"] is True and supply["COIN"]["held"] == 10
        assert await daily_transfers(db) == 1


async def test_a_repeated_key_returns_the_first_claim(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        first = await gql(CLAIM, {"key": "daily-1"}, token=alice.token)
        before = await snapshot(db)
        again = await gql(CLAIM, {"key": "daily-1"}, token=alice.token)
        assert again["data"]["dailyClaim"] == first["data"]["dailyClaim"]
        assert changed(before, await snapshot(db)) == {}
        other = await gql(CLAIM, {"key": "daily-2"}, token=alice.token)
        assert [e["code"] for e in other["data"]["dailyClaim"]["errors"]] == ["ALREADY_CLAIMED"]
        assert changed(before, await snapshot(db)) == {}
        assert await factories.balance(db, alice) == 10


async def test_concurrent_claims_pay_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        outcomes = await asyncio.gather(*(gql(CLAIM_BARE, token=alice.token) for _ in range(6)))
        codes = sorted(tuple(e["code"] for e in o["data"]["dailyClaim"]["errors"]) for o in outcomes)
        assert codes == [()] + [("ALREADY_CLAIMED",)] * 5
        assert await factories.balance(db, alice) == 10
        assert await daily_transfers(db) == 1


async def test_the_streak_grows_over_days_forgives_one_missed_day_a_month_and_resets(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice")
        boss = await factories.admin(db, "boss", secret=settings.secret_key)

        async def claim_after(days: int) -> dict[str, Any]:
            if days:
                moved = await gql(ADVANCE, {"s": days * DAY}, token=token_for(app, settings, boss))
                assert moved["data"]["adminClockAdvance"]["errors"] == []
            body = await gql(CLAIM, token=token_for(app, settings, alice))
            assert body["data"]["dailyClaim"]["errors"] == []
            return dict(body["data"]["dailyClaim"]["claim"])

        # Day 1 and day 2: the streak grows and so does the bonus
        assert (await claim_after(0))["streak"] == 1
        second = await claim_after(1)
        assert (second["streak"], second["amount"], second["graced"]) == (2, 15, False)
        # One missed day: the month's grace day keeps the streak
        missed = date.fromisoformat(second["day"]) + timedelta(days=1)
        graced = await claim_after(2)
        assert (graced["streak"], graced["graced"], graced["amount"]) == (3, True, 20)
        # Another missed day: kept only if it falls in another calendar month
        again_missed = date.fromisoformat(graced["day"]) + timedelta(days=1)
        after = await claim_after(2)
        other_month = (again_missed.year, again_missed.month) != (missed.year, missed.month)
        assert after["streak"] == (4 if other_month else 1)
        # Three days away: the daily reset job breaks the streak, whatever the month
        await gql(ADVANCE, {"s": 3 * DAY}, token=token_for(app, settings, boss))
        run = await gql(JOB_RUN, {"n": "daily_reset"}, token=token_for(app, settings, boss))
        assert run["data"]["adminJobRun"] == {"report": {"streaks_reset": 1}, "errors": []}
        streak = (await gql(STREAK, token=token_for(app, settings, alice)))["data"]["myStreak"]
        assert (streak["current"], streak["best"], streak["claimedToday"]) == (
            0,
            max(3, after["streak"]),
            False,
        )
        rerun = await gql(JOB_RUN, {"n": "daily_reset"}, token=token_for(app, settings, boss))
        assert rerun["data"]["adminJobRun"]["report"] == {"streaks_reset": 0}
        assert (await claim_after(0))["streak"] == 1


async def test_milestones_pay_a_bonus_and_notify(database_url: str) -> None:
    db = Database(database_url)
    try:
        clock = ManualClock(datetime(2026, 3, 1, 12, tzinfo=UTC))
        alice = await factories.player(db, "alice", clock=clock)
        paid = []
        for _ in range(7):
            async with db.transaction() as session:
                made = await daily.claim(session, actor_id=alice.id, idempotency_key=None, clock=clock)
            paid.append((made.claim.streak, made.claim.amount, made.claim.milestone))
            clock.advance(days=1)
        assert paid == [(1, 10, 0), (2, 15, 0), (3, 20, 0), (4, 25, 0), (5, 30, 0), (6, 35, 0), (7, 140, 100)]
        assert await factories.balance(db, alice) == sum(p[1] for p in paid)
        async with db.reader() as session:
            kinds = (await session.execute(select(col(Notification.kind)))).scalars().all()
            assert list(kinds) == ["daily.milestone"]
            assert all(v == 0 for v in (await ledger.conservation(session)).values())
    finally:
        await db.dispose()


async def test_the_loyalty_tier_adds_to_the_daily_bonus_and_to_the_gift_limit(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=50, secret=settings.secret_key)
        bob = await factories.player(db, "bob")
        # Given payments worth enough XP for silver (an admin's rule), counted by the consumer
        async with db.transaction() as session:
            session.add(
                ConfigValue(key=progression.RULE_PREFIX + "wallet.transfer", value={"xp": 2000, "cap": 2000})
            )
        pay = "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1}) { errors { code } } }"
        assert (await gql(pay, {"u": str(bob.id)}, token=alice.token))["data"]["walletTransfer"][
            "errors"
        ] == []
        assert progression_jobs.award_xp is outbox.CONSUMERS[progression.CONSUMER]
        await outbox.relay(db, progression.CONSUMER, clock=factories.CLOCK)
        me = (await gql("{ me { level xp } myProgress { tier { name extraGifts } } }", token=alice.token))[
            "data"
        ]
        assert me["me"] == {"level": progression.level_for(2000), "xp": 2000}
        assert me["myProgress"]["tier"] == {"name": "silver", "extraGifts": 2}
        # Then her gift limit is two higher and her daily bonus 10% larger
        assert (await gql("{ giftsLeftToday }", token=alice.token))["data"]["giftsLeftToday"] == 12
        body = await gql(CLAIM, token=alice.token)
        assert body["data"]["dailyClaim"]["claim"]["amount"] == 11
        assert body["data"]["dailyClaim"]["claim"]["tierBonus"] == 1


def model_streaks(days: list[date]) -> list[int | None]:
    """The rules, stated simply: None for a refused second claim of a day."""
    out: list[int | None] = []
    streak, last, graces = 0, None, set()
    for day in days:
        if last == day:
            out.append(None)
            continue
        if last is not None and (day - last).days == 1:
            streak += 1
        elif (
            last is not None
            and (day - last).days == 2
            and (last + timedelta(days=1)).strftime("%Y-%m") not in graces
        ):
            graces.add((last + timedelta(days=1)).strftime("%Y-%m"))
            streak += 1
        else:
            streak = 1
        last = day
        out.append(streak)
    return out


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gaps=st.lists(st.sampled_from([0, 1, 1, 1, 2, 2, 3, 5, 30]), min_size=1, max_size=25))
def test_any_claim_pattern_gives_the_streak_the_rules_say(database_url: str, gaps: list[int]) -> None:
    """Property (the plan's "login streak behaviour"): over any pattern of claims (gaps in days,
    0 = again the same day), each claim's streak, amount and best equal a simple model's, a repeated
    day is ALREADY_CLAIMED and pays nothing, and the faucet paid exactly what the players hold."""

    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            clock = ManualClock(datetime(2026, 1, 27, 10, tzinfo=UTC))
            who = await factories.player(db, f"streak{n}", clock=clock)
            days: list[date] = []
            got: list[int | None] = []
            for gap in gaps:
                clock.advance(days=gap)
                days.append(clock.now().date())
                try:
                    async with db.transaction() as session:
                        made = await daily.claim(session, actor_id=who.id, idempotency_key=None, clock=clock)
                    got.append(made.claim.streak)
                except DomainError as exc:
                    assert exc.code == "ALREADY_CLAIMED"
                    got.append(None)
            expected = model_streaks(days)
            assert got == expected
            paid = [
                min(10 + 5 * (s - 1), 100) + daily.MILESTONES.get(s, 0) for s in expected if s is not None
            ]
            assert await factories.balance(db, who) == sum(paid)
            async with db.reader() as session:
                found = await daily.streak(session, user_id=who.id, clock=clock)
            assert found.best == max(s for s in expected if s is not None)
        finally:
            await db.dispose()

    asyncio.run(body())


def test_the_pure_rules_match_the_model_on_random_calendars() -> None:
    start = date(2026, 1, 1)
    for gaps in ([1] * 40, [2, 2, 2, 2], [1, 2, 1, 2, 30, 2], [0, 0, 1, 2, 2, 3]):
        days, state, got = [], daily.StreakState(), []
        day = start
        for gap in gaps:
            day += timedelta(days=gap)
            days.append(day)
            step = daily.advance(state, day)
            got.append(step.state.current if step is not None else None)
            state = step.state if step is not None else state
        assert got == model_streaks(days)
