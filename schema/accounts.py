from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from enum import Enum

import strawberry
from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from dataloaders.accounts import UserByIdLoader
from dataloaders.ledger import BalancesByUserIdLoader
from dataloaders.progression import ProgressByUserIdLoader
from dataloaders.shop import ItemByIdLoader
from db.models import Account
from db.models import ApiKey as ApiKeyRow
from db.models import User as UserRow
from resolvers import progression
from resolvers.accounts import api_keys, auth, telegram
from resolvers.errors import DomainError
from resolvers.ids import to_id
from resolvers.referrals import common as referral_common
from schema.core.context import Context, Info
from schema.core.errors import error_codes, to_error
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAuthenticated, NeedsSession
from schema.core.refresh_cookie import set_refresh_cookie, wants_cookie
from schema.core.scalars import Amount
from schema.shop import Item


@strawberry.enum
class Role(Enum):
    USER = "user"
    MODERATOR = "moderator"
    ADMIN = "admin"


@strawberry.type
class Balance:
    currency: str
    amount: Amount  # type: ignore[valid-type]


@strawberry.type
class InventoryEntry:
    item: Item
    quantity: Amount  # type: ignore[valid-type]


@strawberry.type
class PublicUser:
    id: strawberry.ID
    username: str


@strawberry.type
class User:
    row: strawberry.Private[UserRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def username(self) -> str:
        return self.row.username

    @strawberry.field
    def role(self) -> Role:
        return Role(self.row.role)

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field(description="The user's currency balances (zero balances included once used).")
    async def balances(self, info: Info) -> list[Balance]:
        accounts = await info.context.loaders.get(BalancesByUserIdLoader).load(int(self.row.id or 0))
        return [
            Balance(currency=a.asset, amount=a.balance) for a in accounts if not a.asset.startswith("item:")
        ]

    @strawberry.field(description="Items the user holds, with quantities.")
    async def inventory(self, info: Info) -> list[InventoryEntry]:
        accounts = await info.context.loaders.get(BalancesByUserIdLoader).load(int(self.row.id or 0))
        held = [a for a in accounts if a.asset.startswith("item:") and a.balance > 0]
        items = await info.context.loaders.get(ItemByIdLoader).load_many([int(a.asset[5:]) for a in held])
        return [
            InventoryEntry(item=Item.from_row(item), quantity=a.balance)
            for a, item in zip(held, items, strict=True)
            if item is not None
        ]

    @strawberry.field(description="The player's level (see levelCurve).")
    async def level(self, info: Info) -> int:
        row = await info.context.loaders.get(ProgressByUserIdLoader).load(int(self.row.id or 0))
        return progression.level_for(row.xp) if row is not None else 1

    @strawberry.field(description="Lifetime XP, earned from activity.")
    async def xp(self, info: Info) -> int:
        row = await info.context.loaders.get(ProgressByUserIdLoader).load(int(self.row.id or 0))
        return row.xp if row is not None else 0

    @strawberry.field
    async def telegram_linked(self, info: Info) -> bool:
        async with info.context.db.reader() as session:
            return await telegram.link_of(session, int(self.row.id or 0)) is not None


AuthErrorCode = error_codes("Auth", auth.ERRORS, api_keys.ERRORS)


@strawberry.type
class AuthError:
    code: Enum = strawberry.field(graphql_type=AuthErrorCode)
    field: str | None
    message: str


@strawberry.type
class AuthPayload:
    access_token: str | None = None
    refresh_token: str | None = None
    user: User | None = None
    errors: list[AuthError] = strawberry.field(default_factory=list)


@strawberry.type
class AuthLogoutPayload:
    ok: bool
    errors: list[AuthError]


@strawberry.input
class AuthRegisterInput:
    username: str
    password: str
    referral_code: str | None = strawberry.field(default=None, description="A referrer's code, optional.")


@strawberry.input
class AuthLoginInput:
    username: str
    password: str


@strawberry.input
class AuthRefreshInput:
    refresh_token: str


@strawberry.input
class AuthLogoutInput:
    refresh_token: str


@strawberry.enum
class ApiKeyScope(Enum):
    READ = "read"
    WRITE = "write"


@strawberry.type
class ApiKey:
    row: strawberry.Private[ApiKeyRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="The first characters of the key, to recognise it.")
    def prefix(self) -> str:
        return self.row.prefix

    @strawberry.field
    def scopes(self) -> list[ApiKeyScope]:
        return [ApiKeyScope(s) for s in self.row.scopes]

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def revoked_at(self) -> datetime | None:
        return self.row.revoked_at


@strawberry.input
class ApiKeyCreateInput:
    name: str
    scopes: list[ApiKeyScope] = strawberry.field(default_factory=lambda: [ApiKeyScope.READ])


@strawberry.input
class ApiKeyRevokeInput:
    id: strawberry.ID


@strawberry.type
class ApiKeyPayload:
    api_key: ApiKey | None = None
    secret: str | None = strawberry.field(default=None, description="Shown once, at creation.")
    errors: list[AuthError] = strawberry.field(default_factory=list)


def _auth_error(exc: DomainError) -> AuthError:
    return to_error(AuthError, exc)


async def _token_pair(
    ctx: Context, use_case: Callable[[AsyncSession], Awaitable[auth.TokenPair]]
) -> AuthPayload:
    """Runs a use case that issues tokens; its refusal becomes the payload's errors. A web client
    that asks for it gets the refresh token as an HttpOnly cookie instead of in the payload."""

    def issued(pair: auth.TokenPair) -> AuthPayload:
        if wants_cookie(ctx.request):
            max_age = ctx.services.token_policy.refresh_days * 86400
            set_refresh_cookie(ctx.response, ctx.request, pair.refresh_token, max_age=max_age)
            return AuthPayload(access_token=pair.access_token, user=User(row=pair.user))
        return _pair_payload(pair)

    return await mutate(ctx, AuthPayload, use_case, issued)


def _pair_payload(pair: auth.TokenPair) -> AuthPayload:
    return AuthPayload(
        access_token=pair.access_token, refresh_token=pair.refresh_token, user=User(row=pair.user)
    )


@strawberry.type
class AccountsQuery:
    @strawberry.field(description="The signed-in user, or null.")
    async def me(self, info: Info) -> User | None:
        actor = info.context.actor
        if actor.user_id is None:
            return None
        row = await info.context.loaders.get(UserByIdLoader).load(actor.user_id)
        return User(row=row) if row is not None else None

    @strawberry.field(permission_classes=[IsAuthenticated])
    async def user_by_username(self, info: Info, username: str) -> PublicUser | None:
        async with info.context.db.reader() as session:
            row = await auth.find_user(session, username.lstrip("@")[:64])
        return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row else None

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The user whose linked Telegram account has this @username, or null.",
    )
    async def user_by_telegram_username(self, info: Info, username: str) -> PublicUser | None:
        async with info.context.db.reader() as session:
            row = await telegram.user_by_telegram_username(session, username[:65])
        return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row else None

    @strawberry.field(permission_classes=[IsAuthenticated])
    async def my_api_keys(self, info: Info) -> list[ApiKey]:
        async with info.context.db.reader() as session:
            rows = (
                (
                    await session.execute(
                        select(ApiKeyRow)
                        .where(col(ApiKeyRow.user_id) == info.context.actor.user_id)
                        .order_by(col(ApiKeyRow.id))
                    )
                )
                .scalars()
                .all()
            )
        return [ApiKey(row=r) for r in rows]


