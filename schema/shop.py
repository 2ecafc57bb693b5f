from __future__ import annotations

from enum import Enum

import strawberry
from sqlalchemy import select
from sqlmodel import col

from db.models import Item as ItemRow
from resolvers import shop
from resolvers.errors import DomainError
from schema.core.connections import PageInfo, check_first, decode_cursor, encode_cursor, page_info
from schema.core.context import Info
from schema.core.errors import to_error
from schema.core.mutations import in_transaction
from schema.core.permissions import CanWrite, PermissionDenied
from schema.core.scalars import Amount


@strawberry.type
class Item:
    id: strawberry.ID
    name: str
    description: str
    price: Amount  # type: ignore[valid-type]
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
            currency=row.currency,
            stock=row.stock,
            per_user_limit=row.per_user_limit,
            cooldown_seconds=row.cooldown_seconds,
            tradeable=row.tradeable,
            active=row.active,
        )


@strawberry.type
class ItemEdge:
    node: Item
    cursor: str


@strawberry.type
class ItemConnection:
    edges: list[ItemEdge]
    page_info: PageInfo


@strawberry.enum
class ShopErrorCode(Enum):
    UNKNOWN_ITEM = "UNKNOWN_ITEM"
    INVALID_QUANTITY = "INVALID_QUANTITY"
    OUT_OF_STOCK = "OUT_OF_STOCK"
    INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS"
    LIMIT_REACHED = "LIMIT_REACHED"
    ON_COOLDOWN = "ON_COOLDOWN"
    ITEM_INACTIVE = "ITEM_INACTIVE"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_IDEMPOTENCY_KEY = "INVALID_IDEMPOTENCY_KEY"


@strawberry.type
class ShopError:
    code: ShopErrorCode
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
        limit = check_first(first)
        start = decode_cursor("item", after) or 0
        if include_inactive and not info.context.actor.has_role("admin"):
            raise PermissionDenied("Only an admin may see items taken off sale.")
        query = select(ItemRow).where(col(ItemRow.id) > start)
        if not include_inactive:
            query = query.where(col(ItemRow.active).is_(True))
        async with info.context.db.reader() as session:
            result = await session.execute(query.order_by(col(ItemRow.id)).limit(limit + 1))
            rows = result.scalars().all()
        edges = [
            ItemEdge(node=Item.from_row(r), cursor=encode_cursor("item", int(r.id or 0)))
            for r in rows[:limit]
        ]
        return ItemConnection(
            edges=edges,
            page_info=page_info(rows, limit, edges),
        )

    @strawberry.field
    async def item(self, info: Info, id: strawberry.ID) -> Item | None:
        try:
            ident = shop.parse_item_id(id)
        except DomainError:
            return None
        row = await info.context.loaders.item_by_id.load(ident)
        if row is None or (not row.active and not info.context.actor.has_role("admin")):
            return None
        return Item.from_row(row)


@strawberry.type
class ShopMutation:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def shop_purchase(self, info: Info, input: ShopPurchaseInput) -> ShopPurchasePayload:
        ctx = info.context
        actor_id = ctx.actor.user_id or 0
        try:
            result = await in_transaction(
                ctx,
                lambda s: shop.purchase(
                    s,
                    actor_id=actor_id,
                    item_id=input.item_id,
                    quantity=input.quantity,
                    idempotency_key=input.idempotency_key,
                    clock=ctx.clock,
                ),
            )
        except DomainError as exc:
            return ShopPurchasePayload(errors=[to_error(ShopError, ShopErrorCode, exc)])
        return ShopPurchasePayload(item=Item.from_row(result.item), quantity=result.quantity)
