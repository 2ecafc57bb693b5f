"""Seasonal events: the schedule, the open event with its shop and a player's progress, limited
editions held; admins make events and stock their shops; players buy with the event currency."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.seasonal import SeasonalProgressLoader, SeasonalShopByEventLoader
from db.models import Item as ItemRow
from db.models.seasonal import SeasonalEvent as EventRow
from db.models.seasonal import SeasonalItem as EntryRow
from resolvers.seasonal import admin, common, progress, shop
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAdmin, IsAuthenticated
from schema.core.scalars import Amount
from schema.shop import Item

SeasonalErrorCode = error_codes("Seasonal", common.ERRORS)


@strawberry.enum
class SeasonalEventStatus(Enum):
    SCHEDULED = "SCHEDULED"
    ACTIVE = "ACTIVE"
    ENDED = "ENDED"


@strawberry.type
class SeasonalError:
    code: Enum = strawberry.field(graphql_type=SeasonalErrorCode)
    field: str | None
    message: str


@strawberry.type(description="An item of an event's shop: a limited edition, priced in the event currency.")
class SeasonalShopItem:
    entry: strawberry.Private[EntryRow]
    row: strawberry.Private[ItemRow]
    currency: str

    @strawberry.field
    def item(self) -> Item:
        return Item.from_row(self.row)

    @strawberry.field(description="The price in the event's currency.")
    def price(self) -> Amount:  # type: ignore[valid-type]
        return self.entry.price

    @strawberry.field
    def limited_edition(self) -> bool:
        return True


@strawberry.type(description="What a player did in one event.")
class SeasonalProgress:
    earned: Amount  # type: ignore[valid-type]
    spent: Amount  # type: ignore[valid-type]
    balance: Amount = strawberry.field(description="Event currency held now (0 once the event ended).")  # type: ignore[valid-type]
    converted: Amount = strawberry.field(description="Event currency converted to COIN at the end.")  # type: ignore[valid-type]
    coins_from_conversion: Amount  # type: ignore[valid-type]


@strawberry.type
class SeasonalEvent:
    row: strawberry.Private[EventRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def description(self) -> str:
        return self.row.description

    @strawberry.field(description="The event currency's code (a ledger asset).")
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field
    def currency_name(self) -> str:
        return self.row.currency_name

    @strawberry.field
    def starts_at(self) -> datetime:
        return self.row.starts_at

    @strawberry.field
    def ends_at(self) -> datetime:
        return self.row.ends_at

    @strawberry.field
    def status(self) -> SeasonalEventStatus:
        return SeasonalEventStatus(self.row.status)

    @strawberry.field(description="Scheduled again a year later when it ends.")
    def yearly(self) -> bool:
        return self.row.yearly

    @strawberry.field(description="Seconds until the end while the event is open, else null.")
    def time_left_seconds(self, info: Info) -> int | None:
        if self.row.status != common.ACTIVE:
            return None
        return max(0, int((self.row.ends_at - info.context.clock.now()).total_seconds()))

    @strawberry.field(description="Percent of unused event currency paid back in COIN at the end.")
    def conversion_percent(self) -> int:
        return common.CONVERSION_PERCENT

    @strawberry.field(description="The event's shop: limited editions, cheapest first.")
    async def shop(self, info: Info) -> list[SeasonalShopItem]:
        entries = await info.context.loaders.get(SeasonalShopByEventLoader).load(int(self.row.id or 0))
        return [SeasonalShopItem(entry=e, row=i, currency=self.row.currency) for e, i in entries]

    @strawberry.field(description="The signed-in player's progress in this event (null when signed out).")
    async def my_progress(self, info: Info) -> SeasonalProgress | None:
        user_id = info.context.actor.user_id
        if user_id is None:
            return None
        loader = info.context.loaders.get(SeasonalProgressLoader)
        found = await loader.load((int(self.row.id or 0), user_id))
        return SeasonalProgress(
            earned=found.earned,
            spent=found.spent,
            balance=found.balance,
            converted=found.converted,
            coins_from_conversion=found.coins,
        )


@strawberry.type(description="An event item the player holds: a limited edition, kept after its event.")
class SeasonalLimitedEdition:
    row: strawberry.Private[ItemRow]
    season: strawberry.Private[EventRow]
    quantity: Amount  # type: ignore[valid-type]

    @strawberry.field
    def item(self) -> Item:
        return Item.from_row(self.row)

    @strawberry.field
    def event(self) -> SeasonalEvent:
        return SeasonalEvent(row=self.season)


@strawberry.input
class SeasonalEventCreateInput:
    name: str
    currency_code: str
    currency_name: str
    starts_at: datetime
    ends_at: datetime
    description: str | None = None
    yearly: bool = False


@strawberry.input
class SeasonalEventUpdateInput:
    id: strawberry.ID
    name: str | None = None
    description: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    yearly: bool | None = None


@strawberry.type
class SeasonalEventPayload:
    event: SeasonalEvent | None = None
    errors: list[SeasonalError] = strawberry.field(default_factory=list)


@strawberry.input
class SeasonalShopItemCreateInput:
    event_id: strawberry.ID
    name: str
    price: Amount  # type: ignore[valid-type]
    description: str | None = None
    stock: int | None = None
    per_user_limit: int | None = None


@strawberry.type
class SeasonalShopItemCreatePayload:
    shop_item: SeasonalShopItem | None = None
    errors: list[SeasonalError] = strawberry.field(default_factory=list)


@strawberry.input
class SeasonalShopBuyInput:
    item_id: strawberry.ID
    quantity: int = 1
    idempotency_key: str | None = None


@strawberry.type
class SeasonalShopBuyPayload:
    item: Item | None = None
    quantity: int | None = None
    total: Amount | None = None  # type: ignore[valid-type]
    event: SeasonalEvent | None = None
    errors: list[SeasonalError] = strawberry.field(default_factory=list)


@strawberry.type
class SeasonalQuery:
    @strawberry.field(description="Seasonal events by start (at most 100), optionally of one status.")
    async def seasonal_events(
        self, info: Info, status: SeasonalEventStatus | None = None
    ) -> list[SeasonalEvent]:
        async with info.context.db.reader() as session:
            rows = await progress.listed(session, status.value if status is not None else None)
        return [SeasonalEvent(row=r) for r in rows]

    @strawberry.field(description="The open event ending first, or null when none is open.")
    async def current_seasonal_event(self, info: Info) -> SeasonalEvent | None:
        async with info.context.db.reader() as session:
            row = await progress.current(session, clock=info.context.clock)
        return SeasonalEvent(row=row) if row is not None else None

    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Event items you hold: limited editions."
    )
    async def my_seasonal_items(self, info: Info) -> list[SeasonalLimitedEdition]:
        async with info.context.db.reader() as session:
            found = await progress.limited_editions(session, info.context.actor.user_id or 0)
        return [SeasonalLimitedEdition(row=e.item, season=e.event, quantity=e.quantity) for e in found]


@strawberry.type
class SeasonalMutation:
    @strawberry.mutation(permission_classes=[IsAdmin], description="Schedule an event with its own currency.")
    async def seasonal_event_create(
        self, info: Info, input: SeasonalEventCreateInput
    ) -> SeasonalEventPayload:
        ctx = info.context
        return await mutate(
            info,
            SeasonalEventPayload,
            lambda s: admin.create_event(
                s,
                actor_id=ctx.actor.user_id or 0,
                name=input.name,
                description=input.description,
                currency_code=input.currency_code,
                currency_name=input.currency_name,
                starts_at=input.starts_at,
                ends_at=input.ends_at,
                yearly=input.yearly,
                clock=ctx.clock,
            ),
            lambda row: SeasonalEventPayload(event=SeasonalEvent(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Rename or reschedule an event (a started one keeps its start; an ended one is final).",
    )
    async def seasonal_event_update(
        self, info: Info, input: SeasonalEventUpdateInput
    ) -> SeasonalEventPayload:
        ctx = info.context
        return await mutate(
            info,
            SeasonalEventPayload,
            lambda s: admin.update_event(
                s,
                actor_id=ctx.actor.user_id or 0,
                event_id=input.id,
                fields={
                    "name": input.name,
                    "description": input.description,
                    "starts_at": input.starts_at,
                    "ends_at": input.ends_at,
                    "yearly": input.yearly,
                },
                clock=ctx.clock,
            ),
            lambda row: SeasonalEventPayload(event=SeasonalEvent(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Add a limited edition to an event's shop, priced in its currency.",
    )
    async def seasonal_shop_item_create(
        self, info: Info, input: SeasonalShopItemCreateInput
    ) -> SeasonalShopItemCreatePayload:
        ctx = info.context
        return await mutate(
            info,
            SeasonalShopItemCreatePayload,
            lambda s: admin.create_item(
                s,
                actor_id=ctx.actor.user_id or 0,
                event_id=input.event_id,
                name=input.name,
                description=input.description,
                price=input.price,
                stock=input.stock,
                per_user_limit=input.per_user_limit,
                clock=ctx.clock,
            ),
            lambda made: SeasonalShopItemCreatePayload(
                shop_item=SeasonalShopItem(
                    entry=EntryRow(item_id=made.item.id or 0, event_id=made.event.id or 0, price=made.price),
                    row=made.item,
                    currency=made.event.currency,
                )
            ),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Buy a limited edition from the open event's shop."
    )
    async def seasonal_shop_buy(self, info: Info, input: SeasonalShopBuyInput) -> SeasonalShopBuyPayload:
        ctx = info.context
        return await mutate(
            info,
            SeasonalShopBuyPayload,
            lambda s: shop.buy(
                s,
                actor_id=ctx.actor.user_id or 0,
                item_id=input.item_id,
                quantity=input.quantity,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            lambda bought: SeasonalShopBuyPayload(
                item=Item.from_row(bought.item),
                quantity=bought.quantity,
                total=bought.total,
                event=SeasonalEvent(row=bought.event),
            ),
        )


ROOTS = (SeasonalQuery, SeasonalMutation)
