"""Referrals: codes, linking at registration or by applying a code, the reward at level 10 (once),
milestones, holds for a moderator (same network, value passed back) and the linking property."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConsumerOffset, Notification, Transfer, User
from db.models.referrals import Referral
from resolvers import events, outbox, progression
from resolvers.accounts import auth, tokens
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from resolvers.referrals import common, links, rewards
from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient
from tests.server.support import running
from tests.snapshot import changed, snapshot
from workers import progression as progression_jobs
from workers import referrals as referral_jobs

CODE = "{ myReferralCode { code } }"
REGISTER = """mutation($u: String!, $c: String) {
  authRegister(input: {username: $u, password: "password123", referralCode: $c}) {
    accessToken user { username } errors { code field } } }"""
APPLY = """mutation($c: String!) { referralApply(input: {code: $c}) {
  referral { status user { username } referrer { username } } errors { code field } } }"""
MINE = "{ myReferrals { user { username } status holdReason reward } }"
REFERRER = "{ myReferrer { referrer { username } status } }"
STATS = """{ myReferralStats { pending qualified held rejected earned reward qualifyingLevel
  milestones { count bonus reached } } }"""
HELD = "{ referralsHeld(first: 10) { edges { node { id user { username } referrer { username } holdReason } } } }"
REVIEW = """mutation($id: ID!, $ok: Boolean!, $why: String) {
  referralReview(input: {referralId: $id, approve: $ok, reason: $why}) {
    referral { status reviewReason } errors { code field } } }"""
PAY = "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 5}) { errors { code } } }"
SUPPLY = "{ adminEconomySupply { asset balanced } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
LEVEL_10 = progression.xp_for_level(common.QUALIFYING_LEVEL)
_round = itertools.count()


@contextlib.asynccontextmanager
async def client_at(app: Any, address: str) -> AsyncIterator[GraphQLClient]:
    """Another client of the same app, whose requests come from ``address``."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield GraphQLClient(http)


async def register(gql: GraphQLClient, username: str, code: str | None) -> dict[str, Any]:
    return dict((await gql(REGISTER, {"u": username, "c": code}))["data"]["authRegister"])


async def code_of(gql: GraphQLClient, token: str | None) -> str:
    return str((await gql(CODE, token=token))["data"]["myReferralCode"]["code"])


async def gain_xp(db: Database, user_id: int, xp: int) -> None:
    """A reward event worth ``xp`` (as a quest would append), then both consumers read it."""
    async with db.transaction() as session:
        spec = events.Spec(
            kind="test.reward",
            actor_id=user_id,
            subject=f"user:{user_id}",
            audience=[user_id],
            payload={progression.REWARD_KEY: xp},
        )
        await events.append_many(session, [spec], clock=factories.CLOCK)
    await relay(db)


async def relay(db: Database) -> None:
    assert outbox.CONSUMERS[progression.CONSUMER] is progression_jobs.award_xp
    assert outbox.CONSUMERS[rewards.CONSUMER] is referral_jobs.referral_events
    await outbox.relay(db, progression.CONSUMER, clock=factories.CLOCK)
    await outbox.relay(db, rewards.CONSUMER, clock=factories.CLOCK)


async def kinds_of(db: Database, user_id: int) -> list[str]:
    async with db.reader() as session:
        query = select(col(Notification.kind)).where(
            col(Notification.user_id) == user_id, col(Notification.kind).startswith("referral.")
        )
        return list((await session.execute(query.order_by(col(Notification.id)))).scalars())


async def referral_transfers(db: Database) -> int:
    async with db.reader() as session:
        query = select(func.count()).select_from(Transfer).where(col(Transfer.kind) == "referral")
        return int((await session.execute(query)).scalar_one())


def token(app: Any, settings: Settings, user_id: int) -> str:
    now = app.state.services.clock.now()
    return tokens.issue_access_token(secret=settings.secret_key, user_id=user_id, now=now, minutes=15)


