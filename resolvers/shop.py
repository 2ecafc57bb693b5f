"""The shop: admins create and edit items; players buy them with currency.

A purchase is one operation of two transfers: the price from the buyer to ``burn`` and the items
from ``mint`` to the buyer. The buyer's account is debited first, which serialises one buyer's
purchases, so per-user limits and cooldowns are checked after it and cannot be raced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Item, Purchase, Transfer
from resolvers import audit, events, idempotency, ledger, movement, pricing
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "shop",
    "INVALID_COOLDOWN_SECONDS",
    "INVALID_DESCRIPTION",
    "INVALID_NAME",
    "INVALID_PER_USER_LIMIT",
    "INVALID_PRICE",
    "INVALID_PRICE_RANGE",
    "INVALID_QUANTITY",
    "INVALID_STOCK",
    "ITEM_INACTIVE",
    "LIMIT_REACHED",
    "ON_COOLDOWN",
    "OUT_OF_STOCK",
    "UNKNOWN_ITEM",
    uses=(
        ledger.ERRORS,
        idempotency.ERRORS,
    ),
)
events.live("wallet", "shop.purchase")

MAX_QUANTITY = 1000
MAX_COOLDOWN = 365 * 24 * 3600


@dataclass(frozen=True, kw_only=True)
class PurchaseResult:
    item: Item
    quantity: int
    replayed: bool = False


def parse_item_id(raw: Any, field: str = "itemId") -> int:
    value = to_id(raw)
    if value is None:
        raise DomainError("UNKNOWN_ITEM", "No such item.", field)
    return value


async def purchase(
    session: AsyncSession,
    *,
    actor_id: int,
    item_id: Any,
    quantity: int,
    idempotency_key: str | None,
    clock: Clock,
) -> PurchaseResult:
    ident = parse_item_id(item_id)
    if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise DomainError("INVALID_QUANTITY", f"Quantity must be 1 to {MAX_QUANTITY}.", "quantity")
    item = await session.get(Item, ident)
    if item is None:
        raise DomainError("UNKNOWN_ITEM", "No such item.", "itemId")
    if not item.active:
        raise DomainError("ITEM_INACTIVE", "This item is not on sale.", "itemId")
    total = item.price * quantity
    if total > ledger.MAX_AMOUNT:
        raise DomainError("INVALID_QUANTITY", "That costs more than any wallet can hold.", "quantity")
    asset = ledger.item_asset(ident)
    legs = [
        ledger.Leg(
            debit=("system", ledger.MINT),
            credit=("user", actor_id),
            asset=asset,
            amount=quantity,
            kind="purchase",
            ref=f"item:{ident}",
        )
    ]
    if total > 0:
        legs.insert(
            0,
            ledger.Leg(
                debit=("user", actor_id),
                credit=("system", ledger.BURN),
                asset=item.currency,
                amount=total,
                kind="purchase",
                ref=f"item:{ident}",
            ),
        )

    async def effects(transfers: list[Transfer]) -> Effects:
        await _take(session, item, actor_id=actor_id, quantity=quantity, clock=clock)
        operation = transfers[0].operation
        session.add(
            Purchase(
                user_id=actor_id,
                item_id=ident,
                quantity=quantity,
                total_price=total,
                operation=operation,
                created_at=clock.now(),
            )
        )
        return Effects(
            result={"quantity": quantity, "operation": operation},
            events=[
                events.Spec(
                    kind="shop.purchase",
                    actor_id=actor_id,
                    subject=f"item:{ident}",
                    audience=[actor_id],
                    payload={"item_id": ident, "quantity": quantity, "total": total},
                )
            ],
            audit=Audit(
                action="shop.purchase",
                subject=f"item:{ident}",
                data={"quantity": quantity, "total": total, "currency": item.currency},
            ),
        )

    moved = await movement.move(
        session,
        movement.Movement(
            operation="shop.purchase",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"item": ident, "quantity": quantity},
            legs=legs,
            shortfall_field="quantity",
        ),
        clock=clock,
        effects=effects,
    )
    return PurchaseResult(item=item, quantity=int(moved.result["quantity"]), replayed=moved.replayed)


async def _take(session: AsyncSession, item: Item, *, actor_id: int, quantity: int, clock: Clock) -> None:
    """Per-player limit, cooldown and stock: checked after the debit, so a refusal rolls it back."""
    ident = item.id
    now = clock.now()
    if item.per_user_limit is not None or item.cooldown_seconds:
        bought = (
            await session.execute(
                select(func.coalesce(func.sum(col(Purchase.quantity)), 0)).where(
                    col(Purchase.user_id) == actor_id, col(Purchase.item_id) == ident
                )
            )
        ).scalar_one()
        if item.per_user_limit is not None and int(bought) + quantity > item.per_user_limit:
            raise DomainError(
                "LIMIT_REACHED", f"You can buy at most {item.per_user_limit} of this item.", "quantity"
            )
        if item.cooldown_seconds:
            last = (
                await session.execute(
                    select(col(Purchase.created_at))
                    .where(col(Purchase.user_id) == actor_id, col(Purchase.item_id) == ident)
                    .order_by(col(Purchase.id).desc())
                    .limit(1)
                )
            ).scalar_one_or_none()
            if last is not None and now < last + timedelta(seconds=item.cooldown_seconds):
                raise DomainError(
                    "ON_COOLDOWN", "You bought this item too recently; try again later.", "itemId"
                )
    if item.stock is not None:
        taken = await session.execute(
            update(Item)
            .where(col(Item.id) == ident, col(Item.stock) >= quantity)
            .values(stock=col(Item.stock) - quantity)
            .returning(col(Item.stock))
        )
        if taken.scalar_one_or_none() is None:
            raise DomainError("OUT_OF_STOCK", "Not enough of this item in stock.", "quantity")


PRICE_FIELDS = ("price", "base_price", "min_price", "max_price")


def _check_item_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "name" in fields:
        name = (fields["name"] or "").strip()
        if not 1 <= len(name) <= 100:
            raise DomainError("INVALID_NAME", "Name must be 1 to 100 characters.", "name")
        out["name"] = name
    if "description" in fields:
        description = (fields["description"] or "").strip()
        if len(description) > 2000:
            raise DomainError(
                "INVALID_DESCRIPTION", "Description must be at most 2000 characters.", "description"
            )
        out["description"] = description
    for key in PRICE_FIELDS:
        if key in fields and (key == "price" or fields[key] is not None):
            try:
                out[key] = ledger.parse_amount(fields[key], field=key, allow_zero=True)
            except DomainError as exc:
                raise DomainError("INVALID_PRICE", exc.message, key) from None
    for key, minimum, upper, refusal in (
        ("stock", 0, 10**9, DomainError("INVALID_STOCK", f"Stock must be 0 to {10**9} or empty.", "stock")),
        (
            "per_user_limit",
            1,
            10**9,
            DomainError(
                "INVALID_PER_USER_LIMIT", f"Per-user limit must be 1 to {10**9} or empty.", "perUserLimit"
            ),
        ),
        (
            "cooldown_seconds",
            0,
            MAX_COOLDOWN,
            DomainError(
                "INVALID_COOLDOWN_SECONDS",
                f"Cooldown must be 0 to {MAX_COOLDOWN} or empty.",
                "cooldownSeconds",
            ),
        ),
    ):
        if key in fields:
            value = fields[key]
            if value is not None and not minimum <= value <= upper:
                raise refusal
            out[key] = value
    for key in ("tradeable", "active", "pinned"):
        if key in fields and fields[key] is not None:
            out[key] = bool(fields[key])
    return out


def _check_range(price: int, base: int, minimum: int, maximum: int) -> None:
    if minimum > base:
        raise DomainError(
            "INVALID_PRICE_RANGE", "The minimum price must not be above the base price.", "min_price"
        )
    if base > maximum:
        raise DomainError(
            "INVALID_PRICE_RANGE", "The maximum price must not be below the base price.", "max_price"
        )
    if not minimum <= price <= maximum:
        raise DomainError(
            "INVALID_PRICE_RANGE", "The price must be within the minimum and maximum prices.", "price"
        )


def _new_prices(values: dict[str, Any]) -> dict[str, int]:
    """A new item's price, base, min and max: the base defaults to the price and back; the bounds to
    half and twice the base."""
    base = values.get("base_price", values.get("price"))
    if base is None:
        raise DomainError("INVALID_PRICE", "Give the item a price (or a base price).", "price")
    price = values.get("price", base)
    minimum = values.get("min_price", min(base // 2, price))
    maximum = values.get("max_price", min(max(base * 2, price), ledger.MAX_AMOUNT))
    _check_range(price, base, minimum, maximum)
    return {"price": price, "base_price": base, "min_price": minimum, "max_price": maximum}


async def create_item(session: AsyncSession, *, actor_id: int, fields: dict[str, Any], clock: Clock) -> Item:
    values = _check_item_fields({"name": "", **fields})
    values |= _new_prices(values)
    values["demand_price"] = pricing.demand_level(values["price"], await pricing.modifier_for(session, None))
    values["currency"] = await ledger.require_currency(
        session, fields.get("currency") or ledger.DEFAULT_CURRENCY
    )
    now = clock.now()
    item = Item(**values, created_at=now, updated_at=now)
    session.add(item)
    await session.flush()
    assert item.id is not None
    await ledger.ensure_asset(session, ledger.item_asset(item.id), kind="item", name=item.name)
    await events.append(
        session, kind="shop.item_created", clock=clock, actor_id=actor_id, subject=f"item:{item.id}"
    )
    await audit.append(
        session,
        action="admin.item_create",
        clock=clock,
        actor_id=actor_id,
        subject=f"item:{item.id}",
        data=values,
    )
    return item


async def update_item(
    session: AsyncSession, *, actor_id: int, item_id: Any, fields: dict[str, Any], clock: Clock
) -> Item:
    ident = parse_item_id(item_id, "id")
    item = await session.get(Item, ident)
    if item is None:
        raise DomainError("UNKNOWN_ITEM", "No such item.", "id")
    values = _check_item_fields(fields)
    for key in PRICE_FIELDS:
        if key in fields and fields[key] is None:
            raise DomainError("INVALID_PRICE", "A price cannot be empty.", key)
    if "name" in fields and fields["name"] is None:
        raise DomainError("INVALID_NAME", "Name cannot be empty.", "name")
    if any(key in values for key in PRICE_FIELDS):
        values |= await _changed_prices(session, item, values)
    if values:
        await session.execute(
            update(Item).where(col(Item.id) == ident).values(**values, updated_at=clock.now())
        )
        await session.refresh(item)
        await events.append(
            session, kind="shop.item_updated", clock=clock, actor_id=actor_id, subject=f"item:{ident}"
        )
        await audit.append(
            session,
            action="admin.item_update",
            clock=clock,
            actor_id=actor_id,
            subject=f"item:{ident}",
            data=values,
        )
    return item


async def _changed_prices(session: AsyncSession, item: Item, values: dict[str, Any]) -> dict[str, Any]:
    """Edited bounds keep the current price inside them; a price set alone stretches the bound it
    crosses; a new price resets the demand level."""
    base = values.get("base_price", item.base_price)
    minimum = values.get("min_price", item.min_price)
    maximum = values.get("max_price", item.max_price)
    price = values.get("price", item.price)
    out: dict[str, Any] = {}
    if "price" not in values:
        price = max(minimum, min(maximum, price)) if minimum <= maximum else price
    elif not any(key in values for key in PRICE_FIELDS[1:]):
        if price < minimum:
            minimum = out["min_price"] = price
        if price > maximum:
            maximum = out["max_price"] = price
    _check_range(price, base, minimum, maximum)
    if price != item.price:
        modifier = await pricing.modifier_for(session, item.id)
        out |= {"price": price, "demand_price": pricing.demand_level(price, modifier)}
    return out
