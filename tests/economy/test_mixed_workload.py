"""The economy under a concurrent mixed workload on PostgreSQL: payments, shop purchases, gifts,
trades (new offers, and accept racing cancel), auction bids, bank deposits (and withdrawals racing
each other) and loans, many at once; then, a few days later by the clock, the daily work (auction
settlement, offer expiry, interest, loan installments) while more payments and purchases run.

Afterwards every asset sums to zero and stored balances match the transfers, the supply view is
balanced, no player balance is negative, the escrows hold exactly what is still on offer (nothing
for trades and auctions, the open deposits for the bank), every item unit bought is held by a
player or in escrow, and the audit chain verifies once sealed.

Each operation is a use case in its own unit of work (the runner the API and the jobs use, which
retries deadlocks); a refusal must be one the player could get (funds, a bid too low, an offer
already closed, ...): anything else fails the test.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models import Account, Event, Purchase
from db.models.auctions import Auction
from db.models.bank import Deposit, Loan
from db.models.trading import TradeOffer
from resolvers import admin, audit, gifts, ledger, shop, unit_of_work, wallet
from resolvers.auctions import bids as auction_bids
from resolvers.auctions import common as auction_common
from resolvers.auctions import lifecycle as auction_lifecycle
from resolvers.auctions import settlement as auction_settlement
from resolvers.bank import common as bank_common
from resolvers.bank import loans, savings
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from resolvers.trading import common as trade_common
from resolvers.trading import offers as trade_offers
from resolvers.trading import queries as trade_queries
from resolvers.trading import settlement as trade_settlement
from tests import factories

PLAYERS = 10
COINS = 5_000
OPERATIONS = 160
AFTERWARDS = 40
# Refusals a player can meet when others move the same balances, offers, auctions and deposits.
EXPECTED = {
    "INSUFFICIENT_FUNDS",
    "BID_TOO_LOW",
    "AUCTION_CLOSED",
    "OFFER_CLOSED",
    "GIFT_LIMIT_REACHED",
    "OUT_OF_STOCK",
    "DEPOSIT_CLOSED",
    "LOAN_ALREADY_OPEN",
    "LOAN_LIMIT_EXCEEDED",
    "CREDIT_SCORE_TOO_LOW",
}

Op = Callable[[AsyncSession], Awaitable[Any]]


async def _no_publisher(events: list[Event]) -> None:
    """Nobody listens live here; the events stay in their table."""


@dataclass
class Economy:
    db: Database
    clock: ManualClock
    players: list[int] = field(default_factory=list)
    items: dict[str, int] = field(default_factory=dict)
    auctions: list[tuple[int, int]] = field(default_factory=list)  # (auction, seller)
    offers: list[tuple[int, int, int]] = field(default_factory=list)  # (offer, sender, recipient)
    deposits: list[tuple[int, int]] = field(default_factory=list)  # (deposit, owner)
    done: Counter[str] = field(default_factory=Counter)
    refused: Counter[tuple[str, str]] = field(default_factory=Counter)

    async def run(self, kind: str, op: Op) -> Any:
        try:
            result = await unit_of_work.run(self.db, op, publish=_no_publisher)
        except DomainError as exc:
            assert exc.code in EXPECTED, f"{kind}: unexpected refusal {exc.code}: {exc.message}"
            self.refused[(kind, exc.code)] += 1
            return None
        self.done[kind] += 1
        return result


async def build(db: Database, clock: ManualClock) -> Economy:
    """Players with coins and items, open auctions, open trade offers and deposits."""
    economy = Economy(db=db, clock=clock)
    made = await factories.players(db, *(f"trader{i}" for i in range(PLAYERS)), coins=COINS, clock=clock)
    economy.players = [p.id for p in made]
    for name, price, stock in (("Sword", 40, None), ("Potion", 5, None), ("Relic", 60, 25)):
        item = await factories.item(db, name=name, price=price, stock=stock, clock=clock)
        economy.items[name] = int(item.id or 0)
    for who in economy.players:
        await factories.holding(db, who, economy.items["Sword"], 2, clock=clock)
        await factories.holding(db, who, economy.items["Potion"], 3, clock=clock)
    for seller in economy.players[:4]:
        listed = await economy.run(
            "auction",
            lambda s, seller=seller: auction_lifecycle.create(
                s,
                actor_id=seller,
                item_id=economy.items["Sword"],
                quantity=1,
                start_price=20,
                buyout_price=900,
                duration_days=1,
                currency="COIN",
                clock=clock,
            ),
        )
        economy.auctions.append((int(listed.auction.id), seller))
    for i, sender in enumerate(economy.players):
        recipient = economy.players[(i + 1) % PLAYERS]
        offered = await economy.run("offer", _offer(economy, sender, recipient, key=None))
        economy.offers.append((int(offered.offer.id), sender, recipient))
    for owner in economy.players[:5]:
        opened = await economy.run(
            "deposit",
            lambda s, owner=owner: savings.deposit(
                s, actor_id=owner, amount=300, term_days=7, idempotency_key=None, clock=clock
            ),
        )
        economy.deposits.append((int(opened.deposit.id), owner))
    return economy


def _offer(economy: Economy, sender: int, recipient: int, key: str | None) -> Op:
    return lambda s: trade_offers.create(
        s,
        actor_id=sender,
        to_user_id=recipient,
        give=[{"item_id": economy.items["Potion"], "amount": 1}, {"currency": "COIN", "amount": 15}],
        want=[{"item_id": economy.items["Sword"], "amount": 1}],
        message=None,
        idempotency_key=key,
        clock=economy.clock,
    )


def operations(economy: Economy, rng: random.Random) -> list[tuple[str, Op]]:
    """The concurrent batch: every kind, shuffled, with the contended pairs (accept vs cancel of
    one offer, two withdrawals of one deposit) both in it."""
    clock, players, items = economy.clock, economy.players, economy.items
    ops: list[tuple[str, Op]] = []

    def two() -> tuple[int, int]:
        a, b = rng.sample(players, 2)
        return a, b

    for n in range(OPERATIONS):
        kind = ("pay", "buy", "gift", "trade", "bid", "deposit", "loan", "pay")[n % 8]
        a, b = two()
        if kind == "pay":
            amount = rng.randint(1, 400)
            ops.append(
                (
                    kind,
                    lambda s, a=a, b=b, amount=amount, n=n: wallet.transfer(
                        s,
                        actor_id=a,
                        to_user_id=b,
                        currency="COIN",
                        amount=amount,
                        idempotency_key=f"pay-{n}",
                        memo=None,
                        clock=clock,
                    ),
                )
            )
        elif kind == "buy":
            item = items[rng.choice(["Sword", "Potion", "Relic"])]
            ops.append(
                (
                    kind,
                    lambda s, a=a, item=item, q=rng.randint(1, 3): shop.purchase(
                        s, actor_id=a, item_id=item, quantity=q, idempotency_key=None, clock=clock
                    ),
                )
            )
        elif kind == "gift":
            currency, item = ("COIN", None) if n % 3 else (None, items["Potion"])
            ops.append(
                (
                    kind,
                    lambda s, a=a, b=b, currency=currency, item=item: gifts.send(
                        s,
                        actor_id=a,
                        to_user_id=b,
                        currency=currency,
                        item_id=item,
                        amount=1 if item else rng.randint(1, 50),
                        message="gg",
                        idempotency_key=None,
                        clock=clock,
                    ),
                )
            )
        elif kind == "trade":
            ops.append((kind, _offer(economy, a, b, key=f"offer-{n}")))
        elif kind == "bid":
            auction, seller = rng.choice(economy.auctions)
            bidder = rng.choice([p for p in players if p != seller])
            ops.append(
                (
                    kind,
                    lambda s, auction=auction, bidder=bidder, amount=rng.randint(20, 920), n=n: (
                        auction_bids.bid(
                            s,
                            actor_id=bidder,
                            auction_id=auction,
                            amount=amount,
                            idempotency_key=f"bid-{n}",
                            clock=clock,
                        )
                    ),
                )
            )
        elif kind == "deposit":
            ops.append(
                (
                    kind,
                    lambda s, a=a, amount=rng.randint(10, 500): savings.deposit(
                        s, actor_id=a, amount=amount, term_days=7, idempotency_key=None, clock=clock
                    ),
                )
            )
        else:
            ops.append(
                (
                    kind,
                    lambda s, a=a, amount=rng.randint(50, 300): loans.request(
                        s, actor_id=a, amount=amount, term_days=7, idempotency_key=None, clock=clock
                    ),
                )
            )
    for offer, sender, recipient in economy.offers:
        ops.append(
            (
                "accept",
                lambda s, o=offer, r=recipient: trade_settlement.accept(
                    s, actor_id=r, offer_id=o, clock=clock
                ),
            )
        )
        ops.append(
            (
                "cancel",
                lambda s, o=offer, x=sender: trade_settlement.cancel(s, actor_id=x, offer_id=o, clock=clock),
            )
        )
    for deposit, owner in economy.deposits:
        for _ in range(2):
            ops.append(
                (
                    "withdraw",
                    lambda s, d=deposit, o=owner: savings.withdraw(s, actor_id=o, deposit_id=d, clock=clock),
                )
            )
    rng.shuffle(ops)
    return ops


def daily_work(economy: Economy, ids: dict[str, list[int]], rng: random.Random) -> list[tuple[str, Op]]:
    """What the daily jobs do (each lot, offer, saver and loan twice, as concurrent runs would),
    mixed with more payments and purchases."""
    clock = economy.clock
    ops: list[tuple[str, Op]] = []
    for _ in range(2):
        ops += [
            ("settle", lambda s, i=i: auction_settlement.settle(s, auction_id=i, clock=clock))
            for i in ids["auctions"]
        ]
        ops += [
            ("expire", lambda s, i=i: trade_settlement.expire(s, offer_id=i, clock=clock))
            for i in ids["offers"]
        ]
        ops += [("interest", lambda s, u=u: savings.settle(s, user_id=u, clock=clock)) for u in ids["savers"]]
        ops += [
            ("installment", lambda s, i=i: loans.collect(s, loan_id=i, clock=clock)) for i in ids["loans"]
        ]
    for n in range(AFTERWARDS):
        a, b = rng.sample(economy.players, 2)
        if n % 2:
            ops.append(
                (
                    "pay",
                    lambda s, a=a, b=b, amount=rng.randint(1, 200): wallet.transfer(
                        s,
                        actor_id=a,
                        to_user_id=b,
                        currency="COIN",
                        amount=amount,
                        idempotency_key=None,
                        memo=None,
                        clock=clock,
                    ),
                )
            )
        else:
            ops.append(
                (
                    "buy",
                    lambda s, a=a: shop.purchase(
                        s,
                        actor_id=a,
                        item_id=economy.items["Potion"],
                        quantity=1,
                        idempotency_key=None,
                        clock=clock,
                    ),
                )
            )
    rng.shuffle(ops)
    return ops


async def due_work(economy: Economy) -> dict[str, list[int]]:
    clock = economy.clock
    async with economy.db.reader() as session:
        return {
            "auctions": await auction_settlement.due(session, clock=clock, limit=1000),
            "offers": await trade_queries.due(session, clock=clock, limit=1000),
            "savers": await savings.savers(session),
            "loans": await loans.open_loans(session),
        }


async def test_a_concurrent_mixed_workload_conserves_every_asset(postgres_url: str) -> None:
    db = Database(postgres_url)
    clock = ManualClock(datetime.now(UTC))
    rng = random.Random(20261203)
    try:
        economy = await build(db, clock)
        # Many operations at once, each in its own transaction
        batch = operations(economy, rng)
        await asyncio.gather(*(economy.run(kind, op) for kind, op in batch))
        # Every kind went through at least once; each contended pair had one winner
        for kind in ("pay", "buy", "gift", "trade", "bid", "deposit", "withdraw"):
            assert economy.done[kind] > 0, (kind, economy.done, economy.refused)
        assert economy.done["accept"] + economy.done["cancel"] == len(economy.offers)
        assert economy.done["withdraw"] == len(economy.deposits)
        await assert_conserved(economy, settled=False)

        # Four days on: the auctions end, the offers expire, interest and installments fall due
        clock.advance(days=4)
        work = await due_work(economy)
        assert work["auctions"] and work["offers"] and work["savers"]
        await asyncio.gather(*(economy.run(kind, op) for kind, op in daily_work(economy, work, rng)))
        assert await due_work(economy) | {"savers": [], "loans": []} == {
            "auctions": [],
            "offers": [],
            "savers": [],
            "loans": [],
        }
        await assert_conserved(economy, settled=True)
        async with db.reader() as session:
            ended = Counter((await session.execute(select(col(Auction.status)))).scalars().all())
        assert ended["SOLD"] >= 1 and sum(ended.values()) == len(economy.auctions), ended
    finally:
        await db.dispose()


async def assert_conserved(economy: Economy, *, settled: bool) -> None:
    db = economy.db
    async with db.reader() as session:
        totals = await ledger.conservation(session)
        assert all(v == 0 for v in totals.values()), totals
        assert await ledger.reconcile(session) == []
        assert all(s.balanced for s in await admin.supply(session)), await admin.supply(session)
        negative = await session.execute(
            select(Account).where(col(Account.owner_kind) != "system", col(Account.balance) < 0)
        )
        assert negative.all() == []
        system = await ledger.system_balances(session)
        # Escrow holds what is still on offer: open offers' and auctions' goods, open deposits
        offered: Counter[str] = Counter()
        for offer in (
            await session.execute(select(TradeOffer).where(col(TradeOffer.status) == "OPEN"))
        ).scalars():
            for good in offer.give:
                offered[good["asset"]] += int(good["amount"])
        trade_escrow = {a: v for (a, owner), v in system.items() if owner == trade_common.ESCROW and v}
        assert trade_escrow == dict(offered)
        open_auctions = (
            (await session.execute(select(Auction).where(col(Auction.status) == "OPEN"))).scalars().all()
        )
        for lot in open_auctions:
            held = {
                a: v
                for (a, owner), v in system.items()
                if owner == auction_common.escrow(int(lot.id or 0))[1] and v
            }
            expected = {ledger.item_asset(lot.item_id): lot.quantity}
            if lot.current_bid:
                expected[lot.currency] = lot.current_bid
            assert held == expected, (lot.id, held, expected)
        open_deposits = (
            await session.execute(
                select(func.coalesce(func.sum(col(Deposit.balance)), 0)).where(
                    col(Deposit.status) == savings.OPEN
                )
            )
        ).scalar_one()
        assert system.get(("COIN", bank_common.BANK_ESCROW), 0) == int(open_deposits)
        if settled:
            assert trade_escrow == {} and open_auctions == []
        # Every item unit bought is held by a player or in an escrow
        bought = dict(
            (
                await session.execute(
                    select(col(Purchase.item_id), func.sum(col(Purchase.quantity))).group_by(
                        col(Purchase.item_id)
                    )
                )
            ).all()
        )
        for item_id, quantity in bought.items():
            asset = ledger.item_asset(int(item_id))
            held = (
                await session.execute(
                    select(func.coalesce(func.sum(col(Account.balance)), 0)).where(
                        col(Account.asset) == asset, col(Account.owner_kind) != "system"
                    )
                )
            ).scalar_one()
            escrowed = sum(
                v for (a, owner), v in system.items() if a == asset and owner.startswith(ledger.ESCROW_PREFIX)
            )
            assert int(held) + escrowed == int(quantity), (asset, held, escrowed, quantity)
        loans_taken = (await session.execute(select(func.count()).select_from(Loan))).scalar_one()
        assert loans_taken == economy.done["loan"]
    await audit.seal(db)
    async with db.reader() as session:
        status = await audit.verify(session)
    assert status.valid, status
