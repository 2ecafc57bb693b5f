"""The event shop: limited editions bought with the event's currency while the event runs.

A purchase is one operation of two transfers: the price in event currency from the buyer to
``burn``, the items from ``mint`` to the buyer. The debit comes first, so one buyer's purchases are
serialised and the per-player limit checked after it cannot be raced; stock is one conditional
update.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Item, Transfer
from db.models.seasonal import SeasonalEvent, SeasonalItem, SeasonalPurchase
from resolvers import events, ledger, movement
from resolvers.clock import Clock
from resolvers.errors import DomainError
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects
from resolvers.seasonal.common import ERRORS, is_open

__all__ = ["ERRORS", "Bought", "buy"]

MAX_QUANTITY = 100


@dataclass(frozen=True, kw_only=True)
class Bought:
    item: Item
    event: SeasonalEvent
    quantity: int
    total: int
    replayed: bool = False


async def buy(
    session: AsyncSession,
    *,
    actor_id: int,
    item_id: Any,
    quantity: Any,
    idempotency_key: str | None,
    clock: Clock,
) -> Bought:
    ident = to_id(item_id)
    entry = await session.get(SeasonalItem, ident) if ident is not None else None
    if entry is None:
        raise DomainError("UNKNOWN_ITEM", "No such event item.", "itemId")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise DomainError("INVALID_QUANTITY", f"Quantity must be 1 to {MAX_QUANTITY}.", "quantity")
    event = await session.get(SeasonalEvent, entry.event_id)
    item = await session.get(Item, entry.item_id)
    assert event is not None and event.id is not None and item is not None
    if not is_open(event, clock.now()):
        raise DomainError("EVENT_NOT_ACTIVE", "This event's shop is closed.", "itemId")
    total = entry.price * quantity
    season_id = event.id
    ref = f"seasonal:{event.id}"
    legs = [
        ledger.Leg(
            debit=("user", actor_id),
            credit=("system", ledger.BURN),
            asset=event.currency,
            amount=total,
            kind="seasonal_purchase",
            ref=ref,
        ),
        ledger.Leg(
            debit=("system", ledger.MINT),
            credit=("user", actor_id),
            asset=ledger.item_asset(entry.item_id),
            amount=quantity,
            kind="seasonal_purchase",
            ref=ref,
        ),
    ]

    async def effects(transfers: list[Transfer]) -> Effects:
        await _take(session, item, event, actor_id=actor_id, quantity=quantity)
        operation = transfers[0].operation
        session.add(
            SeasonalPurchase(
                season_id=season_id,
                user_id=actor_id,
                item_id=entry.item_id,
                quantity=quantity,
                total=total,
                operation=operation,
                created_at=clock.now(),
            )
        )
        return Effects(
            result={"quantity": quantity, "total": total},
            events=[
                events.Spec(
                    kind="seasonal.purchase",
                    actor_id=actor_id,
                    subject=f"item:{entry.item_id}",
                    audience=[actor_id],
                    payload={
                        "event_id": event.id,
                        "item_id": entry.item_id,
                        "quantity": quantity,
                        "total": total,
                    },
                )
            ],
            audit=Audit(
                action="seasonal.purchase",
                subject=f"item:{entry.item_id}",
                data={"event_id": event.id, "quantity": quantity, "total": total, "currency": event.currency},
            ),
        )

    moved = await movement.move(
        session,
        movement.Movement(
            operation="seasonal.purchase",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"item": entry.item_id, "quantity": quantity},
            legs=legs,
            shortfall_field="quantity",
        ),
        clock=clock,
        effects=effects,
    )
    return Bought(
        item=item,
        event=event,
        quantity=int(moved.result["quantity"]),
        total=int(moved.result["total"]),
        replayed=moved.replayed,
    )


async def _take(
    session: AsyncSession, item: Item, event: SeasonalEvent, *, actor_id: int, quantity: int
) -> None:
    """The per-player limit and the stock, after the debit: a refusal rolls it back."""
    if item.per_user_limit is not None:
        bought = (
            await session.execute(
                select(func.coalesce(func.sum(col(SeasonalPurchase.quantity)), 0)).where(
                    col(SeasonalPurchase.season_id) == event.id,
                    col(SeasonalPurchase.user_id) == actor_id,
                    col(SeasonalPurchase.item_id) == item.id,
                )
            )
        ).scalar_one()
        if int(bought) + quantity > item.per_user_limit:
            raise DomainError(
                "LIMIT_REACHED", f"You can buy at most {item.per_user_limit} of this item.", "quantity"
            )
    if item.stock is not None:
        taken = await session.execute(
            update(Item)
            .where(col(Item.id) == item.id, col(Item.stock) >= quantity)
            .values(stock=col(Item.stock) - quantity)
            .returning(col(Item.stock))
        )
        left = taken.scalar_one_or_none()
        if left is None:
            raise DomainError("OUT_OF_STOCK", "Not enough of this item in stock.", "quantity")
        set_committed_value(item, "stock", left)
