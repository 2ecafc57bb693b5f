"""Trading: offers of currency and items between two players; moderators see lopsided offers and
fraud alerts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from sqlalchemy import select
from sqlmodel import col

from dataloaders.accounts import UserByIdLoader
from dataloaders.shop import ItemByIdLoader
from dataloaders.trading import TradeOfferByIdLoader
from db.models.trading import TradeAlert as TradeAlertRow
from db.models.trading import TradeFlag as TradeFlagRow
from db.models.trading import TradeOffer as TradeOfferRow
from resolvers.trading import common, offers, queries, settlement
from schema.accounts import PublicUser
from schema.core.connections import Connection, check_first, decode_cursor, page, paginate
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated, IsModerator
from schema.core.scalars import Amount
from schema.shop import Item

TradeErrorCode = error_codes("Trade", offers.ERRORS, settlement.ERRORS)


@strawberry.enum(description="Where an offer stands; every status but OPEN is final.")
class TradeOfferStatus(Enum):
    OPEN = "OPEN"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    CANCELLED = "CANCELLED"
    EXPIRED = "EXPIRED"
    COUNTERED = "COUNTERED"


@strawberry.type
class TradeError:
    code: Enum = strawberry.field(graphql_type=TradeErrorCode)
    field: str | None
    message: str


@strawberry.type(description="Currency or an item on one side of an offer.")
class TradeGood:
    asset: strawberry.Private[str]
    amount: Amount = strawberry.field(description="How much currency, or how many of the item.")  # type: ignore[valid-type]

    @strawberry.field(description="The currency's code, or null for an item.")
    def currency(self) -> str | None:
        return None if self.asset.startswith("item:") else self.asset

    @strawberry.field(description="The item, or null for currency.")
    async def item(self, info: Info) -> Item | None:
        if not self.asset.startswith("item:"):
            return None
        row = await info.context.loaders.get(ItemByIdLoader).load(int(self.asset[5:]))
        return Item.from_row(row) if row is not None else None

    @strawberry.field(
        description="The fee its receiver pays on acceptance: 5% of a currency amount, rounded up."
    )
    def fee(self) -> Amount:  # type: ignore[valid-type]
        return common.fee(self.asset, int(self.amount))


def _goods(goods: list[dict[str, Any]]) -> list[TradeGood]:
    return [TradeGood(asset=g["asset"], amount=int(g["amount"])) for g in goods]


async def _user(info: Info, user_id: int) -> PublicUser | None:
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type
class TradeOffer:
    row: strawberry.Private[TradeOfferRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def status(self) -> TradeOfferStatus:
        return TradeOfferStatus(self.row.status)

    @strawberry.field
    async def sender(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.sender_id)

    @strawberry.field
    async def recipient(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.recipient_id)

    @strawberry.field(description="True when you are the recipient (you may accept, decline, counter).")
    def incoming(self, info: Info) -> bool:
        return info.context.actor.user_id == self.row.recipient_id

    @strawberry.field(description="What the sender gives (held in escrow while the offer is open).")
    def give(self) -> list[TradeGood]:
        return _goods(self.row.give)

    @strawberry.field(description="What the sender wants from the recipient.")
    def want(self) -> list[TradeGood]:
        return _goods(self.row.want)

    @strawberry.field
    def message(self) -> str | None:
        return self.row.message

    @strawberry.field(description="Market value of what the sender gives (last sale prices).")
    def give_value(self) -> Amount:  # type: ignore[valid-type]
        return self.row.give_value

    @strawberry.field(description="Market value of what the sender wants.")
    def want_value(self) -> Amount:  # type: ignore[valid-type]
        return self.row.want_value

    @strawberry.field(description="One side is worth under 10% of the other: check before accepting.")
    def lopsided(self) -> bool:
        return self.row.lopsided

    @strawberry.field(description="The offer this one answers, for a counter-offer.")
    def counter_of(self) -> strawberry.ID | None:
        return None if self.row.counter_of is None else strawberry.ID(str(self.row.counter_of))

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def expires_at(self) -> datetime:
        return self.row.expires_at

    @strawberry.field
    def closed_at(self) -> datetime | None:
        return self.row.closed_at


@strawberry.type
class TradeOfferConnection(Connection[TradeOffer]):
    pass


@strawberry.type(description="A lopsided offer: one side is worth under 10% of the other.")
class TradeFlag:
    row: strawberry.Private[TradeFlagRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    async def offer(self, info: Info) -> TradeOffer | None:
        row = await info.context.loaders.get(TradeOfferByIdLoader).load(self.row.offer_id)
        return TradeOffer(row=row) if row is not None else None

    @strawberry.field(description="Who gets far more than they give.")
    async def beneficiary(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.beneficiary_id)

    @strawberry.field(description="Who would give far more than they get.")
    async def loser(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.loser_id)

    @strawberry.field
    def give_value(self) -> Amount:  # type: ignore[valid-type]
        return self.row.give_value

    @strawberry.field
    def want_value(self) -> Amount:  # type: ignore[valid-type]
        return self.row.want_value

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class TradeFlagConnection(Connection[TradeFlag]):
    pass


@strawberry.type(description="Many lopsided offers towards one account within 24 hours.")
class TradeFraudAlert:
    row: strawberry.Private[TradeAlertRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="The account the lopsided offers favour.")
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.beneficiary_id)

    @strawberry.field
    def day(self) -> date:
        return self.row.day

    @strawberry.field(description="Lopsided offers towards the account in the 24 hours before the last one.")
    def flags(self) -> int:
        return self.row.flags

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.row.updated_at


@strawberry.type
class TradeFraudAlertConnection(Connection[TradeFraudAlert]):
    pass


@strawberry.input(description="Exactly one of currency or itemId; for an item, amount is how many.")
class TradeGoodInput:
    amount: Amount  # type: ignore[valid-type]
    currency: str | None = None
    item_id: strawberry.ID | None = None


@strawberry.input
class TradeOfferCreateInput:
    to_user_id: strawberry.ID
    give: list[TradeGoodInput]
    want: list[TradeGoodInput]
    message: str | None = None
    idempotency_key: str | None = None


@strawberry.input
class TradeOfferCounterInput:
    offer_id: strawberry.ID
    give: list[TradeGoodInput]
    want: list[TradeGoodInput]
    message: str | None = None
    idempotency_key: str | None = None


@strawberry.input
class TradeOfferInput:
    offer_id: strawberry.ID


@strawberry.type
class TradeOfferPayload:
    offer: TradeOffer | None = None
    errors: list[TradeError] = strawberry.field(default_factory=list)


def _plain(goods: list[TradeGoodInput]) -> list[Mapping[str, Any]]:
    return [{"currency": g.currency, "item_id": g.item_id, "amount": g.amount} for g in goods]


def _payload(outcome: common.Outcome) -> TradeOfferPayload:
    return TradeOfferPayload(offer=TradeOffer(row=outcome.offer))


@strawberry.type
class TradingQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Your trade offers, sent and received, newest first: open ones and 30 days of history.",
    )
    async def trade_offers(
        self, info: Info, first: int = 20, after: str | None = None, status: TradeOfferStatus | None = None
    ) -> TradeOfferConnection:
        limit = check_first(first)
        before = decode_cursor("trade", after)
        async with info.context.db.reader() as session:
            rows = await queries.of_user(
                session,
                user_id=info.context.actor.user_id or 0,
                after=before,
                limit=limit,
                clock=info.context.clock,
                status=status.value if status is not None else None,
            )
        return page(TradeOfferConnection, rows, kind="trade", limit=limit, node=lambda r: TradeOffer(row=r))

    @strawberry.field(permission_classes=[IsModerator], description="Lopsided offers, newest first.")
    async def trade_flags(self, info: Info, first: int = 20, after: str | None = None) -> TradeFlagConnection:
        return await paginate(
            info.context.db,
            TradeFlagConnection,
            select(TradeFlagRow),
            kind="tradeflag",
            first=first,
            after=after,
            column=col(TradeFlagRow.id),
            node=lambda r: TradeFlag(row=r),
        )

    @strawberry.field(
        permission_classes=[IsModerator],
        description="Accounts that many lopsided offers favour (3 or more within 24 hours), newest first.",
    )
    async def trade_fraud_alerts(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> TradeFraudAlertConnection:
        return await paginate(
            info.context.db,
            TradeFraudAlertConnection,
            select(TradeAlertRow),
            kind="tradealert",
            first=first,
            after=after,
            column=col(TradeAlertRow.id),
            node=lambda r: TradeFraudAlert(row=r),
        )


@strawberry.type
class TradingMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Offer goods for goods; what you give waits in escrow until the offer closes.",
    )
    async def trade_offer_create(self, info: Info, input: TradeOfferCreateInput) -> TradeOfferPayload:
        ctx = info.context
        return await mutate(
            info,
            TradeOfferPayload,
            lambda s: offers.create(
                s,
                actor_id=ctx.actor.user_id or 0,
                to_user_id=input.to_user_id,
                give=_plain(input.give),
                want=_plain(input.want),
                message=input.message,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
                actor_name=ctx.actor.username,
            ),
            _payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Answer an offer made to you with one the other way: the old one is COUNTERED "
        "and its escrow returned.",
    )
    async def trade_offer_counter(self, info: Info, input: TradeOfferCounterInput) -> TradeOfferPayload:
        ctx = info.context
        return await mutate(
            info,
            TradeOfferPayload,
            lambda s: offers.counter(
                s,
                actor_id=ctx.actor.user_id or 0,
                offer_id=input.offer_id,
                give=_plain(input.give),
                want=_plain(input.want),
                message=input.message,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
                actor_name=ctx.actor.username,
            ),
            _payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Accept an offer made to you: both sides swap at once, 5% fee on each currency amount.",
    )
    async def trade_offer_accept(self, info: Info, input: TradeOfferInput) -> TradeOfferPayload:
        ctx = info.context
        return await mutate(
            info,
            TradeOfferPayload,
            lambda s: settlement.accept(
                s,
                actor_id=ctx.actor.user_id or 0,
                offer_id=input.offer_id,
                clock=ctx.clock,
                actor_name=ctx.actor.username,
            ),
            _payload,
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Decline an offer made to you.")
    async def trade_offer_decline(self, info: Info, input: TradeOfferInput) -> TradeOfferPayload:
        ctx = info.context
        return await mutate(
            info,
            TradeOfferPayload,
            lambda s: settlement.decline(
                s,
                actor_id=ctx.actor.user_id or 0,
                offer_id=input.offer_id,
                clock=ctx.clock,
                actor_name=ctx.actor.username,
            ),
            _payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Cancel an offer you made; its escrow returns."
    )
    async def trade_offer_cancel(self, info: Info, input: TradeOfferInput) -> TradeOfferPayload:
        ctx = info.context
        return await mutate(
            info,
            TradeOfferPayload,
            lambda s: settlement.cancel(
                s,
                actor_id=ctx.actor.user_id or 0,
                offer_id=input.offer_id,
                clock=ctx.clock,
                actor_name=ctx.actor.username,
            ),
            _payload,
        )


ROOTS = (TradingQuery, TradingMutation)
