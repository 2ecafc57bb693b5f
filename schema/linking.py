"""Linking a web account with Telegram: a one-time code for the bot, the Login Widget, and the
choice of which account to keep when both have a history."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from dataloaders.accounts import UserByIdLoader
from dataloaders.ledger import BalancesByUserIdLoader
from db.models.linking import AccountLink as AccountLinkRow
from resolvers.linking import ERRORS, codes, resolve, widget
from schema.accounts import Balance, PublicUser
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import IsAuthenticated, NeedsSession

LinkErrorCode = error_codes("Link", ERRORS)


@strawberry.type
class LinkError:
    code: Enum = strawberry.field(graphql_type=LinkErrorCode)
    field: str | None
    message: str


@strawberry.enum
class LinkStatus(Enum):
    PENDING = "pending"
    LINKED = "linked"


@strawberry.enum
class LinkKeep(Enum):
    WEB = "web"
    TELEGRAM = "telegram"


async def _user(info: Info, user_id: int | None) -> PublicUser | None:
    row = await info.context.loaders.get(UserByIdLoader).load(user_id) if user_id is not None else None
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


async def _balances(info: Info, user_id: int | None) -> list[Balance]:
    if user_id is None:
        return []
    accounts = await info.context.loaders.get(BalancesByUserIdLoader).load(user_id)
    return [Balance(currency=a.asset, amount=a.balance) for a in accounts if a.balance > 0]


@strawberry.type
class AccountLink:
    row: strawberry.Private[AccountLinkRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def status(self) -> LinkStatus:
        return LinkStatus(self.row.status)

    @strawberry.field(description="The account kept, once resolved.")
    def keep(self) -> LinkKeep | None:
        return LinkKeep(self.row.keep) if self.row.keep else None

    @strawberry.field(description="How the link was asked for: code or widget.")
    def method(self) -> str:
        return self.row.method

    @strawberry.field(description="The web account.")
    async def web_user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.web_user_id)

    @strawberry.field(description="The account the Telegram identity had, or null if none.")
    async def telegram_user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.telegram_user_id)

    @strawberry.field(description="The account the Telegram identity points to once linked.")
    async def kept_user(self, info: Info) -> PublicUser | None:
        if self.row.keep is None:
            return None
        kept = self.row.web_user_id if self.row.keep == "web" else self.row.telegram_user_id
        return await _user(info, kept)

    @strawberry.field(description="What the web account holds (currencies and item:<id>), above zero.")
    async def web_holdings(self, info: Info) -> list[Balance]:
        return await _balances(info, self.row.web_user_id)

    @strawberry.field(description="What the Telegram identity's account holds, above zero.")
    async def telegram_holdings(self, info: Info) -> list[Balance]:
        return await _balances(info, self.row.telegram_user_id)

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def resolved_at(self) -> datetime | None:
        return self.row.resolved_at


@strawberry.type
class LinkCodePayload:
    code: str | None = strawberry.field(default=None, description="Send it to the bot: /link <code>.")
    expires_at: datetime | None = None
    errors: list[LinkError] = strawberry.field(default_factory=list)


@strawberry.input
class LinkCodeRedeemInput:
    code: str


@strawberry.input
class LinkTelegramWidgetInput:
    id: strawberry.ID
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    photo_url: str | None = None
    auth_date: int
    hash: str


@strawberry.input
class LinkResolveInput:
    link_id: strawberry.ID
    keep: LinkKeep


@strawberry.type
class LinkPayload:
    link: AccountLink | None = None
    errors: list[LinkError] = strawberry.field(default_factory=list)


def _bot_token(info: Info) -> str | None:
    app = getattr(info.context.request, "app", None)
    settings = getattr(getattr(app, "state", None), "settings", None)
    token: Any = getattr(settings, "telegram_token", None)
    return str(token) if token else None


def _widget_data(input: LinkTelegramWidgetInput) -> dict[str, str | None]:
    return {
        "id": str(input.id),
        "first_name": input.first_name,
        "last_name": input.last_name,
        "username": input.username,
        "photo_url": input.photo_url,
        "auth_date": str(input.auth_date),
        "hash": input.hash,
    }


@strawberry.type(description="What the web app needs for Telegram's Login Widget (its redirect flow).")
class LinkWidget:
    bot_id: str = strawberry.field(description="The bot's id, the part of its token before the colon.")


@strawberry.type
class LinkingQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The Login Widget's settings, or null when no bot token is configured.",
    )
    def link_widget(self, info: Info) -> LinkWidget | None:
        bot_id = widget.bot_id(_bot_token(info))
        return LinkWidget(bot_id=bot_id) if bot_id else None

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Links waiting for you to choose which account to keep.",
    )
    async def link_pending(self, info: Info) -> list[AccountLink]:
        async with info.context.db.reader() as session:
            rows = await resolve.pending_for(session, info.context.actor.user_id or 0)
        return [AccountLink(row=r) for r in rows]


@strawberry.type
class LinkingMutation:
    @strawberry.mutation(
        permission_classes=[NeedsSession],
        description="A one-time code (10 minutes) to send to the bot as /link <code>.",
    )
    async def link_code_create(self, info: Info) -> LinkCodePayload:
        ctx = info.context
        return await mutate(
            info,
            LinkCodePayload,
            lambda s: codes.create(
                s, user_id=ctx.actor.user_id or 0, via_telegram=ctx.actor.via_telegram, clock=ctx.clock
            ),
            lambda new: LinkCodePayload(code=new.code, expires_at=new.expires_at),
        )

    @strawberry.mutation(
        permission_classes=[NeedsSession],
        description="The bot's user redeems a web account's code: their Telegram identity links to it.",
    )
    async def link_code_redeem(self, info: Info, input: LinkCodeRedeemInput) -> LinkPayload:
        ctx = info.context
        return await mutate(
            info,
            LinkPayload,
            lambda s: codes.redeem(
                s,
                actor_id=ctx.actor.user_id or 0,
                via_telegram=ctx.actor.via_telegram,
                code=input.code,
                clock=ctx.clock,
            ),
            lambda row: LinkPayload(link=AccountLink(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[NeedsSession],
        description="Link the Telegram account the Login Widget vouched for (its hash is checked).",
    )
    async def link_telegram_widget(self, info: Info, input: LinkTelegramWidgetInput) -> LinkPayload:
        ctx = info.context
        return await mutate(
            info,
            LinkPayload,
            lambda s: widget.link(
                s,
                actor_id=ctx.actor.user_id or 0,
                via_telegram=ctx.actor.via_telegram,
                data=_widget_data(input),
                bot_token=_bot_token(info),
                clock=ctx.clock,
            ),
            lambda row: LinkPayload(link=AccountLink(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[NeedsSession],
        description="Choose which account to keep; the other's balances and items move to it.",
    )
    async def link_resolve(self, info: Info, input: LinkResolveInput) -> LinkPayload:
        ctx = info.context
        return await mutate(
            info,
            LinkPayload,
            lambda s: resolve.resolve(
                s,
                actor_id=ctx.actor.user_id or 0,
                link_id=input.link_id,
                keep=input.keep.value,
                clock=ctx.clock,
            ),
            lambda row: LinkPayload(link=AccountLink(row=row)),
        )


ROOTS = (LinkingQuery, LinkingMutation)
