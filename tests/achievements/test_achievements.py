"""Achievements: progress from events through the consumer, tiers and preconditions, hidden ones,
rewards through the ledger and XP, featured achievements, and replays that change nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConsumerOffset, Event, Notification, Transfer
from db.models.achievements import AchievementUnlock
from resolvers import events, outbox, progression
from resolvers.achievements import catalog, counting
from resolvers.clock import ManualClock
from server.settings import Settings
from tests import factories
from tests.server.support import count_statements, running, set_role
from tests.snapshot import changed, snapshot
from workers import achievements as achievement_jobs
from workers import progression as progression_jobs

LIST = "{ achievements { key title unlocked progress goal tier hidden tiersUnlocked requires { key met } } }"
LIST_IN = "query($l: String) { achievements(language: $l) { key title description } }"
PAY = (
    "mutation($u: ID!, $a: Amount!) { walletTransfer(input: {toUserId: $u, amount: $a}) { errors { code } } }"
)
FEATURE = """mutation($k: [String!]!) { achievementsFeature(input: {keys: $k}) {
  featured { key title tier } errors { code field message } } }"""
FEATURED = "query($u: String!) { featuredAchievements(username: $u) { key title unlocked } }"
REWARD_SET = """mutation($k: String!, $s: Int!, $c: Int!, $x: Int!) {
  achievementsRewardSet(input: {key: $k, step: $s, coin: $c, xp: $x}) {
    tier { step name goal coin xp } errors { code field message } } }"""
ME = "{ me { level xp } }"


async def relay(db: Database) -> int:
    assert outbox.CONSUMERS[counting.CONSUMER] is achievement_jobs.count_progress
    return await outbox.relay(db, counting.CONSUMER, clock=factories.CLOCK)


async def relay_xp(db: Database) -> int:
    assert outbox.CONSUMERS[progression.CONSUMER] is progression_jobs.award_xp
    return await outbox.relay(db, progression.CONSUMER, clock=factories.CLOCK)


async def happen(db: Database, kind: str, actor: int, n: int = 1, **payload: Any) -> None:
    async with db.transaction() as session:
        await events.append_many(
            session,
            [events.Spec(kind=kind, actor_id=actor, audience=[actor], payload=payload) for _ in range(n)],
            clock=factories.CLOCK,
        )


async def rewards_paid(db: Database, user_id: int | None = None) -> int:
    query = select(func.coalesce(func.sum(col(Transfer.amount)), 0)).where(
        col(Transfer.kind) == "achievement"
    )
    async with db.reader() as session:
        return int((await session.execute(query)).scalar_one())


def by_key(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["key"]: r for r in rows}


async def test_a_first_transfer_unlocks_pays_notifies_gives_xp_and_can_be_featured(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=100, secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        # A newcomer sees every achievement locked at 0; hidden ones show no title or goal
        shown = by_key((await gql(LIST, token=alice.token))["data"]["achievements"])
        assert len(shown) == len(catalog.CATALOG)
        assert shown["first_transfer"] == {
            "key": "first_transfer",
            "title": "First transfer",
            "unlocked": False,
            "progress": 0,
            "goal": 1,
            "tier": None,
            "hidden": False,
            "tiersUnlocked": 0,
            "requires": None,
        }
        assert (shown["whale"]["title"], shown["whale"]["goal"], shown["whale"]["hidden"]) == (
            "Hidden achievement",
            None,
            True,
        )
        # When alice pays bob 5 COIN and the consumer reads the events
        body = await gql(PAY, {"u": str(bob.id), "a": "5"}, token=alice.token)
        assert body["data"]["walletTransfer"]["errors"] == []
        await relay(db)
        # Then her first transfer is unlocked and paid from the achievements faucet
        shown = by_key((await gql(LIST, token=alice.token))["data"]["achievements"])
        assert (shown["first_transfer"]["unlocked"], shown["first_transfer"]["progress"]) == (True, 1)
        assert shown["payer"]["progress"] == 1 and shown["payer"]["requires"] == {
            "key": "first_transfer",
            "met": True,
        }
        assert await factories.balance(db, alice) == 95 + 10
        assert await factories.balance(db, bob) == 5
        async with db.reader() as session:
            note = (
                await session.execute(
                    select(Notification).where(col(Notification.kind) == "achievement.unlocked")
                )
            ).scalar_one()
            unlocked = (
                await session.execute(select(Event).where(col(Event.kind) == "achievement.unlocked"))
            ).scalar_one()
        assert (note.user_id, note.data["key"], note.data["coin"]) == (alice.id, "first_transfer", 10)
        assert (unlocked.actor_id, unlocked.payload) == (
            alice.id,
            {"key": "first_transfer", "tier": None, "coin": 10, "xp_reward": 10},
        )
        # And the progression consumer gives its XP (5 for the payment, 10 for the achievement)
        await relay_xp(db)
        assert (await gql(ME, token=alice.token))["data"]["me"]["xp"] == 5 + 10
        # She features it; anyone sees it on her profile
        done = (await gql(FEATURE, {"k": ["first_transfer"]}, token=alice.token))["data"][
            "achievementsFeature"
        ]
        assert done == {
            "featured": [{"key": "first_transfer", "title": "First transfer", "tier": None}],
            "errors": [],
        }
        assert (await gql(FEATURED, {"u": "ALICE"}))["data"]["featuredAchievements"] == [
            {"key": "first_transfer", "title": "First transfer", "unlocked": True}
        ]
        assert (await gql(FEATURED, {"u": "nobody"}))["data"]["featuredAchievements"] == []
        # An empty list clears them
        done = (await gql(FEATURE, {"k": []}, token=alice.token))["data"]["achievementsFeature"]
        assert done == {"featured": [], "errors": []}
        assert (await gql(FEATURED, {"u": "alice"}))["data"]["featuredAchievements"] == []


async def test_tiers_unlock_in_order_and_a_precondition_holds_back_what_it_guards(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        # Given 1000 COIN given away in one gift: philanthropist's goal, but generous is only bronze
        await happen(db, "gift.sent", alice.id, asset="COIN", amount=1000)
        await relay(db)
        shown = by_key((await gql(LIST, token=alice.token))["data"]["achievements"])
        assert (shown["generous"]["tier"], shown["generous"]["goal"], shown["generous"]["progress"]) == (
            "bronze",
            10,
            1,
        )
        assert shown["philanthropist"]["progress"] == 1000
        assert shown["philanthropist"]["unlocked"] is False
        assert shown["philanthropist"]["requires"] == {"key": "generous", "met": False}
        # When nine more item gifts reach generous silver, philanthropist unlocks with it
        await happen(db, "gift.sent", alice.id, n=9, asset="item:1", amount=3)
        await relay(db)
        shown = by_key((await gql(LIST, token=alice.token))["data"]["achievements"])
        assert (shown["generous"]["tier"], shown["generous"]["tiersUnlocked"], shown["generous"]["goal"]) == (
            "silver",
            2,
            50,
        )
        assert (shown["philanthropist"]["unlocked"], shown["philanthropist"]["progress"]) == (True, 1000)
        assert await factories.balance(db, alice) == 10 + 50 + 300
        # Best-value achievements keep the best: a shorter streak after a long one changes nothing
        await happen(db, "daily.claimed", alice.id, streak=8)
        await happen(db, "daily.claimed", alice.id, streak=1)
        await relay(db)
        regular = by_key((await gql(LIST, token=alice.token))["data"]["achievements"])["regular"]
        assert (regular["progress"], regular["tier"], regular["goal"]) == (8, "bronze", 30)


async def test_a_hidden_achievement_shows_its_title_once_unlocked_in_the_readers_language(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=2000, secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        assert (await gql(PAY, {"u": str(bob.id), "a": "1500"}, token=alice.token))["data"]["walletTransfer"][
            "errors"
        ] == []
        await relay(db)
        shown = by_key((await gql(LIST, token=alice.token))["data"]["achievements"])
        assert (shown["whale"]["title"], shown["whale"]["goal"], shown["whale"]["hidden"]) == (
            "Whale",
            1000,
            False,
        )
        russian = by_key((await gql(LIST_IN, {"l": "ru"}, token=alice.token))["data"]["achievements"])
        assert russian["whale"]["title"] == "Кит"
        assert russian["first_transfer"]["description"] == "Отправьте монеты другому игроку."
        assert russian["night_owl"]["title"] == "Скрытое достижение"
        # An account that keeps Russian reads Russian without asking
        from db.models import User

        async with db.transaction() as session:
            await session.execute(update(User).where(col(User.id) == bob.id).values(language="ru"))
        assert (
            by_key((await gql(LIST, token=bob.token))["data"]["achievements"])["shopper"]["title"]
            == "Покупатель"
        )


async def test_featuring_refusals_name_their_code_and_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        await happen(db, "shop.purchase", alice.id)
        await happen(db, "gift.sent", alice.id, asset="COIN", amount=1)
        await relay(db)
        assert (await gql(FEATURE, {"k": ["generous"]}, token=alice.token))["data"]["achievementsFeature"][
            "errors"
        ] == []
        cases = [
            (["shopper", "generous", "payer", "trader", "bidder", "saver"], "TOO_MANY_FEATURED"),
            (["shopper", "shopper"], "DUPLICATE_ACHIEVEMENT"),
            (["shopper", "no_such_thing"], "UNKNOWN_ACHIEVEMENT"),
            (["shopper", "trader"], "NOT_UNLOCKED"),
            (["whale"], "NOT_UNLOCKED"),
        ]
        for keys, code in cases:
            before = await snapshot(db)
            done = (await gql(FEATURE, {"k": keys}, token=alice.token))["data"]["achievementsFeature"]
            assert done["featured"] == []
            assert [(e["code"], e["field"]) for e in done["errors"]] == [(code, "keys")], keys
            assert changed(before, await snapshot(db)) == {}
        assert [a["key"] for a in (await gql(FEATURED, {"u": "alice"}))["data"]["featuredAchievements"]] == [
            "generous"
        ]


async def test_a_reread_event_counts_and_pays_nothing_twice(settings: Settings) -> None:
    async with running(settings) as (app, _gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        await happen(db, "shop.purchase", alice.id, n=10)
        await happen(db, "friend.added", alice.id)
        assert await relay(db) > 0
        assert await rewards_paid(db) == 10 + 50 + 10
        # Reading every event again (a lost offset) changes nothing but the offset
        before = await snapshot(db)
        async with db.transaction() as session:
            await session.execute(update(ConsumerOffset).values(last_event_id=0, last_tx=0))
        await relay(db)
        assert set(changed(before, await snapshot(db))) <= {"consumer_offsets"}
        # And counting an event directly a second time does nothing either
        async with db.transaction() as session:
            first = (await session.execute(select(Event).order_by(col(Event.id)))).scalars().first()
            assert first is not None
            await counting.count(session, first)
        assert set(changed(before, await snapshot(db))) <= {"consumer_offsets"}


async def test_admins_tune_rewards_and_bad_values_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        admin = await factories.player(db, "root", secret=settings.secret_key)
        await set_role(db, admin.id, "admin")
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        done = (await gql(REWARD_SET, {"k": "shopper", "s": 2, "c": 77, "x": 5}, token=admin.token))["data"][
            "achievementsRewardSet"
        ]
        assert done == {
            "tier": {"step": 2, "name": "silver", "goal": 10, "coin": 77, "xp": 5},
            "errors": [],
        }
        for variables, code, field in [
            ({"k": "nope", "s": 1, "c": 1, "x": 1}, "UNKNOWN_ACHIEVEMENT", "key"),
            ({"k": "shopper", "s": 4, "c": 1, "x": 1}, "INVALID_STEP", "step"),
            ({"k": "first_transfer", "s": 2, "c": 1, "x": 1}, "INVALID_STEP", "step"),
            ({"k": "shopper", "s": 1, "c": -1, "x": 1}, "INVALID_REWARD", "coin"),
            ({"k": "shopper", "s": 1, "c": 1, "x": 10**7}, "INVALID_REWARD", "xp"),
        ]:
            before = await snapshot(db)
            body = (await gql(REWARD_SET, variables, token=admin.token))["data"]["achievementsRewardSet"]
            assert (body["tier"], [(e["code"], e["field"]) for e in body["errors"]]) == (
                None,
                [(code, field)],
            )
            assert changed(before, await snapshot(db)) == {}
        await happen(db, "shop.purchase", alice.id, n=10)
        await relay(db)
        assert await factories.balance(db, alice) == 10 + 77
        async with db.reader() as session:
            rows = (
                await session.execute(select(AchievementUnlock).order_by(col(AchievementUnlock.step)))
            ).scalars()
            assert [(u.key, u.step, u.coin, u.xp) for u in rows] == [
                ("shopper", 1, 10, 10),
                ("shopper", 2, 77, 5),
            ]


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_unlocks_are_dated_when_the_event_happened(database_url: str) -> None:
    db = Database(database_url)
    try:
        moment = datetime(2026, 3, 4, 2, 30, tzinfo=UTC)
        clock = ManualClock(moment)
        (alice,) = await factories.players(db, "alice", clock=clock)
        async with db.transaction() as session:
            await events.append(
                session, kind="daily.claimed", clock=clock, actor_id=alice.id, payload={"streak": 1}
            )
        await relay(db)
        async with db.reader() as session:
            found = (await session.execute(select(AchievementUnlock))).scalar_one()
        assert (found.key, found.unlocked_at) == ("night_owl", moment)
    finally:
        await db.dispose()


async def test_the_list_and_the_featured_cost_the_same_statements_however_many_are_unlocked(
    settings: Settings,
) -> None:
    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")

    async def statements(query: str, variables: dict[str, Any] | None, token: str | None) -> int:
        with count_statements(app.state.services.db) as seen:
            body = await gql(query, variables, token=token)
        assert "errors" not in body, body
        return len([s for s in seen if not s.lstrip().upper().startswith(control)])

    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        before = await statements(LIST, None, alice.token)
        await happen(db, "shop.purchase", alice.id, n=10)
        await happen(db, "gift.sent", alice.id, n=10, asset="COIN", amount=200)
        await happen(db, "friend.added", alice.id)
        await relay(db)
        done = await gql(
            FEATURE, {"k": ["shopper", "generous", "philanthropist", "friendly"]}, token=alice.token
        )
        assert done["data"]["achievementsFeature"]["errors"] == []
        assert await statements(LIST, None, alice.token) == before
        featured = await statements(FEATURED, {"u": "alice"}, None)
        assert featured <= before + 1
