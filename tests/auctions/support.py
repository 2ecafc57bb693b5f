"""GraphQL documents and set-up shared by the auction tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.models import Account, Item
from resolvers import ledger
from resolvers.accounts import tokens
from resolvers.auctions import common
from resolvers.clock import Clock
from tests import factories

AUCTION_FIELDS = (
    "id status currentBid minimumBid endsAt extensions bidCount finalPrice startPrice buyoutPrice quantity"
    " currency leader { username } seller { username } item { name }"
)
CREATE = (
    "mutation($item: ID!, $quantity: Amount, $start: Amount!, $buyout: Amount, $days: Int!, $currency: String) {"
    " auctionCreate(input: {itemId: $item, quantity: $quantity, startPrice: $start, buyoutPrice: $buyout,"
    " durationDays: $days, currency: $currency}) {"
    f" auction {{ {AUCTION_FIELDS} }} errors {{ code field message }} }} }}"
)
BID = (
    "mutation($id: ID!, $amount: Amount!, $key: String) {"
    " auctionBid(input: {auctionId: $id, amount: $amount, idempotencyKey: $key}) {"
    f" auction {{ {AUCTION_FIELDS} }} bid {{ id amount bidder {{ username }} }} errors {{ code field message }} }} }}"
)
END = (
    "mutation($id: ID!) { auctionEnd(input: {auctionId: $id}) {"
    f" auction {{ {AUCTION_FIELDS} }} errors {{ code field message }} }} }}"
)
CANCEL = (
    "mutation($id: ID!) { auctionCancel(input: {auctionId: $id}) {"
    f" auction {{ {AUCTION_FIELDS} }} errors {{ code field message }} }} }}"
)
ONE = f"query($id: ID!) {{ auction(id: $id) {{ {AUCTION_FIELDS} bids {{ amount bidder {{ username }} }} }} }}"
LIST = (
    "query($first: Int!, $after: String, $status: AuctionStatus) {"
    " auctions(first: $first, after: $after, status: $status) {"
    " edges { node { id status currentBid } cursor } pageInfo { hasNextPage endCursor } } }"
)
NOTES = "{ notifications(first: 10) { edges { node { kind title body } } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code field message } } }"
SUPPLY = "{ adminEconomySupply { asset balanced escrow fees } }"


@dataclass(frozen=True)
class Market:
    """A seller holding ``quantity`` of an item, and bidders holding coins."""

    seller: factories.Player
    bidders: list[factories.Player]
    admin: factories.Player
    item: Item

    @property
    def asset(self) -> str:
        return ledger.item_asset(int(self.item.id or 0))


async def market(
    db: Database,
    secret: str,
    *,
    quantity: int = 2,
    coins: int = 1000,
    bidders: int = 2,
    clock: Clock = factories.CLOCK,
) -> Market:
    admin = await factories.admin(db, "boss", secret=secret, clock=clock)
    seller = await factories.player(db, "alice", coins=50, secret=secret, by=admin, clock=clock)
    names = ["bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivy"][:bidders]
    people = [await factories.player(db, n, coins=coins, secret=secret, by=admin, clock=clock) for n in names]
    item = await factories.item(db, name="Golden Card", price=5, by=admin, clock=clock)
    await factories.holding(db, seller, item, quantity, clock=clock)
    return Market(seller=seller, bidders=people, admin=admin, item=item)


def token(player: factories.Player, secret: str, clock: Clock) -> str:
    """A fresh access token on the app's clock (after a move, older ones have expired)."""
    return tokens.issue_access_token(secret=secret, user_id=player.id, now=clock.now(), minutes=15)


async def escrow_balances(db: Database, auction_id: int) -> dict[str, int]:
    async with db.reader() as session:
        balances = await ledger.system_balances(session)
    owner = common.escrow(auction_id)[1]
    return {asset: amount for (asset, who), amount in balances.items() if who == owner and amount}


async def fees(db: Database, asset: str = "COIN") -> int:
    async with db.reader() as session:
        return (await ledger.system_balances(session)).get((asset, ledger.FEES), 0)


async def sound(db: Database) -> bool:
    """Every asset sums to zero, stored balances match transfers, no player is negative."""
    async with db.reader() as session:
        negative = (
            await session.execute(
                select(col(Account.id)).where(col(Account.owner_kind) != "system", col(Account.balance) < 0)
            )
        ).all()
        return (
            all(v == 0 for v in (await ledger.conservation(session)).values())
            and await ledger.reconcile(session) == []
            and not negative
        )


def codes(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]
