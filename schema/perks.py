"""The Telegram group's perks: the effects a player holds, perk items for admins to put on sale, and
the two calls the bot makes in the group (a sticker kept or deleted, ``/everyone``)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.shop import ItemByIdLoader
from db.models.perks import PerkEffect as PerkEffectRow
from resolvers import perks
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAdmin, IsAuthenticated
from schema.core.scalars import Amount
from schema.shop import Item

PerkKind = strawberry.enum(
    perks.PerkKind,
    name="PerkKind",
    description="STICKERS: stickers without limit; ADMIN: admin of the group; MENTION: /everyone once.",
)
PerkErrorCode = error_codes("Perk", perks.ERRORS)


@strawberry.type
class PerkError:
    code: Enum = strawberry.field(graphql_type=PerkErrorCode)
    field: str | None
    message: str


@strawberry.type
class PerkEffect:
    row: strawberry.Private[PerkEffectRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def kind(self) -> PerkKind:  # type: ignore[valid-type]
        return perks.PerkKind(self.row.kind)

    @strawberry.field(description="The shop item whose purchase started it.")
    async def item(self, info: Info) -> Item | None:
        row = await info.context.loaders.get(ItemByIdLoader).load(self.row.item_id)
        return Item.from_row(row) if row is not None else None

    @strawberry.field(description="When it starts (later than the purchase when it follows another).")
    def starts_at(self) -> datetime:
        return self.row.starts_at

    @strawberry.field(description="When it ends; null for a perk used up instead (a mention).")
    def expires_at(self) -> datetime | None:
        return self.row.expires_at

    @strawberry.field(description="Uses left (a mention), 0 for a timed perk.")
    def uses_left(self) -> int:
        return self.row.uses_left

    @strawberry.field(description="Running now (false while waiting for an earlier one to end).")
    def active(self, info: Info) -> bool:
        now = info.context.clock.now()
        return self.row.starts_at <= now and (self.row.expires_at is None or now < self.row.expires_at)


@strawberry.input
class PerkItemCreateInput:
    kind: PerkKind  # type: ignore[valid-type]
    price: Amount | None = None  # type: ignore[valid-type]
    name: str | None = None
    description: str | None = None


@strawberry.type
class PerkItemCreatePayload:
    item: Item | None = None
    errors: list[PerkError] = strawberry.field(default_factory=list)


@strawberry.input
class PerkStickerSentInput:
    chat_id: str


@strawberry.type
class PerkStickerSentPayload:
    allowed: bool = True
    unlimited: bool = False
    count: int = 0
    errors: list[PerkError] = strawberry.field(default_factory=list)


@strawberry.input
class PerkMentionUseInput:
    chat_id: str


@strawberry.type
class PerkMember:
    telegram_id: str
    telegram_username: str | None
    username: str


@strawberry.type
class PerkMentionUsePayload:
    members: list[PerkMember] = strawberry.field(default_factory=list)
    uses_left: int = 0
    errors: list[PerkError] = strawberry.field(default_factory=list)


@strawberry.type
class PerksQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Your group perks not yet ended, with their expiry, in the order they run.",
    )
    async def my_perks(self, info: Info) -> list[PerkEffect]:
        async with info.context.db.reader() as session:
            rows = await perks.of_user(session, user_id=info.context.actor.user_id or 0)
        return [PerkEffect(row=row) for row in rows]


@strawberry.type
class PerksMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Put a group perk on sale: a shop item whose purchase starts the perk (admins).",
    )
    async def perk_item_create(self, info: Info, input: PerkItemCreateInput) -> PerkItemCreatePayload:
        ctx = info.context
        return await mutate(
            info,
            PerkItemCreatePayload,
            lambda s: perks.create_item(
                s,
                actor_id=ctx.actor.user_id or 0,
                kind=input.kind,
                price=input.price,
                name=input.name,
                description=input.description,
                clock=ctx.clock,
            ),
            lambda row: PerkItemCreatePayload(item=Item.from_row(row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="The bot reports a player's sticker in the group; allowed false: the bot deletes it.",
    )
    async def perk_sticker_sent(self, info: Info, input: PerkStickerSentInput) -> PerkStickerSentPayload:
        ctx = info.context
        return await mutate(
            info,
            PerkStickerSentPayload,
            lambda s: perks.sticker_sent(
                s,
                actor_id=ctx.actor.user_id or 0,
                via_telegram=ctx.actor.via_telegram,
                chat_id=input.chat_id,
                clock=ctx.clock,
            ),
            lambda r: PerkStickerSentPayload(allowed=r.allowed, unlimited=r.unlimited, count=r.count),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="/everyone: spends one mention perk and returns the members the bot mentions.",
    )
    async def perk_mention_use(self, info: Info, input: PerkMentionUseInput) -> PerkMentionUsePayload:
        ctx = info.context
        return await mutate(
            info,
            PerkMentionUsePayload,
            lambda s: perks.use_mention(
                s,
                actor_id=ctx.actor.user_id or 0,
                via_telegram=ctx.actor.via_telegram,
                chat_id=input.chat_id,
                clock=ctx.clock,
            ),
            lambda r: PerkMentionUsePayload(
                members=[
                    PerkMember(
                        telegram_id=str(m.telegram_id),
                        telegram_username=m.telegram_username,
                        username=m.username,
                    )
                    for m in r.members
                ],
                uses_left=r.uses_left,
            ),
        )


ROOTS = (PerksQuery, PerksMutation)
