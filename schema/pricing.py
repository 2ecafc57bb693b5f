"""Dynamic shop prices: an item's price history, and the seasonal multipliers admins set."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry
from sqlmodel import col

from dataloaders.shop import ItemByIdLoader
from db.models.pricing import PricePoint as PricePointRow
from resolvers import pricing
from resolvers.ids import to_id
from schema.core.connections import Connection, paginate
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import IsAdmin
from schema.core.scalars import Amount
from schema.shop import PriceTrend

PricingErrorCode = error_codes("Pricing", pricing.ERRORS)


@strawberry.type
class PricingError:
    code: Enum = strawberry.field(graphql_type=PricingErrorCode)
    field: str | None
    message: str


@strawberry.type(description="An item's price set by the daily pricing job on one day.")
class PricePoint:
    day: date
    price: Amount  # type: ignore[valid-type]
    previous_price: Amount  # type: ignore[valid-type]
    trend: PriceTrend  # type: ignore[valid-type]
    purchases: int = strawberry.field(description="Units bought in the 7 days before.")
    previous_purchases: int = strawberry.field(description="Units bought in the 7 days before those.")
    modifier: float = strawberry.field(description="The seasonal multiplier applied (1 = none).")
    pinned: bool

    @classmethod
    def from_row(cls, row: PricePointRow) -> PricePoint:
        return cls(
            day=row.day,
            price=row.price,
            previous_price=row.previous_price,
            trend=pricing.Trend(row.trend),
            purchases=row.purchases,
            previous_purchases=row.previous_purchases,
            modifier=row.modifier,
            pinned=row.pinned,
        )


@strawberry.type
class PricePointConnection(Connection[PricePoint]):
    pass


@strawberry.input
class ShopPriceModifierSetInput:
    item_id: strawberry.ID | None = strawberry.field(
        default=None, description="The item; null sets the multiplier of the whole shop."
    )
    multiplier: float | None = strawberry.field(
        description="0.1 to 10 (1.25 = 25 % dearer); null removes it.",
    )


@strawberry.type
class ShopPriceModifierSetPayload:
    item_id: strawberry.ID | None = None
    multiplier: float | None = None
    errors: list[PricingError] = strawberry.field(default_factory=list)


@strawberry.type
class PricingQuery:
    @strawberry.field(description="An item's daily prices, newest first.")
    async def shop_item_price_history(
        self, info: Info, item_id: strawberry.ID, first: int = 30, after: str | None = None
    ) -> PricePointConnection:
        ident = to_id(item_id)
        row = await info.context.loaders.get(ItemByIdLoader).load(ident) if ident is not None else None
        visible = row is not None and (row.active or info.context.actor.has_role("admin"))
        return await paginate(
            info.context.db,
            PricePointConnection,
            pricing.history_query(ident if visible and ident is not None else 0),
            kind="price",
            first=first,
            after=after,
            column=col(PricePointRow.id),
            node=PricePoint.from_row,
        )


@strawberry.type
class PricingMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description=(
            "Set a seasonal price multiplier for one item or the whole shop (admins). The daily "
            "pricing job applies it, within the item's bounds and ±20 % a day."
        ),
    )
    async def shop_price_modifier_set(
        self, info: Info, input: ShopPriceModifierSetInput
    ) -> ShopPriceModifierSetPayload:
        ctx = info.context
        return await mutate(
            info,
            ShopPriceModifierSetPayload,
            lambda s: pricing.set_modifier(
                s,
                actor_id=ctx.actor.user_id or 0,
                item_id=input.item_id,
                multiplier=input.multiplier,
                clock=ctx.clock,
            ),
            lambda r: ShopPriceModifierSetPayload(
                item_id=strawberry.ID(str(r.item_id)) if r.item_id is not None else None,
                multiplier=r.multiplier,
            ),
        )


ROOTS = (PricingQuery, PricingMutation)
