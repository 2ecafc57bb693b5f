"""Quests: objectives counted from events, rewards paid once, chains, branches, the daily reset."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConsumerOffset, Event, Notification, Transfer
from db.models.quests import Quest
from resolvers import outbox, progression
from resolvers.accounts import tokens
from resolvers.clock import Clock
from resolvers.quests import common
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot
from workers import progression as progression_jobs
from workers import quests as quest_jobs

LOG = """query($s: QuestStatus) { quests(status: $s) { id key title type status locked closed progress goal
  timesCompleted objectives { kind goal progress } reward { currency amount xp itemQuantity item { name } } } }"""
ACCEPT = """mutation($q: ID!) { questAccept(input: {questId: $q}) {
  quest { id key status progress goal } errors { code field message } } }"""
ABANDON = """mutation($q: ID!) { questAbandon(input: {questId: $q}) {
  quest { id status } errors { code field message } } }"""
PAY = "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1}) { errors { code } } }"
CLAIM = "mutation { dailyClaim(input: {}) { claim { amount } errors { code } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code } } }"
JOBS = "{ adminJobs { name } }"
ME = "{ me { level xp } }"
DAY = 86400


async def relay(db: Database, clock: Clock = factories.CLOCK) -> None:
    assert outbox.CONSUMERS[common.CONSUMER] is quest_jobs.count_progress
    assert outbox.CONSUMERS[progression.CONSUMER] is progression_jobs.award_xp
    await outbox.relay(db, common.CONSUMER, clock=clock)


async def ids(db: Database) -> dict[str, str]:
    async with db.reader() as session:
        return {q.key: str(q.id) for q in (await session.execute(select(Quest))).scalars()}


def keys(body: dict[str, Any]) -> set[str]:
    return {q["key"] for q in body["data"]["quests"]}


async def completed_events(db: Database, user_id: int) -> list[dict[str, Any]]:
    async with db.reader() as session:
        rows = await session.execute(
            select(Event).where(col(Event.kind) == common.COMPLETED_KIND, col(Event.actor_id) == user_id)
        )
        return [dict(e.payload) for e in rows.scalars()]


async def test_a_chain_is_accepted_progressed_by_events_paid_once_and_unlocks_the_next(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=50, secret=settings.secret_key)
        bob = await factories.player(db, "bob")
        quest = await ids(db)
        # Given the starter set: the chain's first quest and the daily one are available, the rest locked
        available = await gql(LOG, {"s": "AVAILABLE"}, token=alice.token)
        assert keys(available) == {"first-steps", "daily-routine"}
        everything = (await gql(LOG, token=alice.token))["data"]["quests"]
        locked = {q["key"] for q in everything if q["locked"]}
        assert locked == {"window-shopping", "generous-soul", "traders-path", "savers-path"}
        # When she accepts the first quest, it is active with no progress
        body = await gql(ACCEPT, {"q": quest["first-steps"]}, token=alice.token)
        assert body["data"]["questAccept"] == {
            "quest": {
                "id": quest["first-steps"],
                "key": "first-steps",
                "status": "ACTIVE",
                "progress": 0,
                "goal": 1,
            },
            "errors": [],
        }
        assert keys(await gql(LOG, {"s": "ACTIVE"}, token=alice.token)) == {"first-steps"}
        # And pays bob twice (the payment event is what the objective counts)
        for _ in range(2):
            paid = await gql(PAY, {"u": str(bob.id)}, token=alice.token)
            assert paid["data"]["walletTransfer"]["errors"] == []
        await relay(db)
        # Then the quest is completed, paid once from the quests faucet, and it unlocked the next ones
        done = (await gql(LOG, {"s": "COMPLETED"}, token=alice.token))["data"]["quests"]
        assert [(q["key"], q["status"], q["progress"], q["goal"]) for q in done] == [
            ("first-steps", "COMPLETED", 1, 1)
        ]
        assert await factories.balance(db, alice) == 50 - 2 + 20
        assert keys(await gql(LOG, {"s": "AVAILABLE"}, token=alice.token)) == {
            "window-shopping",
            "traders-path",
            "savers-path",
            "daily-routine",
        }
        payloads = await completed_events(db, alice.id)
        assert [(p["quest_id"], p["xp_reward"]) for p in payloads] == [(int(quest["first-steps"]), 50)]
        async with db.reader() as session:
            notes = (
                (
                    await session.execute(
                        select(Notification).where(col(Notification.kind) == "quest.completed")
                    )
                )
                .scalars()
                .all()
            )
            assert [(n.user_id, n.data["title"]) for n in notes] == [(alice.id, "First steps")]
            assert set(notes[0].data["unlocked"]) == {
                "Window shopping",
                "The trader's path",
                "The saver's path",
            }
        # And the XP comes through the progression consumer: 50 for the quest + 2 x 5 for payments
        await outbox.relay(db, progression.CONSUMER, clock=factories.CLOCK)
        assert (await gql(ME, token=alice.token))["data"]["me"]["xp"] == 60
        # Reading every event again pays nothing twice
        before = await snapshot(db)
        async with db.transaction() as session:
            await session.execute(update(ConsumerOffset).values(last_event_id=0, last_tx=0))
        await relay(db)
        await outbox.relay(db, progression.CONSUMER, clock=factories.CLOCK)
        assert set(changed(before, await snapshot(db))) <= {"consumer_offsets"}


async def test_choosing_a_branch_closes_the_other_for_good(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=10, secret=settings.secret_key)
        bob = await factories.player(db, "bob")
        quest = await ids(db)
        await gql(ACCEPT, {"q": quest["first-steps"]}, token=alice.token)
        await gql(PAY, {"u": str(bob.id)}, token=alice.token)
        await relay(db)
        # When she takes the trader's path, the saver's path is closed to her
        body = await gql(ACCEPT, {"q": quest["traders-path"]}, token=alice.token)
        assert body["data"]["questAccept"]["errors"] == []
        everything = {q["key"]: q for q in (await gql(LOG, token=alice.token))["data"]["quests"]}
        assert "savers-path" not in everything
        # Even after she abandons the trader's path, the other stays closed
        dropped = await gql(ABANDON, {"q": quest["traders-path"]}, token=alice.token)
        assert dropped["data"]["questAbandon"] == {
            "quest": {"id": quest["traders-path"], "status": "AVAILABLE"},
            "errors": [],
        }
        before = await snapshot(db)
        refused = await gql(ACCEPT, {"q": quest["savers-path"]}, token=alice.token)
        assert refused["data"]["questAccept"]["quest"] is None
        assert [(e["code"], e["field"]) for e in refused["data"]["questAccept"]["errors"]] == [
            ("BRANCH_CLOSED", "questId")
        ]
        assert changed(before, await snapshot(db)) == {}


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("unknown", "QUEST_NOT_FOUND"),
        ("locked", "QUEST_LOCKED"),
        ("twice", "QUEST_ALREADY_ACTIVE"),
        ("done", "QUEST_ALREADY_COMPLETED"),
        ("branch", "BRANCH_CLOSED"),
        ("abandon", "QUEST_NOT_ACTIVE"),
    ],
)
async def test_a_refused_accept_or_abandon_says_why_and_changes_nothing(
    settings: Settings, case: str, code: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=10, secret=settings.secret_key)
        bob = await factories.player(db, "bob")
        quest = await ids(db)
        target, operation = quest["first-steps"], ACCEPT
        if case == "unknown":
            target = "999999"
        elif case == "locked":
            target = quest["generous-soul"]
        elif case == "twice":
            await gql(ACCEPT, {"q": target}, token=alice.token)
        elif case in ("done", "branch"):
            await gql(ACCEPT, {"q": target}, token=alice.token)
            await gql(PAY, {"u": str(bob.id)}, token=alice.token)
            await relay(db)
            if case == "branch":
                await gql(ACCEPT, {"q": quest["savers-path"]}, token=alice.token)
                target = quest["traders-path"]
        elif case == "abandon":
            operation = ABANDON
        before = await snapshot(db)
        body = await gql(operation, {"q": target}, token=alice.token)
        payload = body["data"]["questAbandon" if operation is ABANDON else "questAccept"]
        assert payload["quest"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, "questId")]
        assert changed(before, await snapshot(db)) == {}


def token_for(app: Any, settings: Settings, who: factories.Player) -> str:
    now = app.state.services.clock.now()
    return tokens.issue_access_token(secret=settings.secret_key, user_id=who.id, now=now, minutes=15)


async def test_daily_quests_reset_at_midnight_utc_by_moving_the_clock(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        clock = app.state.services.clock
        alice = await factories.player(db, "alice", clock=clock)
        boss = await factories.admin(db, "boss", clock=clock)
        daily = (await ids(db))["daily-routine"]
        assert "quest_reset" in {
            j["name"] for j in (await gql(JOBS, token=token_for(app, settings, boss)))["data"]["adminJobs"]
        }
        # Given she completed today's daily quest by claiming the daily bonus
        assert (await gql(ACCEPT, {"q": daily}, token=token_for(app, settings, alice)))["data"][
            "questAccept"
        ]["errors"] == []
        await gql(CLAIM, token=token_for(app, settings, alice))
        await relay(db, clock)
        assert await factories.balance(db, alice) == 10 + 10
        # A second go the same day is refused
        again = await gql(ACCEPT, {"q": daily}, token=token_for(app, settings, alice))
        assert [e["code"] for e in again["data"]["questAccept"]["errors"]] == ["QUEST_ALREADY_COMPLETED"]
        # When the clock passes 00:00 UTC, it is available again; accepted and left unfinished...
        seconds = int((common.midnight_after(clock.now()) - clock.now()).total_seconds()) + 60
        await gql(ADVANCE, {"s": seconds}, token=token_for(app, settings, boss))
        assert "daily-routine" in keys(
            await gql(LOG, {"s": "AVAILABLE"}, token=token_for(app, settings, alice))
        )
        body = await gql(ACCEPT, {"q": daily}, token=token_for(app, settings, alice))
        assert body["data"]["questAccept"]["quest"]["status"] == "ACTIVE"
        # ... it expires at the next midnight: the reset job expires it once, and nothing the next
        # day counts for it
        await gql(ADVANCE, {"s": DAY}, token=token_for(app, settings, boss))
        run = await gql(JOB_RUN, {"n": "quest_reset"}, token=token_for(app, settings, boss))
        assert run["data"]["adminJobRun"] == {"report": {"expired": 1}, "errors": []}
        rerun = await gql(JOB_RUN, {"n": "quest_reset"}, token=token_for(app, settings, boss))
        assert rerun["data"]["adminJobRun"]["report"] == {"expired": 0}
        await gql(CLAIM, token=token_for(app, settings, alice))
        await relay(db, clock)
        assert keys(await gql(LOG, {"s": "ACTIVE"}, token=token_for(app, settings, alice))) == set()
        assert len(await completed_events(db, alice.id)) == 1


async def reward_transfers(db: Database) -> int:
    async with db.reader() as session:
        query = select(func.count()).select_from(Transfer).where(col(Transfer.kind) == "quest_reward")
        return int((await session.execute(query)).scalar_one())
