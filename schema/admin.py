from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from sqlalchemy import select
from sqlmodel import col

from db.models import AuditEntry as AuditRow
from resolvers import admin, audit, shop
from resolvers.errors import DomainError
from schema.core.connections import Connection, check_first, decode_cursor, paginate
from schema.core.context import Info
from schema.core.errors import error_codes, to_error
from schema.core.mutations import mutate
from schema.core.permissions import IsAdmin
from schema.core.scalars import JSON, Amount
from schema.shop import (
    Item,
    ShopItemCreateInput,
    ShopItemUpdateInput,
    create_item_use_case,
    update_item_use_case,
)
from schema.wallet import Transfer, WalletGrantInput, grant_payload, grant_use_case

AdminErrorCode = error_codes("Admin", admin.ERRORS, shop.ERRORS)


@strawberry.type
class AdminError:
    code: Enum = strawberry.field(graphql_type=AdminErrorCode)
    field: str | None
    message: str


@strawberry.input(description="Deprecated: use WalletGrantInput.")
class AdminGrantInput(WalletGrantInput):
    pass


@strawberry.type
class AdminGrantPayload:
    transfer: Transfer | None = None
    errors: list[AdminError] = strawberry.field(default_factory=list)


@strawberry.input(description="Deprecated: use ShopItemCreateInput.")
class AdminItemCreateInput(ShopItemCreateInput):
    pass


@strawberry.input(description="Deprecated: use ShopItemUpdateInput.")
class AdminItemUpdateInput(ShopItemUpdateInput):
    pass


@strawberry.type
class AdminItemPayload:
    item: Item | None = None
    errors: list[AdminError] = strawberry.field(default_factory=list)


@strawberry.type
class AssetSupply:
    asset: str
    asset_name: str = strawberry.field(description="The item's name for an item, the currency's code.")
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


def _audit_entry(r: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=strawberry.ID(str(r.id)),
        seq=r.seq or 0,
        at=r.at,
        actor_id=strawberry.ID(str(r.actor_id)) if r.actor_id is not None else None,
        action=r.action,
        subject=r.subject,
        data=r.data,
        prev_hash=r.prev_hash or "",
        hash=r.hash or "",
    )


@strawberry.type
class AuditEntryConnection(Connection[AuditEntry]):
    chain_valid: bool = strawberry.field(description="Whether the whole hash chain verifies.")


def _err(exc: DomainError) -> AdminError:
    return to_error(AdminError, exc)


@strawberry.type
class AdminQuery:
    @strawberry.field(
        permission_classes=[IsAdmin],
        description="Per asset: where the supply is, and whether it sums to zero.",
    )
    async def admin_economy_supply(self, info: Info) -> list[AssetSupply]:
        async with info.context.db.reader() as session:
            rows = await admin.supply(session)
            names = await admin.asset_names(session)
        return [
            AssetSupply(
                asset=r.asset,
                asset_name=names.get(r.asset, r.asset) if r.asset.startswith("item:") else r.asset,
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
        check_first(first)
        decode_cursor("audit", after)
        # Listing seals what has committed first, so the page shows every finished entry chained.
        await audit.seal(info.context.db)
        async with info.context.db.reader() as session:
            valid = (await audit.verify(session)).valid
        return await paginate(
            info.context.db,
            AuditEntryConnection,
            select(AuditRow).where(col(AuditRow.seq).is_not(None)),
            kind="audit",
            first=first,
            after=after,
            column=col(AuditRow.seq),
            node=_audit_entry,
            key=lambda r: r.seq or 0,
            chain_valid=valid,
        )


@strawberry.type
class AdminMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Mint currency to a player, with a reason.",
        deprecation_reason="Use walletGrant.",
    )
    async def admin_grant(self, info: Info, input: AdminGrantInput) -> AdminGrantPayload:
        return await mutate(
            info, AdminGrantPayload, grant_use_case(info, input), grant_payload(AdminGrantPayload)
        )

    @strawberry.mutation(permission_classes=[IsAdmin], deprecation_reason="Use shopItemCreate.")
    async def admin_item_create(self, info: Info, input: AdminItemCreateInput) -> AdminItemPayload:
        return await mutate(
            info,
            AdminItemPayload,
            create_item_use_case(info, input),
            lambda r: AdminItemPayload(item=Item.from_row(r)),
        )

    @strawberry.mutation(permission_classes=[IsAdmin], deprecation_reason="Use shopItemUpdate.")
    async def admin_item_update(self, info: Info, input: AdminItemUpdateInput) -> AdminItemPayload:
        return await mutate(
            info,
            AdminItemPayload,
            update_item_use_case(info, input),
            lambda r: AdminItemPayload(item=Item.from_row(r)),
        )


ROOTS = (AdminQuery, AdminMutation)
