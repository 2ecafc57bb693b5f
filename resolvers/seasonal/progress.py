"""What the event pages show: the events, the open one, a player's progress and limited editions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Account, Item
from db.models.seasonal import (
    SeasonalConversion,
    SeasonalEarning,
    SeasonalEvent,
    SeasonalItem,
    SeasonalPurchase,
)
from resolvers.clock import Clock
from resolvers.seasonal.common import ACTIVE, ERRORS, currency_balance

__all__ = ["ERRORS", "Progress", "current", "limited_editions", "listed", "progress_of", "shop_of"]


async def listed(session: AsyncSession, status: str | None = None) -> list[SeasonalEvent]:
    query = select(SeasonalEvent)
    if status is not None:
        query = query.where(col(SeasonalEvent.status) == status)
    rows = await session.execute(
        query.order_by(col(SeasonalEvent.starts_at), col(SeasonalEvent.id)).limit(100)
    )
    return list(rows.scalars().all())


async def current(session: AsyncSession, *, clock: Clock) -> SeasonalEvent | None:
    """The open event that ends first (events may overlap)."""
    now = clock.now()
    rows = await session.execute(
        select(SeasonalEvent)
        .where(
            col(SeasonalEvent.status) == ACTIVE,
            col(SeasonalEvent.starts_at) <= now,
            col(SeasonalEvent.ends_at) > now,
        )
        .order_by(col(SeasonalEvent.ends_at), col(SeasonalEvent.id))
        .limit(1)
    )
    return rows.scalars().first()


@dataclass(frozen=True, kw_only=True)
class Progress:
    earned: int
    spent: int
    balance: int
    converted: int
    coins: int


async def progress_of(session: AsyncSession, event: SeasonalEvent, user_id: int) -> Progress:
    earned = await session.execute(
        select(func.coalesce(func.sum(col(SeasonalEarning.amount)), 0)).where(
            col(SeasonalEarning.season_id) == event.id, col(SeasonalEarning.user_id) == user_id
        )
    )
    spent = await session.execute(
        select(func.coalesce(func.sum(col(SeasonalPurchase.total)), 0)).where(
            col(SeasonalPurchase.season_id) == event.id, col(SeasonalPurchase.user_id) == user_id
        )
    )
    conversions = await session.execute(
        select(
            func.coalesce(func.sum(col(SeasonalConversion.amount)), 0),
            func.coalesce(func.sum(col(SeasonalConversion.coins)), 0),
        ).where(col(SeasonalConversion.season_id) == event.id, col(SeasonalConversion.user_id) == user_id)
    )
    amount, coins = conversions.one()
    balance = await currency_balance(session, user_id, event.currency) if event.status == ACTIVE else 0
    return Progress(
        earned=int(earned.scalar_one()),
        spent=int(spent.scalar_one()),
        balance=balance,
        converted=int(amount),
        coins=int(coins),
    )


async def shop_of(session: AsyncSession, event_id: int) -> list[tuple[SeasonalItem, Item]]:
    rows = await session.execute(
        select(SeasonalItem, Item)
        .join(Item, col(Item.id) == col(SeasonalItem.item_id))
        .where(col(SeasonalItem.event_id) == event_id)
        .order_by(col(SeasonalItem.price), col(SeasonalItem.item_id))
    )
    return [(entry, item) for entry, item in rows.tuples().all()]


@dataclass(frozen=True, kw_only=True)
class Edition:
    item: Item
    event: SeasonalEvent
    quantity: int


async def limited_editions(session: AsyncSession, user_id: int) -> list[Edition]:
    """The event items a player holds: limited editions, kept after their event."""
    held = await session.execute(
        select(col(Account.asset), col(Account.balance)).where(
            col(Account.owner_kind) == "user",
            col(Account.owner_id) == str(user_id),
            col(Account.asset).startswith("item:"),
            col(Account.balance) > 0,
        )
    )
    counts = {int(asset[5:]): int(balance) for asset, balance in held.all()}
    if not counts:
        return []
    rows = await session.execute(
        select(SeasonalItem, Item, SeasonalEvent)
        .join(Item, col(Item.id) == col(SeasonalItem.item_id))
        .join(SeasonalEvent, col(SeasonalEvent.id) == col(SeasonalItem.event_id))
        .where(col(SeasonalItem.item_id).in_(list(counts)))
        .order_by(col(SeasonalEvent.starts_at).desc(), col(SeasonalItem.item_id))
    )
    return [
        Edition(item=item, event=event, quantity=counts[entry.item_id])
        for entry, item, event in rows.tuples().all()
    ]
