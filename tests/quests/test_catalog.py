"""Admins create and edit quests: validated, with the graph of what unlocks what; item rewards."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from db.engine import Database
from db.models.quests import Quest
from resolvers import ledger, outbox
from resolvers.quests import common
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot
from workers import quests as quest_jobs

CREATE = """mutation($i: QuestCreateInput!) { questCreate(input: $i) {
  quest { id key title type requires branch objectives { kind goal } reward { currency amount xp itemQuantity item { name } } }
  errors { code field message } } }"""
UPDATE = """mutation($i: QuestUpdateInput!) { questUpdate(input: $i) {
  quest { id title requires active } errors { code field message } } }"""
GRAPH = "{ questGraph { nodes { depth unlocks quest { id key } } branches { name questIds } } }"
ACCEPT = "mutation($q: ID!) { questAccept(input: {questId: $q}) { quest { status } errors { code } } }"
LOG = "query($s: QuestStatus) { quests(status: $s) { key timesCompleted status } }"
GIFT = """mutation($u: ID!) { giftSend(input: {toUserId: $u, amount: 1, currency: "COIN"}) { errors { code } } }"""


async def keyed(db: Database) -> dict[str, int]:
    async with db.reader() as session:
        return {q.key: int(q.id or 0) for q in (await session.execute(select(Quest))).scalars()}


def base(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Collector",
        "type": "REPEATABLE",
        "objectives": [{"kind": "gift.sent", "count": 2}],
    } | extra


async def test_an_admin_creates_a_quest_that_pays_an_item_and_can_be_repeated(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        alice = await factories.player(db, "alice", coins=10, secret=settings.secret_key)
        bob = await factories.player(db, "bob")
        badge = await factories.item(db, name="Badge", price=0)
        ids = await keyed(db)
        made = await gql(
            CREATE,
            {
                "i": base(
                    key="collector",
                    requires=[str(ids["first-steps"])],
                    rewardAmount=5,
                    rewardXp=10,
                    rewardItemId=str(badge.id),
                    rewardItemQuantity=2,
                )
            },
            token=boss.token,
        )
        quest = made["data"]["questCreate"]["quest"]
        assert made["data"]["questCreate"]["errors"] == []
        assert (quest["key"], quest["type"], quest["requires"]) == (
            "collector",
            "REPEATABLE",
            [str(ids["first-steps"])],
        )
        assert quest["reward"] == {
            "currency": "COIN",
            "amount": 5,
            "xp": 10,
            "itemQuantity": 2,
            "item": {"name": "Badge"},
        }
        # The graph shows it one step after the first quest, which unlocks it
        nodes = {
            n["quest"]["key"]: n for n in (await gql(GRAPH, token=boss.token))["data"]["questGraph"]["nodes"]
        }
        assert nodes["collector"]["depth"] == 1 and nodes["first-steps"]["depth"] == 0
        assert quest["id"] in nodes["first-steps"]["unlocks"]
        branches = (await gql(GRAPH, token=boss.token))["data"]["questGraph"]["branches"]
        assert branches == [
            {"name": "first-path", "questIds": [str(ids["traders-path"]), str(ids["savers-path"])]}
        ]
        # Once unlocked (prerequisite cleared: the switch is an admin's edit here), two gifts complete it
        edited = await gql(UPDATE, {"i": {"questId": quest["id"], "requires": []}}, token=boss.token)
        assert edited["data"]["questUpdate"]["errors"] == []
        for _ in range(2):
            assert (await gql(ACCEPT, {"q": quest["id"]}, token=alice.token))["data"]["questAccept"][
                "errors"
            ] == []
            for _ in range(2):
                await gql(GIFT, {"u": str(bob.id)}, token=alice.token)
            assert outbox.CONSUMERS[common.CONSUMER] is quest_jobs.count_progress
            await outbox.relay(db, common.CONSUMER, clock=factories.CLOCK)
        # Then it was paid twice: currency and the item, and it is available again
        assert await factories.balance(db, alice) == 10 - 4 + 2 * 5
        assert await factories.balance(db, alice, ledger.item_asset(int(badge.id or 0))) == 4
        done = {
            q["key"]: q for q in (await gql(LOG, {"s": "COMPLETED"}, token=alice.token))["data"]["quests"]
        }
        assert done["collector"] == {"key": "collector", "timesCompleted": 2, "status": "AVAILABLE"}


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"objectives": [{"kind": "chat.teleported", "count": 1}]}, "UNKNOWN_OBJECTIVE_KIND", "objectives"),
        ({"objectives": []}, "INVALID_OBJECTIVES", "objectives"),
        ({"objectives": [{"kind": "gift.sent", "count": 0}]}, "INVALID_OBJECTIVES", "objectives"),
        ({"rewardAmount": 0, "rewardXp": 0}, "INVALID_REWARD", "rewardAmount"),
        ({"rewardXp": 10_000_000}, "INVALID_REWARD", "rewardXp"),
        ({"rewardCurrency": "NOPE", "rewardAmount": 5}, "UNKNOWN_CURRENCY", "rewardCurrency"),
        ({"rewardItemId": "999999"}, "UNKNOWN_ITEM", "rewardItemId"),
        ({"requires": ["999999"]}, "UNKNOWN_PREREQUISITE", "requires"),
        ({"title": "  "}, "INVALID_TITLE", "title"),
        ({"key": "Not a slug!"}, "INVALID_KEY", "key"),
        ({"key": "first-steps"}, "DUPLICATE_KEY", "key"),
        ({"branch": "no spaces please"}, "INVALID_BRANCH", "branch"),
    ],
)
async def test_a_bad_quest_is_refused_with_its_code_and_changes_nothing(
    settings: Settings, change: dict[str, Any], code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        before = await snapshot(db)
        body = await gql(CREATE, {"i": base(rewardXp=5) | change}, token=boss.token)
        assert body["data"]["questCreate"]["quest"] is None
        assert [(e["code"], e["field"]) for e in body["data"]["questCreate"]["errors"]] == [(code, field)]
        assert changed(before, await snapshot(db)) == {}


async def test_an_edit_that_would_make_a_cycle_is_refused(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        ids = await keyed(db)
        # first-steps <- window-shopping <- generous-soul: making the first require the last is a cycle
        for target in ("generous-soul", "first-steps"):
            before = await snapshot(db)
            body = await gql(
                UPDATE,
                {"i": {"questId": str(ids["first-steps"]), "requires": [str(ids[target])]}},
                token=boss.token,
            )
            assert [(e["code"], e["field"]) for e in body["data"]["questUpdate"]["errors"]] == [
                ("PREREQUISITE_CYCLE", "requires")
            ]
            assert changed(before, await snapshot(db)) == {}
        missing = await gql(UPDATE, {"i": {"questId": "999999", "title": "x"}}, token=boss.token)
        assert [e["code"] for e in missing["data"]["questUpdate"]["errors"]] == ["QUEST_NOT_FOUND"]
        # A switched-off quest is no longer offered to players
        off = await gql(
            UPDATE, {"i": {"questId": str(ids["daily-routine"]), "active": False}}, token=boss.token
        )
        assert off["data"]["questUpdate"]["quest"]["active"] is False
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        assert "daily-routine" not in {
            q["key"] for q in (await gql(LOG, token=alice.token))["data"]["quests"]
        }
        refused = await gql(ACCEPT, {"q": str(ids["daily-routine"])}, token=alice.token)
        assert [e["code"] for e in refused["data"]["questAccept"]["errors"]] == ["QUEST_NOT_FOUND"]
