"""What the seasonal modules share: the error codes, the faucet, statuses and event look-ups."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.seasonal import SeasonalEvent
from resolvers import admin, events, ledger, movement, shop
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes(
    "seasonal",
    "CURRENCY_TAKEN",
    "EVENT_ENDED",
    "EVENT_NOT_ACTIVE",
    "EVENT_STARTED",
    "INVALID_CURRENCY",
    "INVALID_DATES",
    "INVALID_DESCRIPTION",
    "INVALID_NAME",
    "INVALID_PRICE",
    "INVALID_QUANTITY",
    "LIMIT_REACHED",
    "OUT_OF_STOCK",
    "UNKNOWN_EVENT",
    "UNKNOWN_ITEM",
    uses=(movement.ERRORS, shop.ERRORS),
)

FAUCET = admin.faucet("seasonal")
CONSUMER = "seasonal"
SCHEDULED, ACTIVE, ENDED = "SCHEDULED", "ACTIVE", "ENDED"
CONVERSION_PERCENT = 50

events.live("wallet", "seasonal.purchase", "seasonal.converted")


def converted(amount: int) -> int:
    """COIN for unused event currency: half, rounded down."""
    return amount * CONVERSION_PERCENT // 100


def parse_event_id(raw: Any, field: str = "eventId") -> int:
    value = to_id(raw)
    if value is None:
        raise DomainError("UNKNOWN_EVENT", "No such event.", field)
    return value


async def get_event(session: AsyncSession, raw: Any, field: str = "eventId") -> SeasonalEvent:
    found = await session.get(SeasonalEvent, parse_event_id(raw, field))
    if found is None:
        raise DomainError("UNKNOWN_EVENT", "No such event.", field)
    return found


def is_open(event: SeasonalEvent, at: datetime) -> bool:
    return event.status == ACTIVE and event.starts_at <= at < event.ends_at


async def active_events(session: AsyncSession) -> list[SeasonalEvent]:
    rows = await session.execute(
        select(SeasonalEvent).where(col(SeasonalEvent.status) == ACTIVE).order_by(col(SeasonalEvent.ends_at))
    )
    return list(rows.scalars().all())


async def currency_balance(session: AsyncSession, user_id: int, currency: str) -> int:
    return (await ledger.balances_of(session, "user", user_id)).get(currency, 0)
