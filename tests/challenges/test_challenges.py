"""Challenges: 3 daily, 5 weekly and 3 monthly per player, chosen from what they do, counted from
events by the durable consumer, paid once through the ledger, expired by the reset job."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConfigValue, ConsumerOffset, Event, Notification, Transfer
from db.models.challenges import Challenge
from resolvers import challenges, events, outbox, progression
from resolvers.accounts import tokens
from resolvers.challenges import catalog, progress
from resolvers.clock import Clock, ManualClock
from server.settings import Settings
from tests import factories
from tests.server.support import count_statements, running
from tests.snapshot import changed, snapshot
from workers import challenges as challenge_jobs
from workers import progression as progression_jobs

CHALLENGES = """{ challenges { id period kind title goal progress completed status reward xpReward
  startsOn expiresAt } }"""
CONTRACT = "{ challenges { id period goal progress expiresAt } }"
STREAK = """query($p: ChallengePeriod!) { challengeStreak(period: $p) { period current best nextMilestone
  nextBonus milestones { periods bonus reached } } }"""
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code } } }"
PAY = "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1}) { errors { code } } }"
CLAIM = "mutation { dailyClaim(input: {}) { errors { code } } }"


async def relay(db: Database, clock: Clock = factories.CLOCK) -> int:
    assert outbox.CONSUMERS[challenges.CONSUMER] is challenge_jobs.count_progress
    return await outbox.relay(db, challenges.CONSUMER, clock=clock)


async def history(db: Database, user_id: int, kinds: dict[str, int], *, before: datetime) -> None:
    """Events of the player's past (``count`` of each kind, spread over the 30 days before ``before``)."""
    async with db.transaction() as session:
        for kind, count in kinds.items():
            for n in range(count):
                at = ManualClock(before - timedelta(days=1 + n % 28, minutes=n))
                await events.append(session, kind=kind, clock=at, actor_id=user_id, audience=[user_id])


async def act(db: Database, user_id: int, kind: str, times: int, clock: Clock) -> None:
    async with db.transaction() as session:
        await events.append_many(
            session,
            [events.Spec(kind=kind, actor_id=user_id, audience=[user_id]) for _ in range(times)],
            clock=clock,
        )


async def rows_of(db: Database, user_id: int) -> list[Challenge]:
    async with db.reader() as session:
        query = select(Challenge).where(col(Challenge.user_id) == user_id).order_by(col(Challenge.id))
        return list((await session.execute(query)).scalars().all())


def next_start(period: str, now: datetime) -> datetime:
    return catalog.midnight(catalog.period_end(period, catalog.period_start(period, now.date())))


