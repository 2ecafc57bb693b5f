"""Dynamic shop prices: a daily job moves each item's price with its demand.

For each item on sale the job compares the units bought in the last 7 days with the 7 days before.
The demand price (the level before seasonal modifiers) moves by that ratio, at most ±20 %; the
seasonal modifiers (an admin's global and per-item multipliers, ``ConfigValue`` rows) apply on top;
the price then moves at most ±20 % from the day before and stays within the item's min and max.
Items an admin pinned keep their price. Each (item, day) is priced once: the history row is the
record, so a repeated, late or concurrent run changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar

from sqlalchemy import case, delete, func, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue, Item, Purchase
from db.models.pricing import PricePoint
from resolvers import audit
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes("pricing", "INVALID_MODIFIER", "UNKNOWN_ITEM")

T = TypeVar("T")
Run = Callable[[Callable[[AsyncSession], Awaitable[T]]], Awaitable[T]]

MAX_STEP = Fraction(1, 5)
WINDOW = timedelta(days=7)
GLOBAL_KEY = "pricing.seasonal"
ITEM_KEY_PREFIX = "pricing.seasonal.item."
MIN_MODIFIER = 0.1
MAX_MODIFIER = 10.0


class Trend(StrEnum):
    RISING = "RISING"
    FALLING = "FALLING"
    STABLE = "STABLE"


@dataclass(frozen=True, kw_only=True)
class Step:
    price: int
    demand_price: int
    trend: Trend


def demand_change(recent: int, earlier: int) -> Fraction:
    """The week-on-week change in units bought, capped at ±20 % (a first week of sales counts +20 %)."""
    if earlier <= 0:
        return MAX_STEP if recent > 0 else Fraction(0)
    return max(-MAX_STEP, min(MAX_STEP, Fraction(recent - earlier, earlier)))


def _round(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def next_price(
    *,
    price: int,
    demand_price: int,
    recent: int,
    earlier: int,
    modifier: Fraction,
    minimum: int,
    maximum: int,
    pinned: bool,
) -> Step:
    """Tomorrow's price: within [minimum, maximum] and within ±20 % of ``price``; pinned keeps it."""
    if pinned:
        return Step(price=price, demand_price=demand_price, trend=Trend.STABLE)
    demand = _round(demand_price * (1 + demand_change(recent, earlier)))
    demand = max(math.ceil(minimum / modifier), min(math.floor(maximum / modifier), demand))
    target = _round(demand * modifier)
    low = max(minimum, math.ceil(price * (1 - MAX_STEP)))
    high = min(maximum, math.floor(price * (1 + MAX_STEP)))
    moved = min(max(target, low), high)
    trend = Trend.RISING if moved > price else Trend.FALLING if moved < price else Trend.STABLE
    return Step(price=moved, demand_price=demand, trend=trend)