async def test_a_player_registering_with_a_code_is_linked_and_both_see_it_pending(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        # Given alice's code: 8 unambiguous characters, the same on every read
        code = await code_of(gql, alice.token)
        assert len(code) == 8 and set(code) <= set(common.ALPHABET)
        assert not set(code) & set("01IOL")
        assert await code_of(gql, alice.token) == code
        # When bob registers with it (typed in lower case)
        made = await register(gql, "bob", code.lower())
        assert made["errors"] == [] and made["user"] == {"username": "bob"} and made["accessToken"]
        bob = made["accessToken"]
        # Then both see the referral, pending
        assert (await gql(MINE, token=alice.token))["data"]["myReferrals"] == [
            {"user": {"username": "bob"}, "status": "PENDING", "holdReason": None, "reward": 0}
        ]
        assert (await gql(REFERRER, token=bob))["data"]["myReferrer"] == {
            "referrer": {"username": "alice"},
            "status": "PENDING",
        }
        assert (await gql(REFERRER, token=alice.token))["data"]["myReferrer"] is None
        assert await kinds_of(db, alice.id) == ["referral.joined"]
        # And a registration without a code links nothing
        plain = await register(gql, "carol", None)
        assert plain["errors"] == []
        assert len((await gql(MINE, token=alice.token))["data"]["myReferrals"]) == 1


async def test_an_unknown_or_own_code_is_invalid_and_changes_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        code = await code_of(gql, alice.token)
        # An unknown code: no account is created
        for bogus in ("ZZZZZZZZ", "abc", code[:7] + ("A" if code[7] != "A" else "B")):
            before = await snapshot(db)
            refused = await register(gql, "mallory", bogus)
            assert refused == {
                "accessToken": None,
                "user": None,
                "errors": [{"code": "INVALID_REFERRAL", "field": "referralCode"}],
            }
            assert changed(before, await snapshot(db)) == {}
        # A new account applying its own code, or an unknown one
        dave = (await register(gql, "dave", None))["accessToken"]
        own = await code_of(gql, dave)
        for attempt in (own, "ZZZZZZZZ"):
            before = await snapshot(db)
            body = (await gql(APPLY, {"c": attempt}, token=dave))["data"]["referralApply"]
            assert body == {"referral": None, "errors": [{"code": "INVALID_REFERRAL", "field": "code"}]}
            assert changed(before, await snapshot(db)) == {}


async def test_a_new_account_applies_a_code_once_and_an_old_one_cannot(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        boss = await factories.admin(db, "boss")
        alice = await factories.player(db, "alice")
        erin = await factories.player(db, "erin")
        alice_code = await code_of(gql, token(app, settings, alice.id))
        erin_code = await code_of(gql, token(app, settings, erin.id))
        # A Telegram-like new account (made without a code) applies alice's code
        bob = await factories.player(db, "bob")
        body = (await gql(APPLY, {"c": alice_code}, token=token(app, settings, bob.id)))["data"][
            "referralApply"
        ]
        assert body == {
            "referral": {"status": "PENDING", "user": {"username": "bob"}, "referrer": {"username": "alice"}},
            "errors": [],
        }
        # A second code, or the same again: one referrer per account
        for again in (erin_code, alice_code):
            before = await snapshot(db)
            twice = (await gql(APPLY, {"c": again}, token=token(app, settings, bob.id)))["data"]
            assert twice["referralApply"]["errors"] == [{"code": "ALREADY_REFERRED", "field": "code"}]
            assert changed(before, await snapshot(db)) == {}
        # No cycles: alice (new, unreferred) cannot join with the code of bob, whom she referred
        bob_code = await code_of(gql, token(app, settings, bob.id))
        before = await snapshot(db)
        loop = (await gql(APPLY, {"c": bob_code}, token=token(app, settings, alice.id)))["data"]
        assert loop["referralApply"]["errors"] == [{"code": "INVALID_REFERRAL", "field": "code"}]
        assert changed(before, await snapshot(db)) == {}
        # An account older than 24 hours cannot join with a code
        await gql(ADVANCE, {"s": 25 * 3600}, token=token(app, settings, boss.id))
        before = await snapshot(db)
        late = (await gql(APPLY, {"c": alice_code}, token=token(app, settings, erin.id)))["data"]
        assert late["referralApply"]["errors"] == [{"code": "NOT_NEW_ACCOUNT", "field": "code"}]
        assert changed(before, await snapshot(db)) == {}


async def test_the_referrer_is_paid_once_when_the_referred_player_reaches_level_10(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        boss = await factories.admin(db, "boss", secret=settings.secret_key)
        made = await register(gql, "bob", await code_of(gql, alice.token))
        bob = made["accessToken"]
        # Level 5 is not enough
        await gain_xp(db, await _id(db, "bob"), progression.xp_for_level(5))
        assert await factories.balance(db, alice) == 0
        assert (await gql(MINE, token=alice.token))["data"]["myReferrals"][0]["status"] == "PENDING"
        # Level 10 pays the referrer from the referrals faucet
        await gain_xp(db, await _id(db, "bob"), LEVEL_10)
        assert await factories.balance(db, alice) == common.REWARD
        assert (await gql(MINE, token=alice.token))["data"]["myReferrals"] == [
            {"user": {"username": "bob"}, "status": "QUALIFIED", "holdReason": None, "reward": common.REWARD}
        ]
        assert (await gql(REFERRER, token=bob))["data"]["myReferrer"]["status"] == "QUALIFIED"
        assert await kinds_of(db, alice.id) == ["referral.joined", "referral.qualified"]
        stats = (await gql(STATS, token=alice.token))["data"]["myReferralStats"]
        assert (stats["qualified"], stats["pending"], stats["earned"], stats["qualifyingLevel"]) == (
            1,
            0,
            common.REWARD,
            10,
        )
        supply = {s["asset"]: s for s in (await gql(SUPPLY, token=boss.token))["data"]["adminEconomySupply"]}
        assert supply["COIN"]["balanced"] is True
        # Relayed twice (a lost offset), and more level-ups: nothing is paid twice
        before = await snapshot(db)
        async with db.transaction() as session:
            await session.execute(
                update(ConsumerOffset)
                .where(col(ConsumerOffset.consumer) == rewards.CONSUMER)
                .values(last_event_id=0, last_tx=0)
            )
        await relay(db)
        assert set(changed(before, await snapshot(db))) <= {"consumer_offsets"}
        await gain_xp(db, await _id(db, "bob"), LEVEL_10 * 3)
        assert await factories.balance(db, alice) == common.REWARD
        assert await referral_transfers(db) == 1


async def _id(db: Database, username: str) -> int:
    async with db.reader() as session:
        found = await auth.find_user(session, username)
    assert found is not None and found.id is not None
    return found.id


async def test_milestone_bonuses_are_paid_once_at_5_qualified_referrals(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        code = await code_of(gql, alice.token)
        for n in range(6):
            assert (await register(gql, f"friend{n}", code))["errors"] == []
        for n in range(4):
            await gain_xp(db, await _id(db, f"friend{n}"), LEVEL_10)
        assert await factories.balance(db, alice) == 4 * common.REWARD
        await gain_xp(db, await _id(db, "friend4"), LEVEL_10)
        bonus = common.MILESTONES[5]
        assert await factories.balance(db, alice) == 5 * common.REWARD + bonus
        stats = (await gql(STATS, token=alice.token))["data"]["myReferralStats"]
        assert (stats["qualified"], stats["pending"], stats["earned"]) == (5, 1, 5 * common.REWARD + bonus)
        assert stats["milestones"] == [
            {"count": m, "bonus": b, "reached": m == 5} for m, b in sorted(common.MILESTONES.items())
        ]
        assert (await kinds_of(db, alice.id)).count("referral.milestone") == 1
        # A sixth qualified referral pays its reward, not the milestone again
        await gain_xp(db, await _id(db, "friend5"), LEVEL_10)
        assert await factories.balance(db, alice) == 6 * common.REWARD + bonus


async def test_a_referral_from_the_referrers_network_is_held_until_a_moderator_approves(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        async with client_at(app, "81.2.69.160") as home, client_at(app, "8.8.4.4") as elsewhere:
            # Alice fetches her code at home; a second account registers from her network
            code = await code_of(home, alice.token)
            assert (await register(home, "alt", code))["errors"] == []
            # Another player registers from elsewhere
            assert (await register(elsewhere, "friend", code))["errors"] == []
        mine = {r["user"]["username"]: r for r in (await gql(MINE, token=alice.token))["data"]["myReferrals"]}
        assert (mine["alt"]["status"], mine["alt"]["holdReason"]) == ("HELD", "SAME_CLIENT")
        assert mine["friend"]["status"] == "PENDING"
        assert await kinds_of(db, alice.id) == ["referral.joined", "referral.held", "referral.joined"]
        # The network is stored as a keyed hash, never as an address
        snap = await snapshot(db)
        assert not any("81.2.69" in row for row in snap["referral_clients"])
        # A held referral reaching level 10 is not paid
        await gain_xp(db, await _id(db, "alt"), LEVEL_10)
        assert await factories.balance(db, alice) == 0
        held = (await gql(HELD, token=mod.token))["data"]["referralsHeld"]["edges"]
        assert [(e["node"]["user"]["username"], e["node"]["holdReason"]) for e in held] == [
            ("alt", "SAME_CLIENT")
        ]
        ident = held[0]["node"]["id"]
        # A moderator approves it: the level was reached, so it is paid at once
        body = (await gql(REVIEW, {"id": ident, "ok": True, "why": "siblings"}, token=mod.token))["data"]
        assert body["referralReview"] == {
            "referral": {"status": "QUALIFIED", "reviewReason": "siblings"},
            "errors": [],
        }
        assert await factories.balance(db, alice) == common.REWARD
        assert (await gql(HELD, token=mod.token))["data"]["referralsHeld"]["edges"] == []
        # Reviewing again, or an unknown referral, changes nothing
        for target, code_expected in ((ident, "NOT_HELD"), ("999999", "UNKNOWN_REFERRAL")):
            before = await snapshot(db)
            again = (await gql(REVIEW, {"id": target, "ok": True}, token=mod.token))["data"]["referralReview"]
            assert again["errors"] == [{"code": code_expected, "field": "referralId"}]
            assert changed(before, await snapshot(db)) == {}
        assert "referral.approved" in await kinds_of(db, alice.id)


async def test_value_passed_straight_back_holds_the_referral_and_a_rejection_never_pays(
    settings: Settings,
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        made = await register(gql, "bob", await code_of(gql, alice.token))
        bob_id = await _id(db, "bob")
        await factories.grant(db, bob_id, 50)
        # Bob pays alice right after joining
        assert (await gql(PAY, {"u": str(alice.id)}, token=made["accessToken"]))["data"]["walletTransfer"][
            "errors"
        ] == []
        await relay(db)
        mine = (await gql(MINE, token=alice.token))["data"]["myReferrals"]
        assert (mine[0]["status"], mine[0]["holdReason"]) == ("HELD", "VALUE_BACK")
        assert await kinds_of(db, alice.id) == ["referral.joined", "referral.held"]
        # The moderator rejects it: reaching level 10 pays nothing
        ident = (await gql(HELD, token=mod.token))["data"]["referralsHeld"]["edges"][0]["node"]["id"]
        body = (await gql(REVIEW, {"id": ident, "ok": False, "why": "alt account"}, token=mod.token))["data"]
        assert body["referralReview"]["referral"]["status"] == "REJECTED"
        await gain_xp(db, bob_id, LEVEL_10)
        assert await factories.balance(db, alice) == 5
        assert (await gql(REFERRER, token=made["accessToken"]))["data"]["myReferrer"]["status"] == "REJECTED"
        assert await kinds_of(db, alice.id) == ["referral.joined", "referral.held", "referral.rejected"]


async def test_a_players_own_requests_are_not_a_moderators_business(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        body = await gql(HELD, token=alice.token, expect_errors=True)
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_concurrent_applies_link_one_referrer(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        codes = []
        for name in ("alice", "erin", "frank"):
            who = await factories.player(db, name, secret=settings.secret_key)
            codes.append(await code_of(gql, who.token))
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        answers = await asyncio.gather(*(gql(APPLY, {"c": c}, token=bob.token) for c in codes))
        outcomes = sorted(tuple(e["code"] for e in a["data"]["referralApply"]["errors"]) for a in answers)
        assert outcomes == [(), ("ALREADY_REFERRED",), ("ALREADY_REFERRED",)]
        async with db.reader() as session:
            count = select(func.count()).where(col(Referral.referred_id) == bob.id)
            assert (await session.execute(count)).scalar_one() == 1


# --- the property ---------------------------------------------------------------------------

ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("register"), st.integers(0, 7)),
        st.tuples(st.just("register_bogus"), st.just(0)),
        st.tuples(st.just("apply"), st.integers(0, 7), st.integers(0, 7)),
        st.tuples(st.just("level"), st.integers(0, 7)),
        st.tuples(st.just("wait"), st.just(0)),
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_referral_linking_holds_whatever_the_sequence(
    database_url: str, actions: list[tuple[int | str, ...]]
) -> None:
    """Property (the plan's "referral linking"): whatever the sequence of registrations with codes,
    codes applied, days passing and players reaching level 10, every account has at most one
    referrer, nobody refers themselves, no chain of referrals loops, and each qualified referral
    was paid exactly once (plus each milestone once)."""

    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            clock = ManualClock(datetime(2026, 5, 1, 12, tzinfo=UTC))
            seed = await factories.player(db, f"ref{n}s", clock=clock)
            people = [seed.id]
            for step, action in enumerate(actions):
                kind = action[0]
                try:
                    async with db.transaction() as session:
                        if kind in ("register", "register_bogus"):
                            pick = people[int(action[1]) % len(people)]
                            code = (await links.code_of(session, pick, clock=clock)).code
                            user = await auth.create_user(
                                session, username=f"ref{n}u{step}", password=None, clock=clock
                            )
                            await links.link_at_registration(
                                session,
                                user=user,
                                code=code if kind == "register" else "ZZZZZZZZ",
                                client=None,
                                clock=clock,
                            )
                            people.append(int(user.id or 0))
                        elif kind == "apply":
                            who = people[int(action[1]) % len(people)]
                            pick = people[int(action[2]) % len(people)]
                            code = (await links.code_of(session, pick, clock=clock)).code
                            await links.apply(session, actor_id=who, code=code, client=None, clock=clock)
                        elif kind == "level":
                            who = people[int(action[1]) % len(people)]
                            await rewards.reached(session, referred_id=who, clock=clock)
                        else:
                            clock.advance(days=1)
                except DomainError as exc:
                    assert exc.code in {"INVALID_REFERRAL", "ALREADY_REFERRED", "NOT_NEW_ACCOUNT"}
            async with db.reader() as session:
                rows = (
                    (await session.execute(select(Referral).where(col(Referral.referred_id).in_(people))))
                    .scalars()
                    .all()
                )
                names = (await session.execute(select(col(User.id)).where(col(User.id).in_(people)))).all()
            assert len(names) == len(people)
            referrer = {r.referred_id: r.referrer_id for r in rows}
            assert len(referrer) == len(rows)
            assert all(a != b for a, b in referrer.items())
            for start in referrer:
                seen, cur = {start}, referrer.get(start)
                while cur is not None:
                    assert cur not in seen, "a chain of referrals loops"
                    seen.add(cur)
                    cur = referrer.get(cur)
            qualified: dict[int, int] = {}
            for r in rows:
                if r.status == common.QUALIFIED:
                    qualified[r.referrer_id] = qualified.get(r.referrer_id, 0) + 1
                    assert r.transfer_id is not None and r.reward == common.REWARD
            for who in people:
                count = qualified.get(who, 0)
                bonus = sum(b for m, b in common.MILESTONES.items() if m <= count)
                assert await factories.balance(db, who) == count * common.REWARD + bonus
        finally:
            await db.dispose()

    asyncio.run(body())


# --- no N+1 ---------------------------------------------------------------------------------

LISTS = "{ myReferrals { user { username } referrer { username } status } }"
HELD_LIST = "{ referralsHeld(first: 50) { edges { node { user { username } referrer { username } } } } }"
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


async def _statements(app: Any, gql: GraphQLClient, query: str, token: str | None) -> int:
    from tests.server.support import count_statements

    with count_statements(app.state.services.db) as seen:
        body = await gql(query, token=token)
    assert not body.get("errors")
    return len([s for s in seen if not s.lstrip().upper().startswith(CONTROL)])


async def test_the_referral_lists_cost_the_same_for_2_or_12_referrals(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        async with db.transaction() as session:
            await links.code_of(session, alice.id, clock=factories.CLOCK)
        costs = []
        for total in (2, 12):
            while True:
                async with db.reader() as session:
                    have = len(await links.of_referrer(session, user_id=alice.id, limit=100))
                if have >= total:
                    break
                async with db.transaction() as session:
                    user = await auth.create_user(
                        session, username=f"n1_{have}", password=None, clock=factories.CLOCK
                    )
                    code = (await links.code_of(session, alice.id, clock=factories.CLOCK)).code
                    made = await links.link_at_registration(
                        session, user=user, code=code, client=None, clock=factories.CLOCK
                    )
                    assert made is not None
                    made.status = common.HELD
            costs.append(
                (
                    await _statements(app, gql, LISTS, alice.token),
                    await _statements(app, gql, HELD_LIST, mod.token),
                )
            )
        assert costs[0] == costs[1], costs