async def test_a_newcomer_gets_three_daily_five_weekly_three_monthly_the_same_on_every_read(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        # When a newcomer first reads her challenges, they are assigned: the default mix
        body = await gql(CHALLENGES, token=alice.token)
        found = body["data"]["challenges"]
        now = app.state.services.clock.now()
        by_period = {p: [c for c in found if c["period"] == p] for p in ("DAILY", "WEEKLY", "MONTHLY")}
        assert {p: len(cs) for p, cs in by_period.items()} == {"DAILY": 3, "WEEKLY": 5, "MONTHLY": 3}
        for period, items in by_period.items():
            assert len({c["kind"] for c in items}) == len(items)
            for c in items:
                assert (c["progress"], c["completed"], c["status"]) == (0, False, "ACTIVE")
                low, _ = catalog.BY_KIND[c["kind"]].goals[period]
                assert c["goal"] == low and c["reward"] > 0 and c["xpReward"] > 0
                assert datetime.fromisoformat(c["expiresAt"]) == next_start(period, now)
        assert date.fromisoformat(by_period["WEEKLY"][0]["startsOn"]).weekday() == 0
        assert date.fromisoformat(by_period["MONTHLY"][0]["startsOn"]).day == 1
        # Then reading again gives the same set and writes nothing
        before = await snapshot(db)
        again = await gql(CONTRACT, token=alice.token)
        assert again["data"]["challenges"] == [
            {k: c[k] for k in ("id", "period", "goal", "progress", "expiresAt")} for c in found
        ]
        assert changed(before, await snapshot(db)) == {}
        weekly = await gql("{ challenges(period: WEEKLY) { id } }", token=alice.token)
        assert [c["id"] for c in weekly["data"]["challenges"]] == [c["id"] for c in by_period["WEEKLY"]]
        streak = (await gql(STREAK, {"p": "DAILY"}, token=alice.token))["data"]["challengeStreak"]
        assert (streak["current"], streak["best"], streak["nextMilestone"]) == (0, 0, 7)
        assert [m["periods"] for m in streak["milestones"]] == [7, 30, 100]
        # And signing out, nobody reads them
        anonymous = await gql(CONTRACT, expect_errors=True)
        assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_the_choice_is_deterministic_and_follows_what_the_player_does() -> None:
    start = date(2026, 12, 7)
    payer = {"payments": 90}
    # The same (player, period, start, activity) always gives the same set
    assert catalog.choose(7, catalog.WEEKLY, start, payer) == catalog.choose(7, catalog.WEEKLY, start, payer)
    # A player who pays 3 times a day gets payments in every period, at a goal a bit above that pace
    for period, goal in ((catalog.DAILY, 4), (catalog.WEEKLY, 26), (catalog.MONTHLY, 112)):
        for user_id in range(1, 30):
            begins = catalog.period_start(period, start)
            picks = {p.template.kind: p.goal for p in catalog.choose(user_id, period, begins, payer)}
            assert picks["payments"] == goal, (period, user_id)
    # Goals stay within each template's bounds, whatever the activity
    heavy = {t.kind: 10_000 for t in catalog.TEMPLATES}
    for period in catalog.PERIODS:
        chosen = catalog.choose(3, period, start, heavy)
        assert len(chosen) == catalog.COUNTS[period] == len({c.template.kind for c in chosen})
        assert all(c.goal == c.template.goals[period][1] for c in chosen)
    # Newcomers get varied default mixes
    kinds = {p.template.kind for u in range(1, 40) for p in catalog.choose(u, catalog.DAILY, start, {})}
    assert len(kinds) >= 6


async def test_progress_comes_from_events_and_completion_pays_once_through_the_ledger(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=50, secret=settings.secret_key)
        bob = await factories.player(db, "bob")
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        now = app.state.services.clock.now()
        today = catalog.midnight(now.date())
        # Given a player who claimed her daily bonus and paid now and then over the last month
        await history(db, alice.id, {"daily.claimed": 20, "wallet.transfer": 10}, before=today)
        found = (await gql(CHALLENGES, token=alice.token))["data"]["challenges"]
        daily = {c["kind"]: c for c in found if c["period"] == "DAILY"}
        assert {"daily", "payments"} <= set(daily)
        assert (daily["daily"]["goal"], daily["payments"]["goal"]) == (1, 2)
        # When she claims today's bonus and pays bob twice (through GraphQL), and the consumer reads it
        assert (await gql(CLAIM, token=alice.token))["data"]["dailyClaim"]["errors"] == []
        for _ in range(2):
            assert (await gql(PAY, {"u": str(bob.id)}, token=alice.token))["data"]["walletTransfer"][
                "errors"
            ] == []
        balance = await factories.balance(db, alice)
        await relay(db)
        # Then both daily challenges are complete and paid from the challenges faucet
        now_shown = {c["id"]: c for c in (await gql(CHALLENGES, token=alice.token))["data"]["challenges"]}
        for kind in ("daily", "payments"):
            shown = now_shown[daily[kind]["id"]]
            assert (shown["progress"], shown["completed"], shown["status"]) == (
                shown["goal"],
                True,
                "COMPLETED",
            )
        # (the weekly and monthly ones of the same kinds moved too; the others did not)
        for c in now_shown.values():
            if c["period"] != "DAILY" and c["kind"] not in ("daily", "payments"):
                assert c["progress"] == 0, c
            elif c["period"] != "DAILY":
                assert c["progress"] >= min({"daily": 1, "payments": 2}[c["kind"]], c["goal"]), c
        completed = [c for c in now_shown.values() if c["completed"]]
        assert await factories.balance(db, alice) == balance + sum(c["reward"] for c in completed)
        async with db.reader() as session:
            notes = (
                (await session.execute(select(Notification).where(col(Notification.user_id) == alice.id)))
                .scalars()
                .all()
            )
            assert sorted(n.data["challenge_id"] for n in notes if n.kind == "challenge.completed") == sorted(
                int(c["id"]) for c in completed
            )
            done = (
                (await session.execute(select(Event).where(col(Event.kind) == "challenge.completed")))
                .scalars()
                .all()
            )
            xp = sum(e.payload["xp_reward"] for e in done)
            assert xp == sum(c["xpReward"] for c in completed)
        # And the XP reaches her level through the progression consumer, uncapped
        before_xp = (await gql("{ me { xp } }", token=alice.token))["data"]["me"]["xp"]
        await outbox.relay(db, progression.CONSUMER, clock=factories.CLOCK)
        assert progression_jobs.award_xp is outbox.CONSUMERS[progression.CONSUMER]
        after_xp = (await gql("{ me { xp } }", token=alice.token))["data"]["me"]["xp"]
        assert after_xp - before_xp >= xp
        # And the supply view counts the faucet as minted
        supply = await gql("{ adminEconomySupply { asset balanced } }", token=boss.token)
        assert all(s["balanced"] for s in supply["data"]["adminEconomySupply"])
        # And reading every event again (a lost offset) changes nothing but the offset
        before = await snapshot(db)
        async with db.transaction() as session:
            await session.execute(update(ConsumerOffset).values(last_event_id=0, last_tx=0))
        await relay(db)
        assert set(changed(before, await snapshot(db))) <= {"consumer_offsets"}


async def test_the_reset_job_expires_the_day_at_midnight_then_the_week_and_the_month(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        alice = await factories.player(db, "alice", clock=clock)
        boss = await factories.admin(db, "boss", clock=clock)

        def token(who: factories.Player) -> str:
            now = clock.now()
            return tokens.issue_access_token(secret=settings.secret_key, user_id=who.id, now=now, minutes=15)

        async def move_to(moment: datetime) -> None:
            seconds = int((moment - clock.now()).total_seconds()) + 60
            moved = await gql(ADVANCE, {"s": seconds}, token=token(boss))
            assert moved["data"]["adminClockAdvance"]["errors"] == []

        async def run_job() -> dict[str, Any]:
            body = await gql(JOB_RUN, {"n": "challenge_reset"}, token=token(boss))
            assert body["data"]["adminJobRun"]["errors"] == []
            return dict(body["data"]["adminJobRun"]["report"])

        first = (await gql(CHALLENGES, token=token(alice)))["data"]["challenges"]
        one = next(c for c in first if c["period"] == "DAILY")
        # Given one daily challenge done today
        await act(db, alice.id, next(iter(catalog.BY_KIND[one["kind"]].events)), one["goal"], clock)
        await relay(db, clock)
        # When the clock passes midnight UTC and the reset job runs
        crossing = clock.now()
        await move_to(next_start(catalog.DAILY, crossing))
        periods = [p for p in catalog.PERIODS if next_start(p, crossing) <= clock.now()]
        report = await run_job()
        unfinished = sum(1 for c in first if c["period"] in periods) - 1
        assigned = sum(catalog.COUNTS[p] for p in periods)
        assert (report["expired"], report["assigned"], report["streaks_reset"]) == (unfinished, assigned, 0)
        # Then yesterday's unfinished challenges are EXPIRED, the done one stays COMPLETED
        rows = {r.id: r for r in await rows_of(db, alice.id)}
        for c in first:
            status = rows[int(c["id"])].status
            if c["id"] == one["id"]:
                assert status == "COMPLETED"
            else:
                assert status == ("EXPIRED" if c["period"] in periods else "ACTIVE")
        # And today's set is new, expiring at the next midnight
        today = (await gql(CHALLENGES, token=token(alice)))["data"]["challenges"]
        new_daily = [c for c in today if c["period"] == "DAILY"]
        assert len(new_daily) == 3 and not {c["id"] for c in new_daily} & {c["id"] for c in first}
        assert all(
            datetime.fromisoformat(c["expiresAt"]) == next_start("DAILY", clock.now()) for c in new_daily
        )
        # And a repeated run changes nothing
        before = await snapshot(db)
        again = await run_job()
        assert (again["expired"], again["assigned"]) == (0, 0)
        ours = {
            "challenges",
            "challenge_streaks",
            "challenge_events",
            "transfers",
            "accounts",
            "notifications",
        }
        assert not ours & set(changed(before, await snapshot(db)))
        # When the week ends (Monday 00:00 UTC), the weekly ones expire too
        week_of = clock.now()
        await move_to(next_start(catalog.WEEKLY, week_of))
        report = await run_job()
        weekly_left = [
            r for r in await rows_of(db, alice.id) if r.period == "WEEKLY" and r.status == "ACTIVE"
        ]
        assert weekly_left and all(r.period_start == clock.now().date() for r in weekly_left)
        assert clock.now().weekday() == 0 and report["expired"] >= 3
        # And when the month ends (the 1st), the monthly ones
        await move_to(next_start(catalog.MONTHLY, clock.now()))
        report = await run_job()
        monthly = [r for r in await rows_of(db, alice.id) if r.period == "MONTHLY"]
        assert clock.now().day == 1 and report["expired"] >= 3
        assert {r.status for r in monthly if r.period_start < clock.now().date()} <= {"EXPIRED", "COMPLETED"}
        assert [r.period_start for r in monthly if r.status == "ACTIVE"] == [clock.now().date()] * 3
        jobs = await gql("{ adminJobs { name } }", token=token(boss))
        assert "challenge_reset" in [j["name"] for j in jobs["data"]["adminJobs"]]


async def test_an_event_after_expiry_moves_nothing_and_pays_nothing(database_url: str) -> None:
    db = Database(database_url)
    try:
        clock = ManualClock(datetime(2026, 3, 4, 23, 0, tzinfo=UTC))
        alice = await factories.player(db, "alice", clock=clock)
        async with db.transaction() as session:
            rows = await challenges.current(session, user_id=alice.id, clock=clock, period="DAILY")
        target = rows[0]
        kind = next(iter(catalog.BY_KIND[target.kind].events))
        # Given all but one step done before midnight
        await act(db, alice.id, kind, target.goal - 1, clock)
        await relay(db, clock)
        # When the last step happens after midnight (the job has not run yet)
        clock.advance(hours=2)
        await act(db, alice.id, kind, 1, clock)
        await relay(db, clock)
        async with db.transaction() as session:
            report = await challenges.reset(session, clock=clock)
        # Then yesterday's challenge expired unpaid; the step counted for today's set instead
        assert report["expired"] == 3
        async with db.reader() as session:
            old = await session.get(Challenge, target.id)
            assert old is not None and (old.status, old.progress) == ("EXPIRED", target.goal - 1)
            paid = (
                await session.execute(
                    select(func.count()).select_from(Transfer).where(col(Transfer.kind) == "challenge")
                )
            ).scalar_one()
        today = [r for r in await rows_of(db, alice.id) if r.period_start == clock.now().date()]
        moved = [r for r in today if r.kind == target.kind]
        assert all(r.progress == 1 for r in moved)
        assert paid == sum(1 for r in await rows_of(db, alice.id) if r.status == "COMPLETED")
        # And completing an expired challenge by hand is refused
        async with db.transaction() as session:
            assert (
                await progress.complete(session, int(target.id or 0), clock=progress.At(clock.now())) is False
            )
    finally:
        await db.dispose()


async def test_all_dailies_done_days_in_a_row_grow_the_streak_and_pay_the_milestone(
    database_url: str,
) -> None:
    db = Database(database_url)
    try:
        clock = ManualClock(datetime(2026, 5, 1, 9, tzinfo=UTC))
        alice = await factories.player(db, "alice", clock=clock)
        for day in range(7):
            async with db.transaction() as session:
                rows = await challenges.current(session, user_id=alice.id, clock=clock, period="DAILY")
            for row in rows:
                await act(db, alice.id, next(iter(catalog.BY_KIND[row.kind].events)), row.goal, clock)
            await relay(db, clock)
            async with db.reader() as session:
                shown = await challenges.streak(session, user_id=alice.id, period="DAILY", clock=clock)
            assert (shown.current, shown.best) == (day + 1, day + 1)
            clock.advance(days=1)
        async with db.reader() as session:
            notes = (
                (
                    await session.execute(
                        select(Notification).where(col(Notification.kind) == "challenge.milestone")
                    )
                )
                .scalars()
                .all()
            )
            assert [(n.data["streak"], n.data["bonus"]) for n in notes] == [(7, 200)]
            total = (
                await session.execute(
                    select(func.sum(Challenge.reward)).where(
                        col(Challenge.user_id) == alice.id, col(Challenge.status) == "COMPLETED"
                    )
                )
            ).scalar_one()
        assert await factories.balance(db, alice) == total + 200
        # A day with one left undone breaks it (shown at once; the job stores it)
        clock.advance(days=1)
        async with db.reader() as session:
            shown = await challenges.streak(session, user_id=alice.id, period="DAILY", clock=clock)
        assert (shown.current, shown.best, shown.next_milestone) == (0, 7, 7)
        async with db.transaction() as session:
            assert (await challenges.reset(session, clock=clock))["streaks_reset"] == 1
    finally:
        await db.dispose()


async def test_reading_the_challenges_costs_one_statement_per_period(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        await gql(CONTRACT, token=alice.token)
        with count_statements(db) as seen:
            body = await gql(CHALLENGES, token=alice.token)
        assert len(body["data"]["challenges"]) == 11
        selects = [s for s in seen if s.lstrip().upper().startswith("SELECT") and "challenges" in s]
        assert len(selects) == 3, selects


async def test_an_admins_reward_setting_applies_to_the_next_assignments(database_url: str) -> None:
    db = Database(database_url)
    try:
        clock = ManualClock(datetime(2026, 7, 15, 8, tzinfo=UTC))
        alice = await factories.player(db, "alice", clock=clock)
        async with db.transaction() as session:
            session.add(ConfigValue(key="challenges.reward.daily", value={"coin": 50, "xp": 60}))
            session.add(ConfigValue(key="challenges.reward.weekly", value={"coin": -1, "xp": 5}))
        async with db.transaction() as session:
            rows = await challenges.current(session, user_id=alice.id, clock=clock)
        lowest = [r for r in rows if r.goal == catalog.BY_KIND[r.kind].goals[r.period][0]]
        assert {(r.period, r.reward, r.xp_reward) for r in lowest} == {
            ("DAILY", 50, 60),
            ("WEEKLY", *catalog.REWARDS["WEEKLY"]),
            ("MONTHLY", *catalog.REWARDS["MONTHLY"]),
        }
    finally:
        await db.dispose()
