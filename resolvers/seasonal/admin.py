"""Admins make seasonal events (dates, a currency of their own) and stock their shops."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Asset, Item
from db.models.seasonal import SeasonalEvent, SeasonalItem
from resolvers import audit, ledger, shop
from resolvers.clock import Clock
from resolvers.errors import DomainError
from resolvers.seasonal.common import ACTIVE, ENDED, ERRORS, SCHEDULED, get_event

__all__ = ["ERRORS", "create_event", "create_item", "update_event"]

CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
MAX_LENGTH = timedelta(days=92)
LIMITED = "Limited edition · {event}."


def _name(raw: str | None, field: str = "name", most: int = 80) -> str:
    value = (raw or "").strip()
    if not 1 <= len(value) <= most:
        raise DomainError("INVALID_NAME", f"A name is 1 to {most} characters.", field)
    return value


def _description(raw: str | None) -> str:
    value = (raw or "").strip()
    if len(value) > 500:
        raise DomainError("INVALID_DESCRIPTION", "A description is at most 500 characters.", "description")
    return value


def _dates(starts_at: datetime, ends_at: datetime, clock: Clock) -> None:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise DomainError("INVALID_DATES", "Give dates with a time zone.", "startsAt")
    if ends_at <= starts_at or ends_at - starts_at > MAX_LENGTH:
        raise DomainError("INVALID_DATES", "An event ends after it starts, within 92 days.", "endsAt")
    if ends_at <= clock.now():
        raise DomainError("INVALID_DATES", "An event ends in the future.", "endsAt")


async def _free_currency(session: AsyncSession, code: str) -> None:
    """A new code, or the currency of events that have all ended (their balances were converted)."""
    rows = (
        await session.execute(
            select(col(SeasonalEvent.status), col(SeasonalEvent.converted_at)).where(
                col(SeasonalEvent.currency) == code
            )
        )
    ).all()
    taken = any(status != ENDED or done is None for status, done in rows)
    if taken or (not rows and await session.get(Asset, code) is not None):
        raise DomainError("CURRENCY_TAKEN", f"{code} is already a currency in use.", "currencyCode")


async def create_event(
    session: AsyncSession,
    *,
    actor_id: int,
    name: str,
    description: str | None,
    currency_code: str,
    currency_name: str,
    starts_at: datetime,
    ends_at: datetime,
    yearly: bool,
    clock: Clock,
    template: str | None = None,
) -> SeasonalEvent:
    title = _name(name)
    text = _description(description)
    code = (currency_code or "").strip().upper()
    if not CODE.match(code):
        raise DomainError("INVALID_CURRENCY", "A currency code is 2 to 16 letters or digits.", "currencyCode")
    money = _name(currency_name, "currencyName", 60)
    _dates(starts_at, ends_at, clock)
    await _free_currency(session, code)
    await ledger.ensure_asset(session, code, kind="currency", name=money)
    event = SeasonalEvent(
        template=template,
        name=title,
        description=text,
        currency=code,
        currency_name=money,
        starts_at=starts_at,
        ends_at=ends_at,
        status=SCHEDULED,
        yearly=yearly,
        created_at=clock.now(),
    )
    session.add(event)
    await session.flush()
    await audit.append(
        session,
        action="seasonal.event_create",
        clock=clock,
        actor_id=actor_id,
        subject=f"seasonal:{event.id}",
        data={
            "name": title,
            "currency": code,
            "starts_at": starts_at.isoformat(),
            "ends_at": ends_at.isoformat(),
        },
    )
    return event


async def update_event(
    session: AsyncSession, *, actor_id: int, event_id: Any, fields: dict[str, Any], clock: Clock
) -> SeasonalEvent:
    event = await get_event(session, event_id, "id")
    if event.status == ENDED:
        raise DomainError("EVENT_ENDED", "This event has ended.", "id")
    changes: dict[str, Any] = {}
    if fields.get("name") is not None:
        changes["name"] = _name(fields["name"])
    if fields.get("description") is not None:
        changes["description"] = _description(fields["description"])
    if fields.get("yearly") is not None:
        changes["yearly"] = bool(fields["yearly"])
    starts_at = fields.get("starts_at") or event.starts_at
    ends_at = fields.get("ends_at") or event.ends_at
    if starts_at != event.starts_at:
        if event.status == ACTIVE:
            raise DomainError("EVENT_STARTED", "A started event keeps its start.", "startsAt")
        changes["starts_at"] = starts_at
    if ends_at != event.ends_at:
        changes["ends_at"] = ends_at
    if "starts_at" in changes or "ends_at" in changes:
        _dates(starts_at, ends_at, clock)
    for key, value in changes.items():
        setattr(event, key, value)
    if changes:
        await session.flush()
        await audit.append(
            session,
            action="seasonal.event_update",
            clock=clock,
            actor_id=actor_id,
            subject=f"seasonal:{event.id}",
            data={k: v.isoformat() if isinstance(v, datetime) else v for k, v in changes.items()},
        )
    return event


@dataclass(frozen=True, kw_only=True)
class ShopEntry:
    item: Item
    event: SeasonalEvent
    price: int


async def create_item(
    session: AsyncSession,
    *,
    actor_id: int,
    event_id: Any,
    name: str,
    description: str | None,
    price: Any,
    stock: int | None,
    per_user_limit: int | None,
    clock: Clock,
) -> ShopEntry:
    """A limited edition for the event's shop: an item off the main shop, priced in its currency."""
    event = await get_event(session, event_id)
    if event.status == ENDED:
        raise DomainError("EVENT_ENDED", "This event has ended.", "eventId")
    try:
        amount = ledger.parse_amount(price, field="price")
    except DomainError as exc:
        raise DomainError("INVALID_PRICE", exc.message, "price") from None
    text = _description(description)
    await ledger.ensure_asset(session, event.currency, kind="currency", name=event.currency_name)
    item = await shop.create_item(
        session,
        actor_id=actor_id,
        fields={
            "name": name,
            "description": f"{LIMITED.format(event=event.name)} {text}".strip(),
            "price": amount,
            "currency": event.currency,
            "stock": stock,
            "per_user_limit": per_user_limit,
            "active": False,
            "pinned": True,
        },
        clock=clock,
    )
    assert item.id is not None and event.id is not None
    session.add(SeasonalItem(item_id=item.id, event_id=event.id, price=amount, created_at=clock.now()))
    await session.flush()
    return ShopEntry(item=item, event=event, price=amount)


async def add_default_item(
    session: AsyncSession,
    event: SeasonalEvent,
    *,
    name: str,
    price: int,
    per_user_limit: int | None,
    clock: Clock,
) -> None:
    """One of a default event's own limited editions, stocked when it opens (no admin acting)."""
    assert event.id is not None
    now = clock.now()
    item = Item(
        name=name,
        description=LIMITED.format(event=event.name),
        price=price,
        base_price=price,
        min_price=price,
        max_price=price,
        demand_price=price,
        currency=event.currency,
        per_user_limit=per_user_limit,
        active=False,
        pinned=True,
        created_at=now,
        updated_at=now,
    )
    session.add(item)
    await session.flush()
    assert item.id is not None
    await ledger.ensure_asset(session, ledger.item_asset(item.id), kind="item", name=name)
    session.add(SeasonalItem(item_id=item.id, event_id=event.id, price=price, created_at=now))
    await session.flush()
