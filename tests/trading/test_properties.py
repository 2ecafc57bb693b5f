"""Trading under pressure: concurrent accept and cancel on PostgreSQL (exactly one wins), and the
plan's properties "trade atomicity" (assets conserved, fees exact, all or nothing) and "trade scam
detection" (flagged exactly when one side is worth under 10% of the other)."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.models.trading import TradeFlag, TradeOffer
from resolvers import ledger
from resolvers.errors import DomainError
from resolvers.trading import common, settlement
from resolvers.trading import offers as trade_offers
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot
from tests.trading.support import ACCEPT, CANCEL, CREATE, coins, conserved, escrow, fees, items, stocked

_round = itertools.count()


@pytest.mark.parametrize("backend", ["postgres"])
async def test_concurrent_accept_and_cancel_exactly_one_wins(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=100, secret=settings.secret_key)
        bob = await factories.player(db, "bob", coins=0, secret=settings.secret_key)
        sword = await stocked(db, bob, price=1, quantity=8, name="Sword")
        offers = []
        for _ in range(8):
            made = await gql(
                CREATE, {"to": str(bob.id), "give": [coins(10)], "want": [items(sword, 1)]}, token=alice.token
            )
            offers.append(made["data"]["tradeOfferCreate"]["offer"]["id"])

        async def race(offer_id: str) -> tuple[list[str], list[str]]:
            accepted, cancelled = await asyncio.gather(
                gql(ACCEPT, {"id": offer_id}, token=bob.token),
                gql(CANCEL, {"id": offer_id}, token=alice.token),
            )
            return (
                [e["code"] for e in accepted["data"]["tradeOfferAccept"]["errors"]],
                [e["code"] for e in cancelled["data"]["tradeOfferCancel"]["errors"]],
            )

        outcomes = await asyncio.gather(*(race(o) for o in offers))
        async with db.reader() as session:
            rows = {str(o.id): o.status for o in (await session.execute(select(TradeOffer))).scalars().all()}
    won = 0
    for offer_id, (accept_errors, cancel_errors) in zip(offers, outcomes, strict=True):
        assert sorted([accept_errors, cancel_errors]) == [[], ["OFFER_CLOSED"]], (
            accept_errors,
            cancel_errors,
        )
        assert rows[offer_id] == ("ACCEPTED" if not accept_errors else "CANCELLED")
        won += not accept_errors
    assert await factories.balance(db, alice) == 100 - 10 * won
    assert await factories.balance(db, alice, ledger.item_asset(sword)) == won
    assert await factories.balance(db, bob) == 9 * won
    assert await fees(db) == won
    assert await escrow(db) == {}
    assert await conserved(db)


async def _gem(db: Database) -> None:
    async with db.transaction() as session:
        await ledger.ensure_asset(session, "GEM", kind="currency", name="Gem")


async def _attempt(db: Database, work: Any) -> DomainError | None:
    try:
        async with db.transaction() as session:
            await work(session)
    except DomainError as refusal:
        return refusal
    return None


amounts = st.integers(0, 120)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    held=st.tuples(amounts, amounts, amounts, amounts), terms=st.tuples(amounts, amounts, amounts, amounts)
)
def test_a_trade_moves_everything_or_nothing_and_the_fees_are_exact(
    database_url: str, held: tuple[int, int, int, int], terms: tuple[int, int, int, int]
) -> None:
    """alice holds (COIN, swords), bob (GEM, shields); alice offers (COIN, swords) for (GEM, shields).
    Creating and accepting either succeed with exact balances (each currency amount less
    ceil(5%), paid to fees) or are refused changing nothing; every asset always sums to zero."""
    coin_held, swords_held, gem_held, shields_held = held
    coin_given, swords_given, gem_wanted, shields_wanted = terms

    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            await _gem(db)
            alice, bob = await factories.players(db, f"ta{n}", f"tb{n}")
            sword = (
                await stocked(db, alice, price=1, quantity=swords_held, name=f"sword{n}")
                if swords_held
                else 0
            )
            shield = (
                await stocked(db, bob, price=1, quantity=shields_held, name=f"shield{n}")
                if shields_held
                else 0
            )
            sword = sword or int((await factories.item(db, name=f"sword{n}", price=1)).id or 0)
            shield = shield or int((await factories.item(db, name=f"shield{n}", price=1)).id or 0)
            if coin_held:
                await factories.grant(db, alice, coin_held)
            if gem_held:
                await factories.grant(db, bob, gem_held, currency="GEM")
            give = [{"currency": "COIN", "amount": coin_given}] if coin_given else []
            give += [{"item_id": sword, "amount": swords_given}] if swords_given else []
            want = [{"currency": "GEM", "amount": gem_wanted}] if gem_wanted else []
            want += [{"item_id": shield, "amount": shields_wanted}] if shields_wanted else []
            assets = ["COIN", "GEM", ledger.item_asset(sword), ledger.item_asset(shield)]
            start = {(who, a): await factories.balance(db, who, a) for who in (alice, bob) for a in assets}
            fees_before = {a: await fees(db, a) for a in ("COIN", "GEM")}
            made: list[int] = []

            async def create(session: Any) -> None:
                outcome = await trade_offers.create(
                    session,
                    actor_id=alice.id,
                    to_user_id=bob.id,
                    give=give,
                    want=want,
                    message=None,
                    idempotency_key=None,
                    clock=factories.CLOCK,
                )
                made.append(int(outcome.offer.id or 0))

            before = await snapshot(db)
            refused = await _attempt(db, create)
            if refused is not None:
                assert refused.code in {"EMPTY_OFFER", "INSUFFICIENT_FUNDS"}, refused
                assert refused.code == "EMPTY_OFFER" or coin_given > coin_held or swords_given > swords_held
                assert changed(before, await snapshot(db)) == {}
                return
            before = await snapshot(db)
            refused = await _attempt(
                db, lambda s: settlement.accept(s, actor_id=bob.id, offer_id=made[0], clock=factories.CLOCK)
            )
            now = {(who, a): await factories.balance(db, who, a) for who in (alice, bob) for a in assets}
            if refused is not None:
                assert refused.code == "INSUFFICIENT_FUNDS" and refused.field == "want"
                assert gem_wanted > gem_held or shields_wanted > shields_held
                assert changed(before, await snapshot(db)) == {}
            else:
                coin_fee, gem_fee = common.fee("COIN", coin_given), common.fee("GEM", gem_wanted)
                assert coin_fee == -(-coin_given * 5 // 100) and gem_fee == -(-gem_wanted * 5 // 100)
                sword_asset, shield_asset = ledger.item_asset(sword), ledger.item_asset(shield)
                expected = dict(start)
                expected[(alice, "COIN")] -= coin_given
                expected[(bob, "COIN")] += coin_given - coin_fee
                expected[(bob, "GEM")] -= gem_wanted
                expected[(alice, "GEM")] += gem_wanted - gem_fee
                expected[(alice, sword_asset)] -= swords_given
                expected[(bob, sword_asset)] += swords_given
                expected[(bob, shield_asset)] -= shields_wanted
                expected[(alice, shield_asset)] += shields_wanted
                assert now == expected
                assert await fees(db, "COIN") - fees_before["COIN"] == coin_fee
                assert await fees(db, "GEM") - fees_before["GEM"] == gem_fee
            assert await conserved(db)
        finally:
            await db.dispose()

    asyncio.run(body())


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(price=st.integers(0, 400), quantity=st.integers(1, 5), offered=st.integers(1, 400))
def test_an_offer_is_flagged_exactly_when_one_side_is_worth_under_a_tenth_of_the_other(
    database_url: str, price: int, quantity: int, offered: int
) -> None:
    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            alice, bob = await factories.players(db, f"sa{n}", f"sb{n}", coins=offered)
            gem = await stocked(db, bob, price=price, quantity=quantity, name=f"gem{n}")
            async with db.transaction() as session:
                outcome = await trade_offers.create(
                    session,
                    actor_id=alice.id,
                    to_user_id=bob.id,
                    give=[{"currency": "COIN", "amount": offered}],
                    want=[{"item_id": gem, "amount": quantity}],
                    message=None,
                    idempotency_key=None,
                    clock=factories.CLOCK,
                )
            offer = outcome.offer
            worth = price * quantity
            low, high = min(offered, worth), max(offered, worth)
            assert (offer.give_value, offer.want_value) == (offered, worth)
            assert offer.lopsided == (low * 10 < high)
            async with db.reader() as session:
                flag = (
                    await session.execute(select(TradeFlag).where(col(TradeFlag.offer_id) == offer.id))
                ).scalar_one_or_none()
            assert (flag is not None) == offer.lopsided
            if flag is not None:
                assert flag.beneficiary_id == (alice.id if offered < worth else bob.id)
        finally:
            await db.dispose()

    asyncio.run(body())