def _as_modifier(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return Fraction(1)
    if not math.isfinite(value) or not MIN_MODIFIER <= value <= MAX_MODIFIER:
        return Fraction(1)
    return Fraction(str(value))


async def modifiers(session: AsyncSession) -> tuple[Fraction, dict[int, Fraction]]:
    """The global seasonal multiplier and the per-item ones (1 where unset)."""
    rows = await session.execute(
        select(col(ConfigValue.key), col(ConfigValue.value)).where(
            col(ConfigValue.key).startswith(GLOBAL_KEY)
        )
    )
    overall, per_item = Fraction(1), {}
    for key, value in rows.all():
        if key == GLOBAL_KEY:
            overall = _as_modifier(value)
        elif key.startswith(ITEM_KEY_PREFIX) and (ident := to_id(key.removeprefix(ITEM_KEY_PREFIX))):
            per_item[ident] = _as_modifier(value)
    return overall, per_item


async def modifier_for(session: AsyncSession, item_id: int | None) -> Fraction:
    overall, per_item = await modifiers(session)
    return overall * per_item.get(item_id or 0, Fraction(1))


def demand_level(price: int, modifier: Fraction) -> int:
    """The demand price that, with ``modifier`` on top, gives ``price``."""
    return _round(price / modifier)


async def purchases_by_item(session: AsyncSession, now: datetime) -> dict[int, tuple[int, int]]:
    """Units bought per item in the last 7 days and in the 7 days before."""
    start, middle = now - 2 * WINDOW, now - WINDOW
    created = col(Purchase.created_at)
    recent = func.sum(case((created >= middle, col(Purchase.quantity)), else_=0))
    earlier = func.sum(case((created < middle, col(Purchase.quantity)), else_=0))
    rows = await session.execute(
        select(col(Purchase.item_id), recent, earlier)
        .where(created >= start, created < now)
        .group_by(col(Purchase.item_id))
    )
    return {int(i): (int(r or 0), int(e or 0)) for i, r, e in rows.all()}


async def reprice(session: AsyncSession, *, item_id: int, clock: Clock) -> PricePoint | None:
    """Prices one item for today, once; None when today's price was already set (or it is gone)."""
    now = clock.now()
    item = (
        await session.execute(select(Item).where(col(Item.id) == item_id).with_for_update())
    ).scalar_one_or_none()
    if item is None or not item.active:
        return None
    sold = (await purchases_by_item(session, now)).get(item_id, (0, 0))
    modifier = await modifier_for(session, item_id)
    step = next_price(
        price=item.price,
        demand_price=item.demand_price,
        recent=sold[0],
        earlier=sold[1],
        modifier=modifier,
        minimum=item.min_price,
        maximum=item.max_price,
        pinned=item.pinned,
    )
    values = {
        "item_id": item_id,
        "day": now.date(),
        "price": step.price,
        "previous_price": item.price,
        "demand_price": step.demand_price,
        "trend": step.trend.value,
        "purchases": sold[0],
        "previous_purchases": sold[1],
        "modifier": float(modifier),
        "pinned": item.pinned,
        "created_at": now,
    }
    stmt = insert_for(session, PricePoint).values(**values)
    stmt = stmt.on_conflict_do_nothing(index_elements=["item_id", "day"]).returning(col(PricePoint.id))
    inserted = (await session.execute(stmt)).scalar_one_or_none()
    if inserted is None:
        return None
    await session.execute(
        update(Item)
        .where(col(Item.id) == item_id)
        .values(price=step.price, demand_price=step.demand_price, price_trend=step.trend.value)
    )
    return await session.get(PricePoint, inserted)


async def reprice_all(run: Run[Any], *, clock: Clock) -> dict[str, int]:
    """The daily job: every item on sale, one transaction each."""

    async def on_sale(session: AsyncSession) -> list[int]:
        rows = await session.execute(
            select(col(Item.id)).where(col(Item.active).is_(True)).order_by(col(Item.id))
        )
        return [int(i) for i in rows.scalars().all()]

    report = {"priced": 0, "rising": 0, "falling": 0, "already": 0}
    for ident in await run(on_sale):
        point: PricePoint | None = await run(_repricer(ident, clock))
        if point is None:
            report["already"] += 1
            continue
        report["priced"] += 1
        if point.trend == Trend.RISING:
            report["rising"] += 1
        elif point.trend == Trend.FALLING:
            report["falling"] += 1
    return report


def _repricer(item_id: int, clock: Clock) -> Callable[[AsyncSession], Awaitable[PricePoint | None]]:
    return lambda session: reprice(session, item_id=item_id, clock=clock)


@dataclass(frozen=True, kw_only=True)
class ModifierSet:
    item_id: int | None
    multiplier: float | None


async def set_modifier(
    session: AsyncSession, *, actor_id: int, item_id: Any, multiplier: float | None, clock: Clock
) -> ModifierSet:
    """Sets (or with None removes) the global or one item's seasonal multiplier; the job applies it."""
    ident: int | None = None
    if item_id is not None:
        ident = to_id(item_id)
        if ident is None or await session.get(Item, ident) is None:
            raise DomainError("UNKNOWN_ITEM", "No such item.", "itemId")
    if multiplier is not None and (
        not math.isfinite(multiplier) or not MIN_MODIFIER <= multiplier <= MAX_MODIFIER
    ):
        raise DomainError(
            "INVALID_MODIFIER",
            f"The multiplier must be {MIN_MODIFIER:g} to {MAX_MODIFIER:g} (1 leaves prices as they are).",
            "multiplier",
        )
    key = GLOBAL_KEY if ident is None else f"{ITEM_KEY_PREFIX}{ident}"
    now = clock.now()
    if multiplier is None:
        await session.execute(delete(ConfigValue).where(col(ConfigValue.key) == key))
    else:
        stmt = insert_for(session, ConfigValue).values(key=key, value=multiplier, updated_at=now)
        stmt = stmt.on_conflict_do_update(
            index_elements=["key"], set_={"value": multiplier, "updated_at": now}
        )
        await session.execute(stmt)
    await audit.append(
        session,
        action="admin.price_modifier",
        clock=clock,
        actor_id=actor_id,
        subject=f"item:{ident}" if ident is not None else "shop",
        data={"multiplier": multiplier},
    )
    return ModifierSet(item_id=ident, multiplier=multiplier)


def history_query(item_id: int) -> Any:
    return select(PricePoint).where(col(PricePoint.item_id) == item_id)
