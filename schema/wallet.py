from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

import strawberry
from sqlalchemy import or_, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from dataloaders.accounts import AccountByIdLoader, UserByIdLoader
from dataloaders.shop import ItemByIdLoader
from db.models import Account
from db.models import Transfer as TransferRow
from resolvers import admin, events, ledger, wallet
from resolvers.ids import to_id
from schema.accounts import Balance
from schema.core.connections import Connection, PageInfo, check_first, decode_cursor, paginate
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAdmin, IsAuthenticated
from schema.core.scalars import Amount


@strawberry.enum
class TransferDirection(Enum):
    IN = "in"
    OUT = "out"


P = TypeVar("P")


@strawberry.enum(description="Who is on the other side of a transfer, in words a player understands.")
class CounterpartyKind(Enum):
    USER = "user"
    SHOP = "shop"
    ADMIN_GRANT = "admin_grant"
    GAME_REWARD = "game_reward"
    FEES = "fees"
    ESCROW = "escrow"
    BANK = "bank"
    SYSTEM = "system"


def counterparty_kind(kind: str, owner_kind: str, owner_id: str) -> CounterpartyKind:
    if owner_kind != "system":
        return CounterpartyKind.USER
    if kind == "purchase":
        return CounterpartyKind.SHOP
    if kind == "grant":
        return CounterpartyKind.ADMIN_GRANT
    if kind.startswith(("bank.", "loan.")):
        return CounterpartyKind.BANK
    if owner_id.startswith(ledger.SOURCE_PREFIX) or kind == "ingestion":
        return CounterpartyKind.GAME_REWARD
    if owner_id == ledger.FEES:
        return CounterpartyKind.FEES
    if owner_id.startswith(ledger.ESCROW_PREFIX):
        return CounterpartyKind.ESCROW
    return CounterpartyKind.SYSTEM


@strawberry.type
class Transfer:
    row: strawberry.Private[TransferRow]
    viewer_accounts: strawberry.Private[frozenset[int]]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="payment, grant, purchase, …")
    def kind(self) -> str:
        return self.row.kind

    @strawberry.field
    def asset(self) -> str:
        return self.row.asset

    @strawberry.field
    def amount(self) -> Amount:  # type: ignore[valid-type]
        return self.row.amount

    @strawberry.field
    def direction(self) -> TransferDirection:
        return (
            TransferDirection.IN if self.row.credit_account in self.viewer_accounts else TransferDirection.OUT
        )

    @strawberry.field(description="The other side: a username, or a system account such as mint or burn.")
    async def counterparty(self, info: Info) -> str:
        other = (
            self.row.debit_account
            if self.row.credit_account in self.viewer_accounts
            else self.row.credit_account
        )
        account = await info.context.loaders.get(AccountByIdLoader).load(other)
        if account is None:
            return "?"
        if account.owner_kind == "user":
            user = await info.context.loaders.get(UserByIdLoader).load(int(account.owner_id))
            return user.username if user is not None else "?"
        return (
            f"{account.owner_kind}:{account.owner_id}" if account.owner_kind != "system" else account.owner_id
        )

    async def _other(self, info: Info) -> Any:
        other = (
            self.row.debit_account
            if self.row.credit_account in self.viewer_accounts
            else self.row.credit_account
        )
        return await info.context.loaders.get(AccountByIdLoader).load(other)

    @strawberry.field(description="What the other side is (a player, the shop, an admin's grant, …).")
    async def counterparty_kind(self, info: Info) -> CounterpartyKind:
        account = await self._other(info)
        if account is None:
            return CounterpartyKind.SYSTEM
        return counterparty_kind(self.row.kind, account.owner_kind, account.owner_id)

    @strawberry.field(description="For game rewards, the game bot's source code (such as gdcards).")
    async def counterparty_source(self, info: Info) -> str | None:
        account = await self._other(info)
        if account is None or not account.owner_id.startswith(ledger.SOURCE_PREFIX):
            return None
        return str(account.owner_id)[len(ledger.SOURCE_PREFIX) :]

    @strawberry.field(description="The item's name for an item, the currency's code for a currency.")
    async def asset_name(self, info: Info) -> str:
        if self.row.asset.startswith("item:"):
            item_id = to_id(self.row.asset[5:])
            item = (
                await info.context.loaders.get(ItemByIdLoader).load(item_id) if item_id is not None else None
            )
            return item.name if item is not None else self.row.asset
        return self.row.asset

    @strawberry.field
    def memo(self) -> str | None:
        return self.row.memo

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class TransferConnection(Connection[Transfer]):
    pass


# walletGrant runs admin.grant: its codes (INVALID_REASON) are wallet codes too.
WalletErrorCode = error_codes("Wallet", wallet.ERRORS, admin.ERRORS)


@strawberry.type
class WalletError:
    code: Enum = strawberry.field(graphql_type=WalletErrorCode)
    field: str | None
    message: str


@strawberry.input
class WalletTransferInput:
    to_user_id: strawberry.ID
    amount: Amount  # type: ignore[valid-type]
    currency: str = "COIN"
    idempotency_key: str | None = None
    memo: str | None = None


