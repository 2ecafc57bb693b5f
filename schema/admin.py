from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from sqlalchemy import select
from sqlmodel import col

from db.models import AuditEntry as AuditRow
from resolvers import admin, audit, shop
from resolvers.errors import DomainError
from schema.core.connections import PageInfo, check_first, decode_cursor, encode_cursor, page_info
from schema.core.context import Info
from schema.core.errors import to_error
from schema.core.mutations import in_transaction
from schema.core.permissions import IsAdmin
from schema.core.scalars import JSON, Amount
from schema.shop import Item
from schema.wallet import Transfer


@strawberry.enum
class AdminErrorCode(Enum):
    INVALID_AMOUNT = "INVALID_AMOUNT"
    AMOUNT_TOO_LARGE = "AMOUNT_TOO_LARGE"
    UNKNOWN_USER = "UNKNOWN_USER"
    UNKNOWN_CURRENCY = "UNKNOWN_CURRENCY"
    UNKNOWN_ITEM = "UNKNOWN_ITEM"
    INVALID_NAME = "INVALID_NAME"
    INVALID_DESCRIPTION = "INVALID_DESCRIPTION"
    INVALID_PRICE = "INVALID_PRICE"
    INVALID_STOCK = "INVALID_STOCK"
    INVALID_PER_USER_LIMIT = "INVALID_PER_USER_LIMIT"
    INVALID_COOLDOWN_SECONDS = "INVALID_COOLDOWN_SECONDS"
    INVALID_REASON = "INVALID_REASON"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_IDEMPOTENCY_KEY = "INVALID_IDEMPOTENCY_KEY"


@strawberry.type
class AdminError:
    code: AdminErrorCode
    field: str | None
    message: str


@strawberry.input
class AdminGrantInput:
    user_id: strawberry.ID
    amount: Amount  # type: ignore[valid-type]
    reason: str
    currency: str = "COIN"
    idempotency_key: str | None = None


@strawberry.type
class AdminGrantPayload:
    transfer: Transfer | None = None
    errors: list[AdminError] = strawberry.field(default_factory=list)


@strawberry.input
class AdminItemCreateInput:
    name: str
    price: Amount  # type: ignore[valid-type]
    currency: str = "COIN"
    description: str = ""
    stock: int | None = None
    per_user_limit: int | None = None
    cooldown_seconds: int | None = None
    tradeable: bool = True


@strawberry.input
class AdminItemUpdateInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    price: Amount | None = strawberry.UNSET  # type: ignore[valid-type]
    stock: int | None = strawberry.UNSET
    per_user_limit: int | None = strawberry.UNSET
    cooldown_seconds: int | None = strawberry.UNSET
    tradeable: bool | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET


@strawberry.type
class AdminItemPayload:
    item: Item | None = None
    errors: list[AdminError] = strawberry.field(default_factory=list)


@strawberry.type
class AssetSupply:
    asset: str
    minted: Amount  # type: ignore[valid-type]
    burned: Amount  # type: ignore[valid-type]
    held: Amount  # type: ignore[valid-type]
    fees: Amount  # type: ignore[valid-type]
    escrow: Amount  # type: ignore[valid-type]
    other: Amount  # type: ignore[valid-type]
    balanced: bool = strawberry.field(
        description="held + burned + fees + escrow + other − minted is exactly zero."
    )


@strawberry.type
class AuditEntry:
    id: strawberry.ID
    seq: int
    at: datetime
    actor_id: strawberry.ID | None
    action: str
    subject: str | None
    data: JSON  # type: ignore[valid-type]
    prev_hash: str
    hash: str


@strawberry.type
class AuditEntryEdge:
    node: AuditEntry
    cursor: str


@strawberry.type
class AuditEntryConnection:
    edges: list[AuditEntryEdge]
    page_info: PageInfo
    chain_valid: bool = strawberry.field(description="Whether the whole hash chain verifies.")


def _err(exc: DomainError) -> AdminError:
    return to_error(AdminError, AdminErrorCode, exc)


def _fields(input: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: getattr(input, n) for n in names if getattr(input, n) is not strawberry.UNSET}


