from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any

import strawberry
from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from dataloaders.shop import ItemByIdLoader
from db.models import Item as ItemRow
from resolvers import pricing, shop
from resolvers.errors import DomainError
from schema.core.connections import Connection, paginate
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAdmin, PermissionDenied
from schema.core.scalars import Amount

PriceTrend = strawberry.enum(
    pricing.Trend, name="PriceTrend", description="How the price moved at its last daily change."
)


@strawberry.type
class Item:
    id: strawberry.ID
    name: str
    description: str
    price: Amount = strawberry.field(description="The current price, what a purchase charges.")  # type: ignore[valid-type]
    base_price: Amount  # type: ignore[valid-type]
    min_price: Amount  # type: ignore[valid-type]
    max_price: Amount  # type: ignore[valid-type]
    price_trend: PriceTrend  # type: ignore[valid-type]
    pinned: bool = strawberry.field(description="An admin pinned the price: the daily job leaves it.")
    currency: str
    stock: int | None = strawberry.field(description="Items left; null means unlimited.")
    per_user_limit: int | None
    cooldown_seconds: int | None
    tradeable: bool
    active: bool

    @classmethod
    def from_row(cls, row: ItemRow) -> Item:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            description=row.description,
            price=row.price,
            base_price=row.base_price,
            min_price=row.min_price,
            max_price=row.max_price,
            price_trend=pricing.Trend(row.price_trend),
            pinned=row.pinned,
            currency=row.currency,
            stock=row.stock,
            per_user_limit=row.per_user_limit,
            cooldown_seconds=row.cooldown_seconds,
            tradeable=row.tradeable,
            active=row.active,
        )


@strawberry.type
class ItemConnection(Connection[Item]):
    pass


ShopErrorCode = error_codes("Shop", shop.ERRORS)


@strawberry.type
class ShopError:
    code: Enum = strawberry.field(graphql_type=ShopErrorCode)
    field: str | None
    message: str


@strawberry.input
class ShopPurchaseInput:
    item_id: strawberry.ID
    quantity: int = 1
    idempotency_key: str | None = None


@strawberry.type
class ShopPurchasePayload:
    item: Item | None = None
    quantity: int | None = None
    errors: list[ShopError] = strawberry.field(default_factory=list)


@strawberry.type
class ShopQuery:
    @strawberry.field(description="Items on sale, oldest first; admins may include items taken off sale.")
    async def shop_items(
        self, info: Info, first: int = 20, after: str | None = None, include_inactive: bool = False
    ) -> ItemConnection:
        if include_inactive and not info.context.actor.has_role("admin"):
            raise PermissionDenied("Only an admin may see items taken off sale.")
        query = select(ItemRow)
        if not include_inactive:
            query = query.where(col(ItemRow.active).is_(True))
        return await paginate(
            info.context.db,
            ItemConnection,
            query,
            kind="item",
            first=first,
            after=after,
            column=col(ItemRow.id),
            node=Item.from_row,
            newest_first=False,
        )

    @strawberry.field
    async def item(self, info: Info, id: strawberry.ID) -> Item | None:
        try:
            ident = shop.parse_item_id(id)
        except DomainError:
            return None
        row = await info.context.loaders.get(ItemByIdLoader).load(ident)
        if row is None or (not row.active and not info.context.actor.has_role("admin")):
            return None
        return Item.from_row(row)


@strawberry.input
class ShopItemCreateInput:
    name: str
    price: Amount | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET, description="The current price; defaults to the base price."
    )
    base_price: Amount | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET, description="The reference price; defaults to the price."
    )
    min_price: Amount | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET, description="The lowest the daily job may set; defaults to half the base."
    )
    max_price: Amount | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET, description="The highest the daily job may set; defaults to twice the base."
    )
    pinned: bool = False
    currency: str = "COIN"
    description: str = ""
    stock: int | None = None
    per_user_limit: int | None = None
    cooldown_seconds: int | None = None
    tradeable: bool = True


@strawberry.input
class ShopItemUpdateInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    price: Amount | None = strawberry.UNSET  # type: ignore[valid-type]
    base_price: Amount | None = strawberry.UNSET  # type: ignore[valid-type]
    min_price: Amount | None = strawberry.UNSET  # type: ignore[valid-type]
    max_price: Amount | None = strawberry.UNSET  # type: ignore[valid-type]
    pinned: bool | None = strawberry.UNSET
    stock: int | None = strawberry.UNSET
    per_user_limit: int | None = strawberry.UNSET
    cooldown_seconds: int | None = strawberry.UNSET
    tradeable: bool | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET


@strawberry.type
class ShopItemPayload:
    item: Item | None = None
    errors: list[ShopError] = strawberry.field(default_factory=list)


ITEM_FIELDS = (
    "name",
    "description",
    "price",
    "base_price",
    "min_price",
    "max_price",
    "pinned",
    "stock",
    "per_user_limit",
    "cooldown_seconds",
    "tradeable",
    "active",
)


def _fields(input: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields the input sets (the deprecated admin inputs lack the pricing ones)."""
    given = {n: getattr(input, n, strawberry.UNSET) for n in names}
    return {n: v for n, v in given.items() if v is not strawberry.UNSET}


def create_item_use_case(
    info: Info, input: ShopItemCreateInput
) -> Callable[[AsyncSession], Awaitable[ItemRow]]:
    fields = _fields(input, (*ITEM_FIELDS[:-1], "currency"))
    ctx = info.context
    return lambda s: shop.create_item(s, actor_id=ctx.actor.user_id or 0, fields=fields, clock=ctx.clock)


def update_item_use_case(
    info: Info, input: ShopItemUpdateInput
) -> Callable[[AsyncSession], Awaitable[ItemRow]]:
    fields = _fields(input, ITEM_FIELDS)
    ctx = info.context
    return lambda s: shop.update_item(
        s, actor_id=ctx.actor.user_id or 0, item_id=input.id, fields=fields, clock=ctx.clock
    )


@strawberry.type
class ShopMutation:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def shop_purchase(self, info: Info, input: ShopPurchaseInput) -> ShopPurchasePayload:
        ctx = info.context
        actor_id = ctx.actor.user_id or 0
        return await mutate(
            info,
            ShopPurchasePayload,
            lambda s: shop.purchase(
                s,
                actor_id=actor_id,
                item_id=input.item_id,
                quantity=input.quantity,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            lambda r: ShopPurchasePayload(item=Item.from_row(r.item), quantity=r.quantity),
        )

    @strawberry.mutation(permission_classes=[IsAdmin], description="Put a new item on sale (admins).")
    async def shop_item_create(self, info: Info, input: ShopItemCreateInput) -> ShopItemPayload:
        return await mutate(
            info,
            ShopItemPayload,
            create_item_use_case(info, input),
            lambda r: ShopItemPayload(item=Item.from_row(r)),
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Change an item, or take it off sale (admins)."
    )
    async def shop_item_update(self, info: Info, input: ShopItemUpdateInput) -> ShopItemPayload:
        return await mutate(
            info,
            ShopItemPayload,
            update_item_use_case(info, input),
            lambda r: ShopItemPayload(item=Item.from_row(r)),
        )


ROOTS = (ShopQuery, ShopMutation)
