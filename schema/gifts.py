"""Gifts: send currency or an item to another player with a message; the gifts one sent and got."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.accounts import UserByIdLoader
from dataloaders.shop import ItemByIdLoader
from db.models.gifts import Gift as GiftRow
from resolvers import gifts
from schema.accounts import PublicUser
from schema.core.connections import Connection, check_first, decode_cursor, page
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated
from schema.core.scalars import Amount
from schema.shop import Item

GiftErrorCode = error_codes("Gift", gifts.ERRORS)


@strawberry.type
class GiftError:
    code: Enum = strawberry.field(graphql_type=GiftErrorCode)
    field: str | None
    message: str


@strawberry.type
class Gift:
    row: strawberry.Private[GiftRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    async def sender(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.sender_id)

    @strawberry.field
    async def recipient(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.recipient_id)

    @strawberry.field(description="The currency's code, or null for an item.")
    def currency(self) -> str | None:
        return None if self.row.asset.startswith("item:") else self.row.asset

    @strawberry.field(description="The item, or null for currency.")
    async def item(self, info: Info) -> Item | None:
        if not self.row.asset.startswith("item:"):
            return None
        row = await info.context.loaders.get(ItemByIdLoader).load(int(self.row.asset[5:]))
        return Item.from_row(row) if row is not None else None

    @strawberry.field(description="How much currency, or how many of the item.")
    def amount(self) -> Amount:  # type: ignore[valid-type]
        return self.row.amount

    @strawberry.field
    def message(self) -> str | None:
        return self.row.message

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


async def _user(info: Info, user_id: int) -> PublicUser | None:
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type
class GiftConnection(Connection[Gift]):
    pass


@strawberry.input
class GiftSendInput:
    to_user_id: strawberry.ID
    amount: Amount  # type: ignore[valid-type]
    currency: str | None = None
    item_id: strawberry.ID | None = None
    message: str | None = None
    idempotency_key: str | None = None


@strawberry.type
class GiftSendPayload:
    gift: Gift | None = None
    errors: list[GiftError] = strawberry.field(default_factory=list)


@strawberry.type
class GiftsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Gifts you sent or received, newest first."
    )
    async def my_gifts(self, info: Info, first: int = 20, after: str | None = None) -> GiftConnection:
        limit = check_first(first)
        before = decode_cursor("gift", after)
        async with info.context.db.reader() as session:
            rows = await gifts.of_user(
                session, user_id=info.context.actor.user_id or 0, after=before, limit=limit
            )
        return page(GiftConnection, rows, kind="gift", limit=limit, node=lambda r: Gift(row=r))

    @strawberry.field(
        permission_classes=[IsAuthenticated], description="How many gifts you may still send today."
    )
    async def gifts_left_today(self, info: Info) -> int:
        async with info.context.db.reader() as session:
            return await gifts.left_today(
                session, sender_id=info.context.actor.user_id or 0, clock=info.context.clock
            )


@strawberry.type
class GiftsMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Send currency (currency) or an item (itemId, amount = how many) with a message.",
    )
    async def gift_send(self, info: Info, input: GiftSendInput) -> GiftSendPayload:
        ctx = info.context
        return await mutate(
            info,
            GiftSendPayload,
            lambda s: gifts.send(
                s,
                actor_id=ctx.actor.user_id or 0,
                to_user_id=input.to_user_id,
                currency=input.currency,
                item_id=input.item_id,
                amount=input.amount,
                message=input.message,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
                actor_name=ctx.actor.username,
            ),
            lambda sent: GiftSendPayload(gift=Gift(row=sent.gift)),
        )


ROOTS = (GiftsQuery, GiftsMutation)