ITEM_FIELDS = (
    "name",
    "description",
    "price",
    "stock",
    "per_user_limit",
    "cooldown_seconds",
    "tradeable",
    "active",
)


@strawberry.type
class AdminQuery:
    @strawberry.field(
        permission_classes=[IsAdmin],
        description="Per asset: where the supply is, and whether it sums to zero.",
    )
    async def admin_economy_supply(self, info: Info) -> list[AssetSupply]:
        async with info.context.db.reader() as session:
            rows = await admin.supply(session)
        return [
            AssetSupply(
                asset=r.asset,
                minted=r.minted,
                burned=r.burned,
                held=r.held,
                fees=r.fees,
                escrow=r.escrow,
                other=r.other,
                balanced=r.balanced,
            )
            for r in rows
        ]

    @strawberry.field(permission_classes=[IsAdmin], description="The audit log, newest first.")
    async def admin_audit_log(
        self, info: Info, first: int = 50, after: str | None = None
    ) -> AuditEntryConnection:
        limit = check_first(first)
        before = decode_cursor("audit", after)
        query = select(AuditRow)
        if before is not None:
            query = query.where(col(AuditRow.seq) < before)
        async with info.context.db.reader() as session:
            rows = (
                (await session.execute(query.order_by(col(AuditRow.seq).desc()).limit(limit + 1)))
                .scalars()
                .all()
            )
            valid = await audit.verify(session)
        edges = [
            AuditEntryEdge(
                node=AuditEntry(
                    id=strawberry.ID(str(r.id)),
                    seq=r.seq,
                    at=r.at,
                    actor_id=strawberry.ID(str(r.actor_id)) if r.actor_id is not None else None,
                    action=r.action,
                    subject=r.subject,
                    data=r.data,
                    prev_hash=r.prev_hash,
                    hash=r.hash,
                ),
                cursor=encode_cursor("audit", r.seq),
            )
            for r in rows[:limit]
        ]
        return AuditEntryConnection(
            edges=edges,
            chain_valid=valid,
            page_info=page_info(rows, limit, edges),
        )


@strawberry.type
class AdminMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Mint currency to a player, with a reason."
    )
    async def admin_grant(self, info: Info, input: AdminGrantInput) -> AdminGrantPayload:
        ctx = info.context
        actor_id = ctx.actor.user_id or 0
        try:
            result = await in_transaction(
                ctx,
                lambda s: admin.grant(
                    s,
                    actor_id=actor_id,
                    user_id=input.user_id,
                    currency=input.currency,
                    amount=input.amount,
                    reason=input.reason,
                    idempotency_key=input.idempotency_key,
                    clock=ctx.clock,
                ),
            )
        except DomainError as exc:
            return AdminGrantPayload(errors=[_err(exc)])
        # Shown from the recipient's side (its credit account), as in their history.
        mine = frozenset({result.transfer.credit_account})
        return AdminGrantPayload(transfer=Transfer(row=result.transfer, viewer_accounts=mine))

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def admin_item_create(self, info: Info, input: AdminItemCreateInput) -> AdminItemPayload:
        ctx = info.context
        fields = _fields(input, (*ITEM_FIELDS[:-1], "currency"))
        try:
            row = await in_transaction(
                ctx,
                lambda s: shop.create_item(
                    s, actor_id=ctx.actor.user_id or 0, fields=fields, clock=ctx.clock
                ),
            )
        except DomainError as exc:
            return AdminItemPayload(errors=[_err(exc)])
        return AdminItemPayload(item=Item.from_row(row))

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def admin_item_update(self, info: Info, input: AdminItemUpdateInput) -> AdminItemPayload:
        ctx = info.context
        fields = _fields(input, ITEM_FIELDS)
        try:
            row = await in_transaction(
                ctx,
                lambda s: shop.update_item(
                    s, actor_id=ctx.actor.user_id or 0, item_id=input.id, fields=fields, clock=ctx.clock
                ),
            )
        except DomainError as exc:
            return AdminItemPayload(errors=[_err(exc)])
        return AdminItemPayload(item=Item.from_row(row))
