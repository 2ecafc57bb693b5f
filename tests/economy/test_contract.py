"""Issue 9's markets driven through GraphQL the way an outside client does: only the contract's
operation and field names, admins made with the first issues' names (`adminGrant`,
`adminItemCreate`), time moved with `adminClockAdvance` and jobs run with `adminJobRun`. Every
asset stays balanced in `adminEconomySupply` after each step."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from server.settings import Settings
from tests.conftest import GraphQLClient, make_admin
from tests.server.support import running

GRANT = """mutation($u: ID!, $a: Amount!) { adminGrant(input: {userId: $u, amount: $a, reason: "seed"}) {
  errors { code } } }"""
ITEM = """mutation($n: String!, $p: Amount!) { adminItemCreate(input: {name: $n, price: $p}) {
  item { id } errors { code } } }"""
BUY = (
    """mutation($i: ID!, $q: Int!) { shopPurchase(input: {itemId: $i, quantity: $q}) { errors { code } } }"""
)
WALLET = "{ me { balances { currency amount } inventory { item { id } quantity } } }"
SUPPLY = "{ adminEconomySupply { asset balanced } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB = "mutation($n: String!) { adminJobRun(input: {name: $n}) { name report errors { code message } } }"
JOBS = "{ adminJobs { name schedule lastRunAt } }"
OFFER = """mutation($to: ID!, $give: [TradeGoodInput!]!, $want: [TradeGoodInput!]!, $k: String) {
  tradeOfferCreate(input: {toUserId: $to, give: $give, want: $want, message: "deal?", idempotencyKey: $k}) {
    offer { id status } errors { code field message } } }"""
ACCEPT = """mutation($o: ID!) { tradeOfferAccept(input: {offerId: $o}) { offer { id status }
  errors { code field } } }"""
OFFERS = "{ tradeOffers(first: 10) { edges { node { id status } } } }"
AUCTION = """mutation($i: ID!, $start: Amount!) { auctionCreate(input: {itemId: $i, quantity: 1,
  startPrice: $start, buyoutPrice: null, durationDays: 1, currency: "COIN"}) {
  auction { id status currentBid endsAt } errors { code field } } }"""
BID = """mutation($a: ID!, $x: Amount!, $k: String) { auctionBid(input: {auctionId: $a, amount: $x,
  idempotencyKey: $k}) { errors { code field } } }"""
AUCTION_STATE = "query($a: ID!) { auction(id: $a) { id status currentBid endsAt } }"
DEPOSIT = """mutation($x: Amount!, $t: Int!) { bankDeposit(input: {amount: $x, termDays: $t}) {
  deposit { id balance maturesAt } errors { code field } } }"""
DEPOSITS = "{ myDeposits { id balance } }"
LOAN = """mutation($x: Amount!, $t: Int!) { loanRequest(input: {amount: $x, termDays: $t}) {
  loan { id principal outstanding rate } errors { code field } } }"""
REPAY = """mutation($l: ID!, $x: Amount!) { loanRepay(input: {loanId: $l, amount: $x}) {
  errors { code field } } }"""
LOANS = "{ myLoans { id principal outstanding rate } myCreditScore { score } }"
GIFT = """mutation($to: ID!, $x: Amount!, $k: String) { giftSend(input: {toUserId: $to, currency: "COIN",
  itemId: null, amount: $x, message: "hi", idempotencyKey: $k}) { errors { code field } } }"""
PRICES = "{ shopItems(first: 10) { edges { node { id price basePrice minPrice maxPrice priceTrend } } } }"


LOGIN = """mutation($u: String!) { authLogin(input: {username: $u, password: "password123"}) {
  accessToken } }"""


async def advance(gql: GraphQLClient, admin: str, seconds: int) -> dict[str, str]:
    """Moves the clock; access tokens live 15 minutes, so everybody signs in again."""
    moved = (await gql(ADVANCE, {"s": seconds}, token=admin))["data"]["adminClockAdvance"]
    assert moved["errors"] == []
    names = ("admin", "alice", "bob", "carol")
    return {n: (await gql(LOGIN, {"u": n}))["data"]["authLogin"]["accessToken"] for n in names}


def coins(body: dict[str, Any]) -> int:
    return sum(int(b["amount"]) for b in body["data"]["me"]["balances"] if b["currency"] == "COIN")


def held(body: dict[str, Any], item: str) -> int:
    return sum(int(e["quantity"]) for e in body["data"]["me"]["inventory"] if e["item"]["id"] == item)


async def balanced(gql: GraphQLClient, admin: str) -> None:
    supply = (await gql(SUPPLY, token=admin))["data"]["adminEconomySupply"]
    assert supply and all(row["balanced"] for row in supply), supply


async def test_trade_auction_bank_gift_and_pricing_through_the_contract(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        admin, _ = await make_admin(app, gql)
        alice, alice_id = await gql.register("alice")
        bob, bob_id = await gql.register("bob")
        carol, carol_id = await gql.register("carol")
        for user in (alice_id, bob_id, carol_id):
            assert (await gql(GRANT, {"u": user, "a": 5000}, token=admin))["data"]["adminGrant"][
                "errors"
            ] == []
        sword = (await gql(ITEM, {"n": "Sword", "p": 100}, token=admin))["data"]["adminItemCreate"]["item"][
            "id"
        ]
        assert (await gql(BUY, {"i": sword, "q": 2}, token=alice))["data"]["shopPurchase"]["errors"] == []
        jobs = {job["name"] for job in (await gql(JOBS, token=admin))["data"]["adminJobs"]}
        assert {
            "auction_settle",
            "bank_interest",
            "bank_loan_installments",
            "shop_pricing",
            "trade_expire",
        } <= jobs

        # Trade: one sword for 150 COIN; the seller receives 150 less a 5 % fee rounded up (8).
        offer = await gql(
            OFFER,
            {
                "to": bob_id,
                "give": [{"itemId": sword, "amount": 1}],
                "want": [{"currency": "COIN", "amount": 150}],
            },
            token=alice,
        )
        assert offer["data"]["tradeOfferCreate"]["errors"] == []
        assert offer["data"]["tradeOfferCreate"]["offer"]["status"] == "OPEN"
        offer_id = offer["data"]["tradeOfferCreate"]["offer"]["id"]
        before = coins(await gql(WALLET, token=alice))
        accepted = (await gql(ACCEPT, {"o": offer_id}, token=bob))["data"]["tradeOfferAccept"]
        assert accepted["errors"] == [] and accepted["offer"]["status"] == "ACCEPTED"
        assert coins(await gql(WALLET, token=alice)) == before + 142
        assert held(await gql(WALLET, token=bob), sword) == 1
        seen = (await gql(OFFERS, token=alice))["data"]["tradeOffers"]["edges"]
        assert [(e["node"]["id"], e["node"]["status"]) for e in seen] == [(offer_id, "ACCEPTED")]
        await balanced(gql, admin)

        # Auction: start 100, a bid must beat 100 by 5 %, the seller cannot bid, the job settles.
        created = (await gql(AUCTION, {"i": sword, "start": 100}, token=alice))["data"]["auctionCreate"]
        assert created["errors"] == [] and created["auction"]["status"] == "OPEN"
        auction = created["auction"]["id"]
        assert (await gql(BID, {"a": auction, "x": 100, "k": "b1"}, token=bob))["data"]["auctionBid"][
            "errors"
        ] == []
        low = (await gql(BID, {"a": auction, "x": 104, "k": "c1"}, token=carol))["data"]["auctionBid"][
            "errors"
        ]
        assert [e["code"] for e in low] == ["BID_TOO_LOW"]
        own = (await gql(BID, {"a": auction, "x": 500, "k": "a1"}, token=alice))["data"]["auctionBid"][
            "errors"
        ]
        assert [e["code"] for e in own] == ["OWN_AUCTION"]
        assert (await gql(BID, {"a": auction, "x": 105, "k": "c2"}, token=carol))["data"]["auctionBid"][
            "errors"
        ] == []
        state = (await gql(AUCTION_STATE, {"a": auction}))["data"]["auction"]
        assert int(state["currentBid"]) == 105
        tokens = await advance(gql, admin, 86400 + 60)
        admin, alice, bob, carol = (tokens[n] for n in ("admin", "alice", "bob", "carol"))
        run = (await gql(JOB, {"n": "auction_settle"}, token=admin))["data"]["adminJobRun"]
        assert run["errors"] == [], run
        assert (await gql(AUCTION_STATE, {"a": auction}))["data"]["auction"]["status"] == "SOLD"
        assert held(await gql(WALLET, token=carol), sword) == 1
        late = (await gql(BID, {"a": auction, "x": 900, "k": "b2"}, token=bob))["data"]["auctionBid"][
            "errors"
        ]
        assert [e["code"] for e in late] == ["AUCTION_CLOSED"]
        await balanced(gql, admin)

        # Bank: a 7-day deposit earns 2 % of its balance for a day, paid once however often the job runs.
        deposit = (await gql(DEPOSIT, {"x": 1000, "t": 7}, token=carol))["data"]["bankDeposit"]
        assert deposit["errors"] == [] and int(deposit["deposit"]["balance"]) == 1000
        bad = (await gql(DEPOSIT, {"x": 1000, "t": 5}, token=carol))["data"]["bankDeposit"]
        assert bad["deposit"] is None and [e["field"] for e in bad["errors"]] == ["termDays"]
        tokens = await advance(gql, admin, 86400)
        admin, alice, bob, carol = (tokens[n] for n in ("admin", "alice", "bob", "carol"))
        for _ in range(2):
            assert (await gql(JOB, {"n": "bank_interest"}, token=admin))["data"]["adminJobRun"][
                "errors"
            ] == []
        balances = [int(d["balance"]) for d in (await gql(DEPOSITS, token=carol))["data"]["myDeposits"]]
        assert balances == [1020]
        await balanced(gql, admin)

        # Loans: borrowed from the loans faucet, repaid in part.
        loan = (await gql(LOAN, {"x": 200, "t": 7}, token=bob))["data"]["loanRequest"]
        assert loan["errors"] == [], loan
        assert int(loan["loan"]["principal"]) == 200 and float(loan["loan"]["rate"]) > 0
        repay = await gql(REPAY, {"l": loan["loan"]["id"], "x": 50}, token=bob)
        assert repay["data"]["loanRepay"]["errors"] == []
        loans = (await gql(LOANS, token=bob))["data"]
        assert int(loans["myLoans"][0]["outstanding"]) == int(loan["loan"]["outstanding"]) - 50
        await balanced(gql, admin)

        # A gift, then the daily pricing job: prices stay within their bounds.
        gift = await gql(GIFT, {"to": alice_id, "x": 10, "k": "g1"}, token=bob)
        assert gift["data"]["giftSend"]["errors"] == []
        assert (await gql(JOB, {"n": "shop_pricing"}, token=admin))["data"]["adminJobRun"]["errors"] == []
        for edge in (await gql(PRICES))["data"]["shopItems"]["edges"]:
            node = edge["node"]
            assert int(node["minPrice"]) <= int(node["price"]) <= int(node["maxPrice"])
            assert node["priceTrend"] in {"RISING", "FALLING", "STABLE"}
        await balanced(gql, admin)
