"""Event currency from activity: the durable consumer ``seasonal`` reads every domain event once.

An event of a kind worth something (``EARN_DEFAULTS``, or an admin's ``seasonal.earn.<kind>``
configuration row holding a whole number), appended while a seasonal event is open, pays its actor
that much of the event's currency from the ``seasonal`` faucet, at most ``seasonal.daily_cap`` a
UTC day per player and event. Each payment is one ``seasonal_earnings`` row keyed by (domain event,
seasonal event), written with the transfer: a re-read event pays nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue, Event
from db.models.seasonal import SeasonalEarning, SeasonalEvent
from resolvers import ledger
from resolvers.errors import DomainError
from resolvers.seasonal.common import ERRORS, FAUCET, active_events, is_open

__all__ = ["EARN_DEFAULTS", "ERRORS", "earn"]

EARN_PREFIX = "seasonal.earn."
CAP_KEY = "seasonal.daily_cap"
DAILY_CAP = 200
EARN_DEFAULTS: dict[str, int] = {
    "daily.claimed": 20,
    "wallet.transfer": 5,
    "shop.purchase": 10,
    "gift.sent": 10,
    "trade.offered": 5,
    "auction.bid": 5,
    "bank.deposit": 5,
}
_CACHE = "seasonal_rules"


@dataclass(frozen=True)
class _Rules:
    worth: dict[str, int]
    cap: int
    open: list[SeasonalEvent]


@dataclass(frozen=True)
class _At:
    moment: datetime

    def now(self) -> datetime:
        return self.moment


async def rules(session: AsyncSession) -> tuple[dict[str, int], int]:
    worth = dict(EARN_DEFAULTS)
    cap = DAILY_CAP
    rows = await session.execute(
        select(ConfigValue).where(
            (col(ConfigValue.key).startswith(EARN_PREFIX)) | (col(ConfigValue.key) == CAP_KEY)
        )
    )
    for row in rows.scalars():
        value = row.value
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            continue
        if row.key == CAP_KEY:
            cap = value
        else:
            worth[row.key.removeprefix(EARN_PREFIX)] = value
    return worth, cap


async def _rules(session: AsyncSession) -> _Rules:
    cached = session.info.get(_CACHE)
    if cached is None:
        worth, cap = await rules(session)
        cached = session.info[_CACHE] = _Rules(worth=worth, cap=cap, open=await active_events(session))
    assert isinstance(cached, _Rules)
    return cached


async def earned_on(session: AsyncSession, season_id: int, user_id: int, day: date) -> int:
    total = await session.execute(
        select(func.coalesce(func.sum(col(SeasonalEarning.amount)), 0)).where(
            col(SeasonalEarning.season_id) == season_id,
            col(SeasonalEarning.user_id) == user_id,
            col(SeasonalEarning.day) == day,
        )
    )
    return int(total.scalar_one())


async def earn(session: AsyncSession, event: Event) -> int:
    """Pays the event currency one domain event is worth in every open seasonal event; the total."""
    if event.actor_id is None or event.kind.startswith("seasonal."):
        return 0
    found = await _rules(session)
    worth = found.worth.get(event.kind, 0)
    if worth <= 0:
        return 0
    paid = 0
    day = event.created_at.date()
    for season in found.open:
        if not is_open(season, event.created_at):
            continue
        assert season.id is not None
        gain = max(0, min(worth, found.cap - await earned_on(session, season.id, event.actor_id, day)))
        if gain <= 0:
            continue
        paid += await _pay(session, event, season, gain, day)
    return paid


async def _pay(session: AsyncSession, event: Event, season: SeasonalEvent, gain: int, day: date) -> int:
    actor = event.actor_id
    assert actor is not None
    try:
        async with session.begin_nested():
            inserted = await session.execute(
                insert_for(session, SeasonalEarning)
                .values(
                    source_event_id=event.id,
                    season_id=season.id,
                    user_id=actor,
                    kind=event.kind,
                    amount=gain,
                    day=day,
                    created_at=event.created_at,
                )
                .on_conflict_do_nothing()
                .returning(col(SeasonalEarning.source_event_id))
            )
            if inserted.scalar_one_or_none() is None:
                return 0
            await ledger.post(
                session,
                [
                    ledger.Leg(
                        debit=("system", FAUCET),
                        credit=("user", actor),
                        asset=season.currency,
                        amount=gain,
                        kind="seasonal_earn",
                        ref=f"seasonal:{season.id}",
                        memo=event.kind,
                    )
                ],
                clock=_At(event.created_at),
                actor_id=None,
            )
    except DomainError:  # the actor is gone: nothing to pay, and the relay goes on
        return 0
    return gain
