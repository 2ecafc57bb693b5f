"""GraphQL documents and set-up shared by the trading tests."""

from __future__ import annotations

from typing import Any

from db.engine import Database
from resolvers import ledger
from resolvers.trading import common
from tests import factories

OFFER_FIELDS = """id status incoming lopsided giveValue wantValue message counterOf
  sender { username } recipient { username }
  give { currency amount fee item { name } } want { currency amount fee item { name } }"""
CREATE = (
    """mutation($to: ID!, $give: [TradeGoodInput!]!, $want: [TradeGoodInput!]!, $message: String, $key: String) {
  tradeOfferCreate(input: {toUserId: $to, give: $give, want: $want, message: $message, idempotencyKey: $key}) {
    offer { """
    + OFFER_FIELDS
    + """ } errors { code field message } } }"""
)
COUNTER = (
    """mutation($id: ID!, $give: [TradeGoodInput!]!, $want: [TradeGoodInput!]!, $message: String, $key: String) {
  tradeOfferCounter(input: {offerId: $id, give: $give, want: $want, message: $message, idempotencyKey: $key}) {
    offer { """
    + OFFER_FIELDS
    + """ } errors { code field message } } }"""
)


def close(verb: str) -> str:
    return (
        f"mutation($id: ID!) {{ tradeOffer{verb}(input: {{offerId: $id}}) {{"
        " offer { id status } errors { code field message } } }"
    )


ACCEPT, DECLINE, CANCEL = close("Accept"), close("Decline"), close("Cancel")
OFFERS = (
    "query($status: TradeOfferStatus) { tradeOffers(first: 20, status: $status) { edges { node { "
    + OFFER_FIELDS
    + " } } } }"
)
NOTES = "{ notifications(first: 10) { edges { node { kind title body data } } } }"
FLAGS = """{ tradeFlags(first: 20) { edges { node { giveValue wantValue beneficiary { username }
  loser { username } offer { id lopsided } } } } }"""
ALERTS = "{ tradeFraudAlerts(first: 20) { edges { node { user { username } flags } } } }"
SUPPLY = "{ adminEconomySupply { asset balanced escrow fees } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code field message } } }"


def coins(amount: int | str, currency: str = "COIN") -> dict[str, Any]:
    return {"currency": currency, "amount": str(amount)}


def items(item_id: int | None, amount: int | str) -> dict[str, Any]:
    return {"itemId": str(item_id), "amount": str(amount)}


async def escrow(db: Database) -> dict[str, int]:
    """What the trades' escrow account holds, per asset (zero balances left out)."""
    async with db.reader() as session:
        held = await ledger.system_balances(session)
    return {asset: n for (asset, owner), n in held.items() if owner == common.ESCROW and n}


async def fees(db: Database, asset: str = "COIN") -> int:
    async with db.reader() as session:
        return (await ledger.system_balances(session)).get((asset, ledger.FEES), 0)


async def conserved(db: Database) -> bool:
    async with db.reader() as session:
        return all(
            v == 0 for v in (await ledger.conservation(session)).values()
        ) and not await ledger.reconcile(session)


async def stocked(db: Database, who: factories.Player, *, price: int, quantity: int, name: str) -> int:
    """An item priced ``price`` that ``who`` bought ``quantity`` of (granted the coins first)."""
    made = await factories.item(db, name=name, price=price)
    if price:
        await factories.grant(db, who, price * quantity)
    await factories.holding(db, who, made, quantity)
    return int(made.id or 0)
