"""Opening and closing events (the ``event_start`` and ``event_end`` jobs are reconcilers).

- ``open_due``: a scheduled event whose start has come is opened (one conditional update, so a
  repeated or concurrent run opens it once); a default event gets its shop; every player is told.
- ``close_due``: an open or scheduled event whose end has passed is closed; a yearly one schedules
  next year's; its players are told.
- ``convert``: each holder of a closed event's currency gives it all to ``burn`` and gets half of
  it (rounded down) in COIN from the ``seasonal`` faucet, in one unit of work per holder. What is
  converted is the balance itself, so a repeated run finds nothing left and pays nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Account, Transfer, User
from db.models.seasonal import SeasonalConversion, SeasonalEarning, SeasonalEvent, SeasonalItem
from resolvers import events, ledger, movement, notifications
from resolvers.clock import Clock
from resolvers.movement import Audit, Effects
from resolvers.seasonal import admin
from resolvers.seasonal.common import ACTIVE, ENDED, ERRORS, FAUCET, SCHEDULED, converted

__all__ = ["ERRORS", "close_due", "convert", "holders", "open_due", "to_convert"]

# A default event's own limited editions: (name, price, per-player limit).
DEFAULT_SHOPS: dict[str, list[tuple[str, int, int | None]]] = {
    "new-year": [("Snow Globe", 50, 1), ("Festive Garland", 30, None), ("Golden Ornament", 120, 1)],
    "spring": [("Cherry Blossom Pin", 40, 1), ("Spring Bouquet", 25, None)],
    "summer": [("Beach Umbrella", 40, 1), ("Ice Cream", 15, None)],
    "halloween": [("Jack-o'-Lantern", 45, 1), ("Witch Hat", 60, 1)],
}


@dataclass(frozen=True)
class _At:
    moment: datetime

    def now(self) -> datetime:
        return self.moment


async def due_to_open(session: AsyncSession, *, clock: Clock) -> list[int]:
    now = clock.now()
    rows = await session.execute(
        select(col(SeasonalEvent.id))
        .where(
            col(SeasonalEvent.status) == SCHEDULED,
            col(SeasonalEvent.starts_at) <= now,
            col(SeasonalEvent.ends_at) > now,
        )
        .order_by(col(SeasonalEvent.starts_at))
    )
    return [int(i) for i in rows.scalars()]


async def open_due(session: AsyncSession, *, event_id: int, clock: Clock) -> bool:
    now = clock.now()
    opened = await session.execute(
        update(SeasonalEvent)
        .where(
            col(SeasonalEvent.id) == event_id,
            col(SeasonalEvent.status) == SCHEDULED,
            col(SeasonalEvent.starts_at) <= now,
            col(SeasonalEvent.ends_at) > now,
        )
        .values(status=ACTIVE, started_at=now)
        .returning(col(SeasonalEvent.id))
    )
    if opened.scalar_one_or_none() is None:
        return False
    event = await session.get(SeasonalEvent, event_id, populate_existing=True)
    assert event is not None
    await ledger.ensure_asset(session, event.currency, kind="currency", name=event.currency_name)
    stocked = (
        await session.execute(select(exists().where(col(SeasonalItem.event_id) == event_id)))
    ).scalar_one()
    if not stocked:
        for name, price, limit in DEFAULT_SHOPS.get(event.template or "", []):
            await admin.add_default_item(
                session, event, name=name, price=price, per_user_limit=limit, clock=clock
            )
    players = [int(u) for u in (await session.execute(select(col(User.id)).order_by(col(User.id)))).scalars()]
    notes = [
        notifications.Note(
            user_id=user_id,
            kind="seasonal.started",
            title=f"🎉 {event.name}",
            body=f"Earn {event.currency_name} by playing until {event.ends_at:%Y-%m-%d %H:%M} UTC.",
            data={
                "event_id": event_id,
                "name": event.name,
                "currency": event.currency,
                "ends_at": event.ends_at.isoformat(),
                "currency_name": event.currency_name,
            },
        )
        for user_id in players
    ]
    created = await notifications.create_many(session, notes, clock=clock)
    started = events.Spec(
        kind="seasonal.started", subject=f"seasonal:{event_id}", payload={"event_id": event_id}
    )
    await events.append_many(session, [started, *created], clock=clock)
    return True


async def due_to_close(session: AsyncSession, *, clock: Clock) -> list[int]:
    rows = await session.execute(
        select(col(SeasonalEvent.id))
        .where(col(SeasonalEvent.status).in_([SCHEDULED, ACTIVE]), col(SeasonalEvent.ends_at) <= clock.now())
        .order_by(col(SeasonalEvent.ends_at))
    )
    return [int(i) for i in rows.scalars()]


async def close_due(session: AsyncSession, *, event_id: int, clock: Clock) -> bool:
    now = clock.now()
    closed = await session.execute(
        update(SeasonalEvent)
        .where(
            col(SeasonalEvent.id) == event_id,
            col(SeasonalEvent.status).in_([SCHEDULED, ACTIVE]),
            col(SeasonalEvent.ends_at) <= now,
        )
        .values(status=ENDED, ended_at=now)
        .returning(col(SeasonalEvent.id))
    )
    if closed.scalar_one_or_none() is None:
        return False
    event = await session.get(SeasonalEvent, event_id, populate_existing=True)
    assert event is not None
    if event.yearly:
        await _next_year(session, event, clock=clock)
    players = (
        await session.execute(
            select(col(SeasonalEarning.user_id))
            .where(col(SeasonalEarning.season_id) == event_id)
            .distinct()
            .order_by(col(SeasonalEarning.user_id))
        )
    ).scalars()
    notes = [
        notifications.Note(
            user_id=int(user_id),
            kind="seasonal.ended",
            title=f"🏁 {event.name}",
            body="The event is over: your limited editions stay yours.",
            data={"event_id": event_id, "name": event.name},
        )
        for user_id in players
    ]
    created = await notifications.create_many(session, notes, clock=clock)
    ended = events.Spec(kind="seasonal.ended", subject=f"seasonal:{event_id}", payload={"event_id": event_id})
    await events.append_many(session, [ended, *created], clock=clock)
    return True


def _a_year_later(moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + 1, day=28)


async def _next_year(session: AsyncSession, event: SeasonalEvent, *, clock: Clock) -> None:
    starts_at, ends_at = _a_year_later(event.starts_at), _a_year_later(event.ends_at)
    while ends_at <= clock.now():
        starts_at, ends_at = _a_year_later(starts_at), _a_year_later(ends_at)
    session.add(
        SeasonalEvent(
            template=event.template,
            name=event.name,
            description=event.description,
            currency=event.currency,
            currency_name=event.currency_name,
            starts_at=starts_at,
            ends_at=ends_at,
            status=SCHEDULED,
            yearly=True,
            created_at=clock.now(),
        )
    )
    await session.flush()


async def to_convert(session: AsyncSession) -> list[int]:
    rows = await session.execute(
        select(col(SeasonalEvent.id))
        .where(col(SeasonalEvent.status) == ENDED, col(SeasonalEvent.converted_at).is_(None))
        .order_by(col(SeasonalEvent.id))
    )
    return [int(i) for i in rows.scalars()]


async def holders(session: AsyncSession, currency: str) -> list[int]:
    rows = await session.execute(
        select(col(Account.owner_id))
        .where(col(Account.owner_kind) == "user", col(Account.asset) == currency, col(Account.balance) > 0)
        .order_by(col(Account.id))
    )
    return [int(owner) for owner in rows.scalars()]


@dataclass(frozen=True, kw_only=True)
class Conversion:
    amount: int
    coins: int


async def convert(session: AsyncSession, *, event_id: int, user_id: int, clock: Clock) -> Conversion | None:
    """The player's whole balance of the ended event's currency to burn, half of it in COIN back."""
    event = await session.get(SeasonalEvent, event_id)
    if event is None or event.status != ENDED:
        return None
    amount = (await ledger.balances_of(session, "user", user_id)).get(event.currency, 0)
    if amount <= 0:
        return None
    coins = converted(amount)
    ref = f"seasonal:{event_id}"
    legs = [
        ledger.Leg(
            debit=("user", user_id),
            credit=("system", ledger.BURN),
            asset=event.currency,
            amount=amount,
            kind="seasonal_conversion",
            ref=ref,
        )
    ]
    if coins > 0:
        legs.append(
            ledger.Leg(
                debit=("system", FAUCET),
                credit=("user", user_id),
                asset=ledger.DEFAULT_CURRENCY,
                amount=coins,
                kind="seasonal_conversion",
                ref=ref,
            )
        )

    def effects(transfers: list[Transfer]) -> Effects:
        session.add(
            SeasonalConversion(
                season_id=event_id,
                user_id=user_id,
                amount=amount,
                coins=coins,
                operation=transfers[0].operation,
                created_at=clock.now(),
            )
        )
        data = {
            "event_id": event_id,
            "name": event.name,
            "amount": amount,
            "currency": event.currency,
            "coins": coins,
        }
        return Effects(
            result=data,
            events=[
                events.Spec(
                    kind="seasonal.converted",
                    subject=f"seasonal:{event_id}",
                    audience=[user_id],
                    payload={"event_id": event_id, "amount": amount, "coins": coins},
                )
            ],
            notes=[
                notifications.Note(
                    user_id=user_id,
                    kind="seasonal.converted",
                    title=f"💱 +{coins} COIN",
                    body=f"{amount} {event.currency_name} left from {event.name} became {coins} COIN.",
                    data=data | {"currency_name": event.currency_name},
                )
            ],
            audit=Audit(action="seasonal.conversion", subject=f"user:{user_id}", data=data),
        )

    await movement.move(
        session,
        movement.Movement(operation="seasonal.conversion", actor_id=None, legs=legs),
        clock=clock,
        effects=effects,
    )
    return Conversion(amount=amount, coins=coins)


async def mark_converted(session: AsyncSession, *, event_id: int, clock: Clock) -> None:
    event = await session.get(SeasonalEvent, event_id)
    if event is None or await holders(session, event.currency):
        return
    await session.execute(
        update(SeasonalEvent)
        .where(col(SeasonalEvent.id) == event_id, col(SeasonalEvent.converted_at).is_(None))
        .values(converted_at=clock.now())
    )
