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
from resolvers.seasonal.common import ACTIVE, ERRORS

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
    key = (int(event.id or 0), user_id)
    return (await progress_many(session, [key]))[key]


async def progress_many(
    session: AsyncSession, keys: list[tuple[int, int]]
) -> dict[tuple[int, int], Progress]:
    """Progress for (event, player) pairs: one grouped statement per table, one for the balances."""
    seasons = sorted({s for s, _ in keys})
    users = sorted({u for _, u in keys})
    earned: dict[tuple[int, int], int] = {}
    spent: dict[tuple[int, int], int] = {}
    converted: dict[tuple[int, int], tuple[int, int]] = {}
    for table, into in ((SeasonalEarning, earned), (SeasonalPurchase, spent)):
        column = SeasonalEarning.amount if table is SeasonalEarning else SeasonalPurchase.total
        rows = await session.execute(
            select(col(table.season_id), col(table.user_id), func.sum(col(column)))
            .where(col(table.season_id).in_(seasons), col(table.user_id).in_(users))
            .group_by(col(table.season_id), col(table.user_id))
        )
        into.update({(int(s), int(u)): int(total) for s, u, total in rows.all()})
    rows = await session.execute(
        select(
            col(SeasonalConversion.season_id),
            col(SeasonalConversion.user_id),
            func.sum(col(SeasonalConversion.amount)),
            func.sum(col(SeasonalConversion.coins)),
        )
        .where(col(SeasonalConversion.season_id).in_(seasons), col(SeasonalConversion.user_id).in_(users))
        .group_by(col(SeasonalConversion.season_id), col(SeasonalConversion.user_id))
    )
    converted.update({(int(s), int(u)): (int(a), int(c)) for s, u, a, c in rows.all()})
    events = {
        e.id: e
        for e in (
            await session.execute(select(SeasonalEvent).where(col(SeasonalEvent.id).in_(seasons)))
        ).scalars()
    }
    held: dict[tuple[str, int], int] = {}
    currencies = sorted({e.currency for e in events.values() if e.status == ACTIVE})
    if currencies:
        rows = await session.execute(
            select(col(Account.asset), col(Account.owner_id), col(Account.balance)).where(
                col(Account.owner_kind) == "user",
                col(Account.owner_id).in_([str(u) for u in users]),
                col(Account.asset).in_(currencies),
            )
        )
        held = {(asset, int(owner)): int(balance) for asset, owner, balance in rows.all()}
    out: dict[tuple[int, int], Progress] = {}
    for key in keys:
        season, user = key
        event = events.get(season)
        balance = held.get((event.currency, user), 0) if event is not None and event.status == ACTIVE else 0
        amount, coins = converted.get(key, (0, 0))
        out[key] = Progress(
            earned=earned.get(key, 0), spent=spent.get(key, 0), balance=balance, converted=amount, coins=coins
        )
    return out


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
