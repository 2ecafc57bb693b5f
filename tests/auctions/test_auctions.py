"""The auction house through GraphQL: listing, bidding, buyout, anti-sniping, settlement by the job
on a moved clock, admin ending, refusals that change nothing, repeats and concurrent bids."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from resolvers import ledger
from resolvers.auctions import bids, common, lifecycle, settlement
from resolvers.errors import DomainError
from server.settings import Settings
from tests import factories
from tests.auctions.support import (
    ADVANCE,
    BID,
    CANCEL,
    CREATE,
    END,
    JOB_RUN,
    LIST,
    NOTES,
    ONE,
    SUPPLY,
    Market,
    codes,
    escrow_balances,
    fees,
    market,
    sound,
    token,
)
from tests.server.support import running
from tests.snapshot import changed, snapshot

DAY = 86400


async def listed(gql: Any, m: Market, **variables: Any) -> dict[str, Any]:
    sent = {"item": str(m.item.id), "quantity": "1", "start": "100", "days": 1} | variables
    body = await gql(CREATE, sent, token=m.seller.token)
    assert body["data"]["auctionCreate"]["errors"] == [], body
    return dict(body["data"]["auctionCreate"]["auction"])


async def bid(
    gql: Any, who: factories.Player | str, auction_id: str, amount: int, key: str | None = None
) -> Any:
    tok = who if isinstance(who, str) else who.token
    body = await gql(BID, {"id": auction_id, "amount": str(amount), "key": key}, token=tok)
    return body["data"]["auctionBid"]


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def test_an_auction_is_listed_bid_on_and_settled_by_the_job_after_its_end(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db, clock, secret = app.state.services.db, app.state.services.clock, settings.secret_key
        m = await market(db, secret)
        bob, carol = m.bidders
        # When alice lists one Golden Card for 1 day from 100, buyout 1000
        auction = await listed(gql, m, buyout="1000")
        assert auction["status"] == "OPEN" and auction["currentBid"] is None and auction["minimumBid"] == 100
        assert moment(auction["endsAt"]) - clock.now() > timedelta(hours=23, minutes=59)
        ident = int(auction["id"])
        # Then the card is in the auction's escrow
        assert await escrow_balances(db, ident) == {m.asset: 1}
        assert await factories.balance(db, m.seller, m.asset) == 1
        # When bob bids the start price and carol outbids him by at least 5%
        first = await bid(gql, bob, auction["id"], 100)
        assert first["errors"] == [] and first["auction"]["currentBid"] == 100
        assert first["auction"]["minimumBid"] == 105
        second = await bid(gql, carol, auction["id"], 105)
        assert second["errors"] == [] and second["auction"]["leader"] == {"username": "carol"}
        # Then bob has his coins back and is told; only carol's bid is held
        assert await factories.balance(db, bob) == 1000
        assert await factories.balance(db, carol) == 895
        assert await escrow_balances(db, ident) == {m.asset: 1, "COIN": 105}
        note = (await gql(NOTES, token=bob.token))["data"]["notifications"]["edges"][0]["node"]
        assert note["kind"] == "auction.outbid" and "Golden Card" in note["title"]
        # The job settles nothing before the end
        admin = m.admin.token
        early = await gql(JOB_RUN, {"n": "auction_settle"}, token=admin)
        assert early["data"]["adminJobRun"]["report"] == {"settled": 0, "failed": 0}
        # When the admin moves the clock past the end and runs the settlement job
        assert (await gql(ADVANCE, {"s": DAY + 60}, token=admin))["data"]["adminClockAdvance"]["errors"] == []
        admin = token(m.admin, secret, clock)
        run = await gql(JOB_RUN, {"n": "auction_settle"}, token=admin)
        assert run["data"]["adminJobRun"]["report"] == {"settled": 1, "failed": 0}
        # Then carol holds the card, alice has the price less the 10% fee, fees got 11
        done = (await gql(ONE, {"id": auction["id"]}))["data"]["auction"]
        assert done["status"] == "SOLD" and done["finalPrice"] == 105 and done["minimumBid"] is None
        assert done["bids"] == [
            {"amount": 105, "bidder": {"username": "carol"}},
            {"amount": 100, "bidder": {"username": "bob"}},
        ]
        assert await factories.balance(db, carol, m.asset) == 1
        assert await factories.balance(db, m.seller) == 40 + 105 - 11
        assert await fees(db) == 11
        assert await escrow_balances(db, ident) == {}
        kinds = {
            who.username: [
                e["node"]["kind"]
                for e in (await gql(NOTES, token=token(who, secret, clock)))["data"]["notifications"]["edges"]
            ]
            for who in (m.seller, carol)
        }
        assert kinds["alice"][0] == "auction.sold" and kinds["carol"][0] == "auction.won"
        # And a second run settles nothing more; the supply view stays balanced
        again = await gql(JOB_RUN, {"n": "auction_settle"}, token=admin)
        assert again["data"]["adminJobRun"]["report"] == {"settled": 0, "failed": 0}
        supply = (await gql(SUPPLY, token=admin))["data"]["adminEconomySupply"]
        assert all(row["balanced"] for row in supply) and all(row["escrow"] == 0 for row in supply)
        assert await sound(db)


async def test_an_auction_nobody_bid_on_returns_the_item_to_the_seller(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db, clock, secret = app.state.services.db, app.state.services.clock, settings.secret_key
        m = await market(db, secret)
        auction = await listed(gql, m, quantity="2", days=3)
        assert await factories.balance(db, m.seller, m.asset) == 0
        await gql(ADVANCE, {"s": 3 * DAY}, token=m.admin.token)
        admin = token(m.admin, secret, clock)
        run = await gql(JOB_RUN, {"n": "auction_settle"}, token=admin)
        assert run["data"]["adminJobRun"]["report"]["settled"] == 1
        assert (await gql(ONE, {"id": auction["id"]}))["data"]["auction"]["status"] == "UNSOLD"
        assert await factories.balance(db, m.seller, m.asset) == 2
        notes = (await gql(NOTES, token=token(m.seller, secret, clock)))["data"]["notifications"]["edges"]
        assert notes[0]["node"]["kind"] == "auction.unsold"
        # A bid after the end is refused
        late = await bid(gql, token(m.bidders[0], secret, clock), auction["id"], 100)
        assert codes(late) == [("AUCTION_CLOSED", "auctionId")]
        assert await sound(db)


async def test_a_bid_at_the_buyout_sells_at_once_for_the_buyout_price(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        m = await market(db, settings.secret_key)
        bob, carol = m.bidders
        auction = await listed(gql, m, start="50", buyout="200")
        await bid(gql, bob, auction["id"], 60)
        # When carol bids more than the buyout
        body = await bid(gql, carol, auction["id"], 500)
        assert body["errors"] == []
        # Then it is sold to her for the buyout only; bob is refunded
        assert body["auction"]["status"] == "SOLD" and body["auction"]["finalPrice"] == 200
        assert body["bid"]["amount"] == 200
        assert await factories.balance(db, carol) == 800
        assert await factories.balance(db, bob) == 1000
        assert await factories.balance(db, carol, m.asset) == 1
        assert await factories.balance(db, m.seller) == 40 + 180
        assert await fees(db) == 20
        assert await escrow_balances(db, int(auction["id"])) == {}
        refused = await bid(gql, bob, auction["id"], 300)
        assert codes(refused) == [("AUCTION_CLOSED", "auctionId")]
        assert await sound(db)


async def test_a_late_bid_moves_the_end_five_minutes_after_it(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db, clock, secret = app.state.services.db, app.state.services.clock, settings.secret_key
        m = await market(db, secret)
        auction = await listed(gql, m)
        ends = moment(auction["endsAt"])
        # A bid with an hour left changes nothing
        body = await bid(gql, m.bidders[0], auction["id"], 100)
        assert moment(body["auction"]["endsAt"]) == ends and body["auction"]["extensions"] == 0
        # When the clock moves to two minutes before the end and carol bids
        await gql(ADVANCE, {"s": DAY - 120}, token=m.admin.token)
        body = await bid(gql, token(m.bidders[1], secret, clock), auction["id"], 105)
        # Then the end is five minutes after her bid
        new_end = moment(body["auction"]["endsAt"])
        assert body["auction"]["extensions"] == 1
        assert ends + timedelta(minutes=2) < new_end <= clock.now() + timedelta(minutes=5)
        # And the job does not settle it at the old end
        await gql(ADVANCE, {"s": 150}, token=token(m.admin, secret, clock))
        admin = token(m.admin, secret, clock)
        assert (await gql(JOB_RUN, {"n": "auction_settle"}, token=admin))["data"]["adminJobRun"]["report"][
            "settled"
        ] == 0
        await gql(ADVANCE, {"s": 300}, token=admin)
        admin = token(m.admin, secret, clock)
        assert (await gql(JOB_RUN, {"n": "auction_settle"}, token=admin))["data"]["adminJobRun"]["report"][
            "settled"
        ] == 1
        assert await factories.balance(db, m.bidders[1], m.asset) == 1


async def test_late_bids_extend_an_auction_at_most_twelve_times(database_url: str) -> None:
    from db.engine import Database
    from resolvers.clock import ManualClock

    clock = ManualClock()
    db = Database(database_url)
    try:
        m = await market(db, "s" * 40, clock=clock)
        async with db.transaction() as session:
            made = await lifecycle.create(
                session,
                actor_id=m.seller.id,
                item_id=m.item.id,
                quantity=1,
                start_price=10,
                buyout_price=None,
                duration_days=1,
                currency="COIN",
                clock=clock,
            )
        ident = int(made.auction.id or 0)
        clock.advance(days=1, minutes=-1)
        amount = 10
        ends = None
        for n in range(13):
            async with db.transaction() as session:
                done = await bids.bid(
                    session,
                    actor_id=m.bidders[n % 2].id,
                    auction_id=ident,
                    amount=amount,
                    idempotency_key=None,
                    clock=clock,
                )
            assert done.auction.extensions == min(n + 1, 12)
            if n < 12:
                assert done.auction.ends_at == clock.now() + common.SNIPE_WINDOW
            else:
                assert done.auction.ends_at == ends  # the 13th late bid no longer moves the end
            ends, amount = done.auction.ends_at, common.minimum_bid(done.auction)
            clock.advance(minutes=4)
        clock.advance(minutes=1)
        with pytest.raises(DomainError) as refused:
            async with db.transaction() as session:
                await bids.bid(
                    session,
                    actor_id=m.bidders[0].id,
                    auction_id=ident,
                    amount=amount,
                    idempotency_key=None,
                    clock=clock,
                )
        assert refused.value.code == "AUCTION_CLOSED"
        async with db.transaction() as session:
            assert await settlement.settle(session, auction_id=ident, clock=clock) is not None
        assert await sound(db)
    finally:
        await db.dispose()


async def test_an_admin_ends_an_auction_early_and_it_settles_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        m = await market(db, settings.secret_key)
        auction = await listed(gql, m, days=14)
        await bid(gql, m.bidders[0], auction["id"], 150)
        body = (await gql(END, {"id": auction["id"]}, token=m.admin.token))["data"]["auctionEnd"]
        assert body["errors"] == [] and body["auction"]["status"] == "SOLD"
        assert body["auction"]["finalPrice"] == 150
        assert await factories.balance(db, m.bidders[0], m.asset) == 1
        assert await factories.balance(db, m.seller) == 40 + 150 - 15
        before = await snapshot(db)
        again = (await gql(END, {"id": auction["id"]}, token=m.admin.token))["data"]["auctionEnd"]
        assert codes(again) == [("AUCTION_CLOSED", "auctionId")]
        assert changed(before, await snapshot(db)) == {}
        forbidden = await gql(END, {"id": auction["id"]}, token=m.seller.token, expect_errors=True)
        assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_seller_cancels_an_auction_without_bids(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        m = await market(db, settings.secret_key)
        auction = await listed(gql, m)
        other = await listed(gql, m)
        await bid(gql, m.bidders[0], other["id"], 100)
        # Refusals: someone else's auction, one with bids
        for who, ident, expected in (
            (m.bidders[0], auction["id"], ("NOT_SELLER", "auctionId")),
            (m.seller, other["id"], ("HAS_BIDS", "auctionId")),
        ):
            before = await snapshot(db)
            body = (await gql(CANCEL, {"id": ident}, token=who.token))["data"]["auctionCancel"]
            assert codes(body) == [expected]
            assert changed(before, await snapshot(db)) == {}
        body = (await gql(CANCEL, {"id": auction["id"]}, token=m.seller.token))["data"]["auctionCancel"]
        assert body["errors"] == [] and body["auction"]["status"] == "CANCELLED"
        assert await factories.balance(db, m.seller, m.asset) == 1
        assert await escrow_balances(db, int(auction["id"])) == {}


async def test_auctions_are_listed_newest_first_by_page_and_status(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        m = await market(app.state.services.db, settings.secret_key, quantity=3)
        made = [await listed(gql, m) for _ in range(3)]
        await gql(CANCEL, {"id": made[0]["id"]}, token=m.seller.token)
        page = (await gql(LIST, {"first": 2}))["data"]["auctions"]
        assert [e["node"]["id"] for e in page["edges"]] == [made[2]["id"], made[1]["id"]]
        assert page["pageInfo"]["hasNextPage"]
        rest = (await gql(LIST, {"first": 2, "after": page["pageInfo"]["endCursor"]}))["data"]["auctions"]
        assert [e["node"]["id"] for e in rest["edges"]] == [made[0]["id"]]
        opened = (await gql(LIST, {"first": 10, "status": "OPEN"}))["data"]["auctions"]["edges"]
        assert [e["node"]["id"] for e in opened] == [made[2]["id"], made[1]["id"]]


CREATE_REFUSALS = [
    ({"item": "999999"}, "UNKNOWN_ITEM", "itemId"),
    ({"item": "nope"}, "UNKNOWN_ITEM", "itemId"),
    ({"item": "badge"}, "NOT_TRADEABLE", "itemId"),
    ({"quantity": "0"}, "INVALID_AMOUNT", "quantity"),
    ({"quantity": "3"}, "INSUFFICIENT_FUNDS", "quantity"),
    ({"start": "0"}, "INVALID_AMOUNT", "startPrice"),
    ({"start": "2.5"}, "INVALID_AMOUNT", "startPrice"),
    ({"start": "100", "buyout": "99"}, "INVALID_BUYOUT", "buyoutPrice"),
    ({"days": 2}, "INVALID_DURATION", "durationDays"),
    ({"days": 0}, "INVALID_DURATION", "durationDays"),
    ({"currency": "GOLD"}, "UNKNOWN_CURRENCY", "currency"),
]


@pytest.mark.parametrize(("variables", "code", "field"), CREATE_REFUSALS)
async def test_a_refused_listing_says_why_and_changes_nothing(
    settings: Settings, variables: dict[str, Any], code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        m = await market(db, settings.secret_key)
        badge = await factories.item(db, name="Badge", price=1, tradeable=False)
        await factories.holding(db, m.seller, badge, 1)
        sent = {"item": str(m.item.id), "quantity": "1", "start": "100", "days": 1} | variables
        if sent["item"] == "badge":
            sent["item"] = str(badge.id)
        before = await snapshot(db)
        body = (await gql(CREATE, sent, token=m.seller.token))["data"]["auctionCreate"]
        assert body["auction"] is None
        assert codes(body) == [(code, field)]
        assert changed(before, await snapshot(db)) == {}


BID_REFUSALS = [
    ("bob", "open", "99", "BID_TOO_LOW", "amount"),
    ("carol", "leading", "104", "BID_TOO_LOW", "amount"),
    ("alice", "open", "100", "OWN_AUCTION", "auctionId"),
    ("bob", "ended", "500", "AUCTION_CLOSED", "auctionId"),
    ("poor", "open", "100", "INSUFFICIENT_FUNDS", "amount"),
    ("bob", "missing", "100", "UNKNOWN_AUCTION", "auctionId"),
    ("bob", "garbage", "100", "UNKNOWN_AUCTION", "auctionId"),
    ("bob", "open", "0", "INVALID_AMOUNT", "amount"),
    ("bob", "open", "-5", "INVALID_AMOUNT", "amount"),
]


@pytest.mark.parametrize(("who", "which", "amount", "code", "field"), BID_REFUSALS)
async def test_a_refused_bid_says_why_and_changes_nothing(
    settings: Settings, who: str, which: str, amount: str, code: str, field: str
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        m = await market(db, settings.secret_key, quantity=3)
        poor = await factories.player(db, "poor", coins=50, secret=settings.secret_key)
        bob, carol = m.bidders
        opened = await listed(gql, m)
        leading = await listed(gql, m)
        assert (await bid(gql, bob, leading["id"], 100))["errors"] == []
        ended = await gql(END, {"id": (await listed(gql, m))["id"]}, token=m.admin.token)
        target = {
            "open": opened["id"],
            "leading": leading["id"],
            "ended": ended["data"]["auctionEnd"]["auction"]["id"],
            "missing": "999999",
            "garbage": "x1",
        }[which]
        actor = {"bob": bob, "carol": carol, "alice": m.seller, "poor": poor}[who]
        before = await snapshot(db)
        body = await bid(gql, actor, target, int(amount))
        assert body["bid"] is None and body["auction"] is None
        assert codes(body) == [(code, field)]
        assert changed(before, await snapshot(db)) == {}


async def test_a_repeated_bid_key_returns_the_first_bid_and_moves_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        m = await market(db, settings.secret_key)
        bob, carol = m.bidders
        auction = await listed(gql, m)
        first = await bid(gql, bob, auction["id"], 120, key="bid-1")
        await bid(gql, carol, auction["id"], 130)
        # The repeat comes after carol outbid him: it returns his first bid, and moves nothing
        before = await snapshot(db)
        again = await bid(gql, bob, auction["id"], 120, key="bid-1")
        assert again["errors"] == [] and again["bid"]["id"] == first["bid"]["id"]
        assert again["auction"]["currentBid"] == 130
        assert changed(before, await snapshot(db)) == {}
        reused = await bid(gql, bob, auction["id"], 140, key="bid-1")
        assert codes(reused) == [("IDEMPOTENCY_KEY_REUSED", "idempotencyKey")]
        assert await factories.balance(db, bob) == 1000


async def test_concurrent_bids_never_both_win(settings: Settings) -> None:
    """Eight bidders bid the same amount at once (twice over): exactly one bid is accepted each round,
    escrow holds exactly the winning bid and everyone else keeps their coins."""
    async with running(settings) as (app, gql):
        db = app.state.services.db
        m = await market(db, settings.secret_key, bidders=8)
        auction = await listed(gql, m)
        for amount in (100, 200):
            outcomes = await asyncio.gather(*(bid(gql, who, auction["id"], amount) for who in m.bidders))
            accepted = [o for o in outcomes if o["errors"] == []]
            assert len(accepted) == 1, outcomes
            assert sorted(codes(o) for o in outcomes if o["errors"]) == [[("BID_TOO_LOW", "amount")]] * 7
        async with db.reader() as session:
            held = {
                p.username: (await ledger.balances_of(session, "user", p.id)).get("COIN", 0)
                for p in m.bidders
            }
        assert sorted(held.values()) == [800] + [1000] * 7
        assert await escrow_balances(db, int(auction["id"])) == {m.asset: 1, "COIN": 200}
        assert await sound(db)


async def test_concurrent_settlements_settle_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        m = await market(db, settings.secret_key)
        auction = await listed(gql, m)
        await bid(gql, m.bidders[0], auction["id"], 100)
        later = factories.CLOCK.now() + timedelta(days=2)

        class Later:
            def now(self) -> datetime:
                return later

        async def settle() -> bool:
            async with db.transaction() as session:
                return (
                    await settlement.settle(session, auction_id=int(auction["id"]), clock=Later()) is not None
                )

        results = await asyncio.gather(*(settle() for _ in range(4)), return_exceptions=True)
        assert sorted(r is True for r in results) == [False, False, False, True], results
        assert await factories.balance(db, m.bidders[0], m.asset) == 1
        assert await factories.balance(db, m.seller) == 40 + 90
        assert await sound(db)


async def test_the_last_auction_sale_sets_an_items_market_value(database_url: str) -> None:
    from db.engine import Database
    from resolvers import market_value
    from resolvers.clock import ManualClock

    clock = ManualClock()
    db = Database(database_url)
    try:
        m = await market(db, "s" * 40, clock=clock)
        item = int(m.item.id or 0)
        async with db.reader() as session:
            assert await market_value.item_prices(session, [item]) == {item: 5}  # the shop sale
        clock.advance(minutes=1)
        async with db.transaction() as session:
            made = await lifecycle.create(
                session,
                actor_id=m.seller.id,
                item_id=item,
                quantity=2,
                start_price=210,
                buyout_price=None,
                duration_days=1,
                currency="COIN",
                clock=clock,
            )
            ident = int(made.auction.id or 0)
            await bids.bid(
                session,
                actor_id=m.bidders[0].id,
                auction_id=ident,
                amount=210,
                idempotency_key=None,
                clock=clock,
            )
        clock.advance(days=2)
        async with db.transaction() as session:
            assert await settlement.settle(session, auction_id=ident, clock=clock) is not None
        async with db.reader() as session:
            assert await market_value.item_prices(session, [item]) == {item: 105}
    finally:
        await db.dispose()


LIST_DEEP = (
    "{ auctions(first: 50) { edges { node { id currentBid item { name } seller { username }"
    " leader { username } bids { amount bidder { username } } } } } }"
)


async def test_the_auction_list_costs_the_same_for_one_or_ten_auctions(settings: Settings) -> None:
    from tests.server.support import count_statements

    async def counted(gql: Any) -> tuple[int, int]:
        with count_statements(db) as seen:
            body = await gql(LIST_DEEP)
        control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
        return len([s for s in seen if not s.lstrip().upper().startswith(control)]), len(
            body["data"]["auctions"]["edges"]
        )

    async with running(settings) as (app, gql):
        db = app.state.services.db
        m = await market(db, settings.secret_key, quantity=10)
        first = await listed(gql, m)
        await bid(gql, m.bidders[0], first["id"], 100)
        one = await counted(gql)
        for n in range(9):
            made = await listed(gql, m)
            await bid(gql, m.bidders[n % 2], made["id"], 100)
        ten = await counted(gql)
    # The page, then one load each of items, users and bids, whatever the number of auctions
    assert (one[1], ten[1]) == (1, 10)
    assert one[0] == ten[0] == 4