@strawberry.type
class AccountsMutation:
    @strawberry.mutation
    async def auth_register(self, info: Info, input: AuthRegisterInput) -> AuthPayload:
        ctx = info.context
        return await _token_pair(
            ctx,
            lambda s: auth.register(
                s,
                username=input.username,
                password=input.password,
                policy=ctx.services.token_policy,
                clock=ctx.clock,
                referral_code=input.referral_code,
                client=referral_common.request_pattern(ctx.request, ctx.services.token_policy.secret),
            ),
        )

    @strawberry.mutation
    async def auth_login(self, info: Info, input: AuthLoginInput) -> AuthPayload:
        ctx = info.context
        return await _token_pair(
            ctx,
            lambda s: auth.login(
                s,
                username=input.username,
                password=input.password,
                policy=ctx.services.token_policy,
                clock=ctx.clock,
            ),
        )

    @strawberry.mutation
    async def auth_refresh(self, info: Info, input: AuthRefreshInput) -> AuthPayload:
        ctx = info.context
        return await _token_pair(
            ctx,
            lambda s: auth.refresh(
                s, refresh_token=input.refresh_token, policy=ctx.services.token_policy, clock=ctx.clock
            ),
        )

    @strawberry.mutation
    async def auth_logout(self, info: Info, input: AuthLogoutInput) -> AuthLogoutPayload:
        ctx = info.context
        return await mutate(
            info,
            AuthLogoutPayload,
            lambda s: auth.logout(s, refresh_token=input.refresh_token, clock=ctx.clock),
            lambda _: AuthLogoutPayload(ok=True, errors=[]),
            ok=False,
        )

    @strawberry.mutation(permission_classes=[NeedsSession])
    async def api_key_create(self, info: Info, input: ApiKeyCreateInput) -> ApiKeyPayload:
        ctx = info.context
        user_id = ctx.actor.user_id or 0
        return await mutate(
            info,
            ApiKeyPayload,
            lambda s: api_keys.create(
                s, user_id=user_id, name=input.name, scopes=[sc.value for sc in input.scopes], clock=ctx.clock
            ),
            lambda new: ApiKeyPayload(api_key=ApiKey(row=new.key), secret=new.secret),
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def api_key_revoke(self, info: Info, input: ApiKeyRevokeInput) -> ApiKeyPayload:
        ctx = info.context
        user_id = ctx.actor.user_id or 0
        return await mutate(
            info,
            ApiKeyPayload,
            lambda s: api_keys.revoke(s, user_id=user_id, key_id=to_id(input.id), clock=ctx.clock),
            lambda row: ApiKeyPayload(api_key=ApiKey(row=row)),
        )


__all__ = ["Account", "AccountsMutation", "AccountsQuery", "Balance", "User"]


ROOTS = (AccountsQuery, AccountsMutation)
