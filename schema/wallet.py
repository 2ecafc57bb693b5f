from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum

import strawberry
from sqlalchemy import or_, select
from sqlmodel import col

from db.models import Account
from db.models import Transfer as TransferRow
from resolvers import wallet
from resolvers.errors import DomainError
from schema.accounts import Balance
from schema.core.connections import PageInfo, check_first, decode_cursor, encode_cursor, page_info
from schema.core.context import Info
from schema.core.errors import to_error
from schema.core.mutations import in_transaction
from schema.core.permissions import CanWrite, IsAuthenticated
from schema.core.scalars import Amount


@strawberry.enum
class TransferDirection(Enum):
    IN = "in"
    OUT = "out"


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
        account = await info.context.loaders.account_by_id.load(other)
        if account is None:
            return "?"
        if account.owner_kind == "user":
            user = await info.context.loaders.user_by_id.load(int(account.owner_id))
            return user.username if user is not None else "?"
        return (
            f"{account.owner_kind}:{account.owner_id}" if account.owner_kind != "system" else account.owner_id
        )

    @strawberry.field
    def memo(self) -> str | None:
        return self.row.memo

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class TransferEdge:
    node: Transfer
    cursor: str


@strawberry.type
class TransferConnection:
    edges: list[TransferEdge]
    page_info: PageInfo


@strawberry.enum
class WalletErrorCode(Enum):
    INVALID_AMOUNT = "INVALID_AMOUNT"
    AMOUNT_TOO_LARGE = "AMOUNT_TOO_LARGE"
    UNKNOWN_USER = "UNKNOWN_USER"
    UNKNOWN_CURRENCY = "UNKNOWN_CURRENCY"
    SELF_TRANSFER = "SELF_TRANSFER"
    INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS"
    INVALID_MEMO = "INVALID_MEMO"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_IDEMPOTENCY_KEY = "INVALID_IDEMPOTENCY_KEY"


@strawberry.type
class WalletError:
    code: WalletErrorCode
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
        limit = check_first(first)
        before = decode_cursor("transfer", after)
        mine = await viewer_accounts(info, info.context.actor.user_id or 0)
        if not mine:
            return TransferConnection(edges=[], page_info=PageInfo(has_next_page=False, end_cursor=None))
        query = select(TransferRow).where(
            or_(col(TransferRow.debit_account).in_(mine), col(TransferRow.credit_account).in_(mine))
        )
        if before is not None:
            query = query.where(col(TransferRow.id) < before)
        async with info.context.db.reader() as session:
            rows = (
                (await session.execute(query.order_by(col(TransferRow.id).desc()).limit(limit + 1)))
                .scalars()
                .all()
            )
        edges = [
            TransferEdge(
                node=Transfer(row=r, viewer_accounts=mine), cursor=encode_cursor("transfer", int(r.id or 0))
            )
            for r in rows[:limit]
        ]
        return TransferConnection(
            edges=edges,
            page_info=page_info(rows, limit, edges),
        )


@strawberry.type
class WalletMutation:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def wallet_transfer(self, info: Info, input: WalletTransferInput) -> WalletTransferPayload:
        ctx = info.context
        actor_id = ctx.actor.user_id or 0
        try:
            result = await in_transaction(
                ctx,
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
            )
        except DomainError as exc:
            return WalletTransferPayload(errors=[to_error(WalletError, WalletErrorCode, exc)])
        # The payer's side of the transfer is its debit account: no query needed for the direction.
        mine = frozenset({result.transfer.debit_account})
        return WalletTransferPayload(
            transfer=Transfer(row=result.transfer, viewer_accounts=mine), payer_id=actor_id
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
                if message.get("kind") not in {
                    "wallet.transfer",
                    "wallet.grant",
                    "shop.purchase",
                    "wallet.credit",
                }:
                    continue
                transfer = None
                if transfer_id is not None:
                    async with info.context.db.reader() as session:
                        row = await session.get(TransferRow, int(transfer_id))
                    if row is not None:
                        transfer = Transfer(row=row, viewer_accounts=await viewer_accounts(info, user_id))
                yield WalletChange(balances=await _balances(info, user_id), transfer=transfer)
