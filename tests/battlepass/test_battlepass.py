"""The battle pass through GraphQL: the season starts on first use, play gives pass XP through the
durable consumer, every level reached pays its rewards once, premium and level skips are bought
with COIN (idempotent by key; refusals change nothing), and the season_end job archives a season
and starts the next when the clock passes its end."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConfigValue, ConsumerOffset
from db.models.battlepass import BattlePassProgress, BattlePassReward
from resolvers import events, ledger, outbox
from resolvers.accounts import tokens
from resolvers.battlepass import passes, rules, seasons
from resolvers.clock import Clock, ManualClock
from resolvers.errors import DomainError
from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient
from tests.server.support import count_statements, running
from tests.snapshot import changed, snapshot
from workers import battlepass as battlepass_jobs

PASS = "{ battlePass { season { id number endsAt ended } level xp premium nextLevelXp premiumPrice levelPrice } }"
TRACK = """{ battlePass { track { level xp reached
  free { prize amount currency claimed item { name } } premium { prize amount claimed item { name } } } } }"""
PREMIUM = """mutation($key: String) { battlePassBuyPremium(input: {idempotencyKey: $key}) {
  battlePass { level xp premium } errors { code field message } } }"""
LEVELS = """mutation($n: Int!, $key: String) { battlePassBuyLevels(input: {levels: $n, idempotencyKey: $key}) {
  battlePass { level xp premium } errors { code field message } } }"""
HISTORY = "{ battlePassHistory { season { number archivedAt } level xp premium } }"
BOTH = TRACK[:-1] + " battlePassHistory { season { number } level } }"
PAY = "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1}) { errors { code } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code message } } }"
SUPPLY = "{ adminEconomySupply { asset balanced } }"
_round = itertools.count()


async def relay(db: Database, clock: Clock = factories.CLOCK) -> int:
    assert outbox.CONSUMERS[passes.CONSUMER] is battlepass_jobs.award_pass_xp
    return await outbox.relay(db, passes.CONSUMER, clock=clock)


async def set_config(db: Database, key: str, value: Any) -> None:
    async with db.transaction() as session:
        await session.merge(ConfigValue(key=key, value=value))


async def paid(db: Database, user_id: int) -> list[tuple[int, str]]:
    async with db.reader() as session:
        rows = await session.execute(
            select(col(BattlePassReward.level), col(BattlePassReward.track)).where(
                col(BattlePassReward.user_id) == user_id
            )
        )
        return sorted((int(a), str(b)) for a, b in rows.all())


def codes(body: dict[str, Any], field: str) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in body["data"][field]["errors"]]


async def test_the_first_season_starts_on_first_use_with_100_levels_on_two_tracks(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        alice = await factories.player(app.state.services.db, "alice", secret=settings.secret_key)
        shown = (await gql(PASS, token=alice.token))["data"]["battlePass"]
        assert (shown["level"], shown["xp"], shown["premium"], shown["nextLevelXp"]) == (0, 0, False, 1000)
        assert (shown["season"]["number"], shown["season"]["ended"]) == (1, False)
        ends = datetime.fromisoformat(shown["season"]["endsAt"])
        assert ends - app.state.services.clock.now() > timedelta(weeks=8) - timedelta(minutes=1)
        # The same season for everyone, and the track in full
        again = (await gql(PASS, token=alice.token))["data"]["battlePass"]
        assert again["season"]["id"] == shown["season"]["id"]
        track = (await gql(TRACK, token=alice.token))["data"]["battlePass"]["track"]
        assert len(track) == 100 and not any(lv["reached"] for lv in track)
        assert track[0]["free"] == {
            "prize": "COIN",
            "amount": 10,
            "currency": "COIN",
            "claimed": False,
            "item": None,
        }
        assert track[24]["free"]["item"] == {"name": "Season 1 badge"}
        assert track[99]["premium"]["item"] == {"name": "Season 1 crown"}


async def test_play_gives_pass_xp_and_each_level_pays_its_rewards_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=10, secret=settings.secret_key)
        bob = await factories.player(db, "bob")
        # Given payments worth 600 pass XP each
        await set_config(db, rules.XP_PREFIX + "wallet.transfer", 600)
        await gql(PASS, token=alice.token)
        for _ in range(4):
            body = await gql(PAY, {"u": str(bob.id)}, token=alice.token)
            assert body["data"]["walletTransfer"]["errors"] == []
        # When the consumer reads them, alice has 2,000 XP (the day's cap, not 2,400): level 2,
        # its free rewards paid
        await relay(db)
        shown = (await gql(PASS, token=alice.token))["data"]["battlePass"]
        assert (shown["level"], shown["xp"]) == (2, 2000)
        assert await paid(db, alice.id) == [(1, "FREE"), (2, "FREE")]
        assert await factories.balance(db, alice) == 10 - 4 + 10 + 10
        track = (await gql(TRACK, token=alice.token))["data"]["battlePass"]["track"]
        assert [lv["free"]["claimed"] for lv in track[:3]] == [True, True, False]
        assert [lv["reached"] for lv in track[:3]] == [True, True, False]
        # Reading the events again (a lost offset) pays nothing twice
        before = await snapshot(db)
        async with db.transaction() as session:
            await session.execute(update(ConsumerOffset).values(last_event_id=0, last_tx=0))
        await relay(db)
        assert set(changed(before, await snapshot(db))) <= {"consumer_offsets"}


async def test_the_daily_cap_holds_and_reward_events_count(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        await set_config(db, "battlepass.daily_cap", 1500)
        async with db.transaction() as session:
            await events.append_many(
                session,
                [
                    events.Spec(kind="quest.completed", actor_id=alice.id, payload={"xp_reward": 700})
                    for _ in range(3)
                ],
                clock=factories.CLOCK,
            )
        await relay(db)
        shown = (await gql(PASS, token=alice.token))["data"]["battlePass"]
        assert (shown["level"], shown["xp"]) == (1, 1500)


async def test_premium_pays_the_levels_already_reached_at_once_and_a_repeat_moves_nothing(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=2000, secret=settings.secret_key)
        # Given alice skips to level 3 (3 × 150), paid its free rewards
        body = await gql(LEVELS, {"n": 3, "key": "lv-1"}, token=alice.token)
        assert body["data"]["battlePassBuyLevels"] == {
            "battlePass": {"level": 3, "xp": 3000, "premium": False},
            "errors": [],
        }
        assert await factories.balance(db, alice) == 2000 - 450 + 30
        # When she buys premium, the premium rewards of levels 1-3 are paid in the same transaction
        body = await gql(PREMIUM, {"key": "prem-1"}, token=alice.token)
        assert body["data"]["battlePassBuyPremium"] == {
            "battlePass": {"level": 3, "xp": 3000, "premium": True},
            "errors": [],
        }
        assert await factories.balance(db, alice) == 2000 - 450 + 30 - 500 + 75
        assert await paid(db, alice.id) == [(n, t) for n in (1, 2, 3) for t in ("FREE", "PREMIUM")]
        # Then repeats with the same keys answer the first result and move nothing
        before = await snapshot(db)
        again = await gql(PREMIUM, {"key": "prem-1"}, token=alice.token)
        assert again["data"]["battlePassBuyPremium"]["errors"] == []
        assert again["data"]["battlePassBuyPremium"]["battlePass"]["premium"] is True
        levels_again = await gql(LEVELS, {"n": 3, "key": "lv-1"}, token=alice.token)
        assert levels_again["data"]["battlePassBuyLevels"]["errors"] == []
        assert changed(before, await snapshot(db)) == {}
        # And the next skips pay both tracks: level 10 brings the premium token
        await gql(LEVELS, {"n": 7, "key": "lv-2"}, token=alice.token)
        track = (await gql(TRACK, token=alice.token))["data"]["battlePass"]["track"]
        assert track[9]["premium"] == {
            "prize": "TOKEN",
            "amount": 1,
            "claimed": True,
            "item": {"name": "Season 1 token"},
        }
        async with db.reader() as session:
            season = await seasons.open_season(session)
            assert season is not None
            token_item = ledger.item_asset(season.token_item_id)
        assert await factories.balance(db, alice, token_item) == 1
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        supply = (await gql(SUPPLY, token=admin.token))["data"]["adminEconomySupply"]
        assert all(row["balanced"] for row in supply), supply


@pytest.mark.parametrize(
    ("document", "variables", "coins", "code", "field"),
    [
        (PREMIUM, {}, 499, "INSUFFICIENT_FUNDS", "idempotencyKey"),
        (LEVELS, {"n": 2}, 299, "INSUFFICIENT_FUNDS", "levels"),
        (LEVELS, {"n": 0}, 5000, "INVALID_LEVELS", "levels"),
        (LEVELS, {"n": 101}, 5000, "INVALID_LEVELS", "levels"),
        (PREMIUM, {"key": ""}, 5000, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
    ],
)
async def test_refused_purchases_say_why_and_change_nothing(
    settings: Settings, document: str, variables: dict[str, Any], coins: int, code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=coins, secret=settings.secret_key)
        await gql(PASS, token=alice.token)
        before = await snapshot(db)
        body = await gql(document, variables, token=alice.token)
        name = "battlePassBuyPremium" if document is PREMIUM else "battlePassBuyLevels"
        assert body["data"][name]["battlePass"] is None
        assert codes(body, name) == [(code, field)]
        assert changed(before, await snapshot(db)) == {}


async def test_a_second_premium_and_levels_past_100_are_refused_and_change_nothing(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=30_000, secret=settings.secret_key)
        assert (await gql(PREMIUM, {"key": "a"}, token=alice.token))["data"]["battlePassBuyPremium"][
            "errors"
        ] == []
        assert (await gql(LEVELS, {"n": 98}, token=alice.token))["data"]["battlePassBuyLevels"][
            "errors"
        ] == []
        for document, variables, name, code, field in (
            (PREMIUM, {"key": "b"}, "battlePassBuyPremium", "ALREADY_PREMIUM", None),
            (PREMIUM, {}, "battlePassBuyPremium", "ALREADY_PREMIUM", None),
            (LEVELS, {"n": 3}, "battlePassBuyLevels", "MAX_LEVEL_REACHED", "levels"),
            (LEVELS, {"n": 3, "key": "a"}, "battlePassBuyLevels", "MAX_LEVEL_REACHED", "levels"),
        ):
            before = await snapshot(db)
            body = await gql(document, variables, token=alice.token)
            assert codes(body, name) == [(code, field)], body
            assert changed(before, await snapshot(db)) == {}
        # Level 100 is reachable, and every reward of both tracks was paid exactly once
        done = await gql(LEVELS, {"n": 2}, token=alice.token)
        assert done["data"]["battlePassBuyLevels"]["battlePass"]["level"] == 100
        assert await paid(db, alice.id) == [(n, t) for n in range(1, 101) for t in ("FREE", "PREMIUM")]


async def test_concurrent_premium_purchases_charge_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=5000, secret=settings.secret_key)
        await gql(LEVELS, {"n": 5}, token=alice.token)
        bodies = await asyncio.gather(*(gql(PREMIUM, {"key": f"c{i}"}, token=alice.token) for i in range(4)))
        outcomes = sorted(
            tuple(e["code"] for e in b["data"]["battlePassBuyPremium"]["errors"]) for b in bodies
        )
        assert outcomes == [(), ("ALREADY_PREMIUM",), ("ALREADY_PREMIUM",), ("ALREADY_PREMIUM",)]
        assert await factories.balance(db, alice) == 5000 - 750 + 50 - 500 + 125


class Clocked:
    def __init__(self, app: Any, gql: GraphQLClient, settings: Settings) -> None:
        self.app, self.gql, self.settings = app, gql, settings

    def token(self, who: factories.Player) -> str:
        now = self.app.state.services.clock.now()
        return tokens.issue_access_token(secret=self.settings.secret_key, user_id=who.id, now=now, minutes=15)

    async def as_(self, who: factories.Player, query: str, variables: dict[str, Any] | None = None) -> Any:
        body = await self.gql(query, variables, token=self.token(who))
        assert "errors" not in body, body
        return body["data"]


async def test_the_season_end_job_archives_the_season_and_starts_the_next(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        at = Clocked(app, gql, settings)
        clock = app.state.services.clock
        alice = await factories.player(db, "alice", coins=5000, clock=clock)
        admin = await factories.admin(db, "boss", clock=clock)
        assert "season_end" in {
            j["name"] for j in (await at.as_(admin, "{ adminJobs { name } }"))["adminJobs"]
        }
        first = (await at.as_(alice, PASS))["battlePass"]
        assert (await at.as_(alice, LEVELS, {"n": 12}))["battlePassBuyLevels"]["errors"] == []
        # Before the end, the job finds nothing to do
        report = (await at.as_(admin, JOB, {"n": "season_end"}))["adminJobRun"]
        assert report == {"report": {"archived": 0, "started": 0, "players": 0}, "errors": []}
        # When the clock passes the season's end, buying waits for the job
        ends = datetime.fromisoformat(first["season"]["endsAt"])
        seconds = int((ends - clock.now()).total_seconds()) + 60
        assert (await at.as_(admin, ADVANCE, {"s": seconds}))["adminClockAdvance"]["errors"] == []
        assert (await at.as_(alice, PASS))["battlePass"]["season"]["ended"] is True
        before = await snapshot(db)
        refused = await at.gql(PREMIUM, {}, token=at.token(alice))
        assert codes(refused, "battlePassBuyPremium") == [("NO_ACTIVE_SEASON", None)]
        assert changed(before, await snapshot(db)) == {}
        # Then the job archives season 1 (alice's level kept) and starts season 2 where it ended
        report = (await at.as_(admin, JOB, {"n": "season_end"}))["adminJobRun"]
        assert report == {"report": {"archived": 1, "started": 1, "players": 1}, "errors": []}
        again = (await at.as_(admin, JOB, {"n": "season_end"}))["adminJobRun"]
        assert again["report"] == {"archived": 0, "started": 0, "players": 0}
        now = (await at.as_(alice, PASS))["battlePass"]
        assert (now["season"]["number"], now["level"], now["xp"], now["premium"]) == (2, 0, 0, False)
        assert datetime.fromisoformat(now["season"]["endsAt"]) == ends + rules.SEASON
        history = (await at.as_(alice, HISTORY))["battlePassHistory"]
        assert [(h["season"]["number"], h["level"], h["premium"]) for h in history] == [(1, 12, False)]
        assert history[0]["season"]["archivedAt"] is not None
        # And the new season sells again
        assert (await at.as_(alice, PREMIUM, {"key": "s2"}))["battlePassBuyPremium"]["errors"] == []


# --- the property ---------------------------------------------------------------------------

Step = tuple[str, int]
steps = st.lists(
    st.one_of(
        st.tuples(st.just("xp"), st.integers(1, 4000)),
        st.tuples(st.just("premium"), st.just(0)),
        st.tuples(st.just("levels"), st.integers(1, 30)),
        st.tuples(st.just("replay"), st.just(0)),
    ),
    max_size=14,
)


@pytest.mark.parametrize("backend", ["sqlite"])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(happenings=steps)
def test_battle_pass_levels(database_url: str, happenings: list[Step]) -> None:
    """Property "battle pass levels": whatever the order of XP from play, premium purchases and
    level skips, the level is the curve's level of the XP and never goes down, and every reward of
    each track up to the level is paid exactly once (COIN and items, by the ledger)."""

    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            clock = ManualClock(datetime(2026, 7, 1, tzinfo=UTC))
            (alice,) = await factories.players(db, f"bp{n}", coins=100_000, clock=clock)
            async with db.transaction() as session:
                await session.merge(ConfigValue(key="battlepass.daily_cap", value=rules.MAX_XP))
            spent, level, premium, season = 0, 0, False, None
            bought: list[tuple[str, int]] = []
            for i, (what, amount) in enumerate(happenings):
                clock.advance(seconds=1)
                if what == "replay" and bought:
                    before = await snapshot(db)
                    key, count = bought[-1]
                    async with db.transaction() as session:
                        again = await passes.buy_levels(
                            session, actor_id=alice.id, levels=count, idempotency_key=key, clock=clock
                        )
                    assert again.replayed
                    assert changed(before, await snapshot(db)) == {}
                    continue
                try:
                    async with db.transaction() as session:
                        if what == "xp":
                            await events.append(
                                session,
                                kind="prop.play",
                                clock=clock,
                                actor_id=alice.id,
                                payload={"xp_reward": amount},
                            )
                        elif what == "premium":
                            await passes.buy_premium(
                                session, actor_id=alice.id, idempotency_key=f"p{i}", clock=clock
                            )
                            spent += rules.DEFAULTS["battlepass.premium_price"]
                        elif what == "levels":
                            await passes.buy_levels(
                                session,
                                actor_id=alice.id,
                                levels=amount,
                                idempotency_key=f"l{i}",
                                clock=clock,
                            )
                            spent += amount * rules.DEFAULTS["battlepass.level_price"]
                            bought.append((f"l{i}", amount))
                except DomainError as refused:
                    assert refused.code in {"ALREADY_PREMIUM", "MAX_LEVEL_REACHED"}
                await relay(db, clock)
                async with db.reader() as session:
                    season = await seasons.open_season(session)
                    assert season is not None
                    row = await session.get(BattlePassProgress, (season.id, alice.id))
                if row is None:
                    continue
                assert row.level == rules.level_for(row.xp) >= level
                assert row.premium or not premium
                level, premium = row.level, row.premium
            expected = {(r.level, str(r.track)) for r in rules.due(level, premium)}
            got = await paid(db, alice.id)
            assert sorted(expected) == got
            coins = sum(r.amount for r in rules.due(level, premium) if r.prize is rules.Prize.COIN)
            assert await factories.balance(db, alice) == 100_000 - spent + coins
            if season is not None and level:
                items = sum(r.amount for r in rules.due(level, premium) if r.prize is not rules.Prize.COIN)
                held = 0
                for item_id in (season.badge_item_id, season.token_item_id, season.crown_item_id):
                    held += await factories.balance(db, alice, ledger.item_asset(item_id))
                assert held == items
        finally:
            await db.dispose()

    asyncio.run(body())


async def test_the_track_and_history_cost_the_same_statements_however_far_a_pass_is(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        fresh = await factories.player(db, "fresh", secret=settings.secret_key)
        far = await factories.player(db, "far", coins=20_000, secret=settings.secret_key)
        await gql(PASS, token=fresh.token)
        await gql(PREMIUM, {}, token=far.token)
        await gql(LEVELS, {"n": 60}, token=far.token)
        counts = []
        for who in (fresh, far):
            with count_statements(db) as seen:
                body = await gql(BOTH, token=who.token)
            assert "errors" not in body, body
            counts.append(len(seen))
        assert counts[0] == counts[1] <= 14, counts