@strawberry.type
class WalletTransferPayload:
    transfer: Transfer | None = None
    errors: list[WalletError] = strawberry.field(default_factory=list)
    payer_id: strawberry.Private[int | None] = None

    @strawberry.field(description="The payer's balances after the transfer (read only when asked for).")
    async def balances(self, info: Info) -> list[Balance] | None:
        return None if self.payer_id is None else await _balances(info, self.payer_id)


@strawberry.type
class WalletChange:
    balances: list[Balance]
    transfer: Transfer | None


async def viewer_accounts(info: Info, user_id: int) -> frozenset[int]:
    async with info.context.db.reader() as session:
        rows = await session.execute(
            select(col(Account.id)).where(
                col(Account.owner_kind) == "user", col(Account.owner_id) == str(user_id)
            )
        )
    return frozenset(int(r) for (r,) in rows.all())


async def _balances(info: Info, user_id: int) -> list[Balance]:
    async with info.context.db.reader() as session:
        rows = await session.execute(
            select(col(Account.asset), col(Account.balance))
            .where(col(Account.owner_kind) == "user", col(Account.owner_id) == str(user_id))
            .order_by(col(Account.asset))
        )
    return [Balance(currency=a, amount=b) for a, b in rows.all() if not a.startswith("item:")]


@strawberry.type
class WalletQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="Your transfers, newest first.")
    async def my_transfers(self, info: Info, first: int = 20, after: str | None = None) -> TransferConnection:
        check_first(first)
        decode_cursor("transfer", after)
        mine = await viewer_accounts(info, info.context.actor.user_id or 0)
        if not mine:
            return TransferConnection(edges=[], page_info=PageInfo(has_next_page=False, end_cursor=None))
        query = select(TransferRow).where(
            or_(col(TransferRow.debit_account).in_(mine), col(TransferRow.credit_account).in_(mine))
        )
        return await paginate(
            info.context.db,
            TransferConnection,
            query,
            kind="transfer",
            first=first,
            after=after,
            column=col(TransferRow.id),
            node=lambda r: Transfer(row=r, viewer_accounts=mine),
        )


@strawberry.input
class WalletGrantInput:
    user_id: strawberry.ID
    amount: Amount  # type: ignore[valid-type]
    reason: str
    currency: str = "COIN"
    idempotency_key: str | None = None


@strawberry.type
class WalletGrantPayload:
    transfer: Transfer | None = None
    errors: list[WalletError] = strawberry.field(default_factory=list)


def grant_use_case(
    info: Info, input: WalletGrantInput
) -> Callable[[AsyncSession], Awaitable[wallet.TransferResult]]:
    ctx = info.context
    return lambda s: admin.grant(
        s,
        actor_id=ctx.actor.user_id or 0,
        user_id=input.user_id,
        currency=input.currency,
        amount=input.amount,
        reason=input.reason,
        idempotency_key=input.idempotency_key,
        clock=ctx.clock,
    )


def grant_payload(payload: Callable[..., P]) -> Callable[[wallet.TransferResult], P]:
    # Shown from the recipient's side (its credit account), as in their history.
    return lambda r: payload(
        transfer=Transfer(row=r.transfer, viewer_accounts=frozenset({r.transfer.credit_account}))
    )


@strawberry.type
class WalletMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Mint currency to a player, with a reason."
    )
    async def wallet_grant(self, info: Info, input: WalletGrantInput) -> WalletGrantPayload:
        return await mutate(
            info, WalletGrantPayload, grant_use_case(info, input), grant_payload(WalletGrantPayload)
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def wallet_transfer(self, info: Info, input: WalletTransferInput) -> WalletTransferPayload:
        ctx = info.context
        actor_id = ctx.actor.user_id or 0
        # The payer's side of the transfer is its debit account: no query needed for the direction.
        return await mutate(
            info,
            WalletTransferPayload,
            lambda s: wallet.transfer(
                s,
                actor_id=actor_id,
                to_user_id=input.to_user_id,
                currency=input.currency,
                amount=input.amount,
                idempotency_key=input.idempotency_key,
                memo=input.memo,
                clock=ctx.clock,
                actor_name=ctx.actor.username,
            ),
            lambda r: WalletTransferPayload(
                transfer=Transfer(row=r.transfer, viewer_accounts=frozenset({r.transfer.debit_account})),
                payer_id=actor_id,
            ),
        )


@strawberry.type
class WalletSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="The viewer's balances, each time a transfer changes them.",
    )
    async def wallet_changed(self, info: Info) -> AsyncGenerator[WalletChange, None]:
        user_id = info.context.actor.user_id or 0
        async with info.context.services.subscribe(f"lucas:user:{user_id}") as messages:
            async for message in messages:
                transfer_id = message.get("payload", {}).get("transfer_id")
                if not events.concerns(message.get("kind"), "wallet"):
                    continue
                transfer = None
                if transfer_id is not None:
                    async with info.context.db.reader() as session:
                        row = await session.get(TransferRow, int(transfer_id))
                    if row is not None:
                        transfer = Transfer(row=row, viewer_accounts=await viewer_accounts(info, user_id))
                yield WalletChange(balances=await _balances(info, user_id), transfer=transfer)


ROOTS = (WalletQuery, WalletMutation, WalletSubscription)
