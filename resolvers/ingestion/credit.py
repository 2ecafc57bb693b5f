"""From parsed game amounts to whole COIN, never over-crediting.

* A gain (card, chest, fishing, karma, game end) is worth ``gain × coefficient``; a negative gain
  (a karma dislike) is worth nothing and takes nothing away.
* A profile's total sets a baseline the first time (worth nothing) and later is worth
  ``(total − baseline) × coefficient`` when it grew; the baseline becomes the total either way.
  A gain credited from a message also moves an existing baseline up by the gain, so the next
  profile does not pay for it again.
* A profile older (in message time) than the newest profile already credited to the player for
  the source changes nothing: a replayed old profile would lower the baseline and the next one
  would pay the same growth again.
* The COIN value is floored; the fraction is carried in a per (player, source) remainder row and
  added to the next value, so nothing is lost over time and nothing is paid twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import IngestedMessage, IngestionBaseline, IngestionCredit, IngestionRemainder
from resolvers import ledger
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ledger import MAX_AMOUNT

ERRORS = ErrorCodes("ingestion.credit", "AMOUNT_TOO_LARGE", "INVALID_AMOUNT", uses=(ledger.ERRORS,))

GAIN_KINDS = frozenset({"card", "chest", "fishing", "karma", "game_end"})
PROFILE = "profile"
CREDIT_KINDS = GAIN_KINDS | {PROFILE}
MAX_GAME_AMOUNT = Decimal(10) ** 15


def decimal_amount(raw: str, field: str = "amounts") -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise DomainError("INVALID_AMOUNT", f"{raw!r} is not a number.", field) from None
    if not value.is_finite() or abs(value) > MAX_GAME_AMOUNT:
        raise DomainError("INVALID_AMOUNT", f"{raw!r} is out of range.", field)
    return value


@dataclass(kw_only=True)
class Valuation:
    """What a message is worth to one player, before flooring; ``changed`` is true when it moves
    any stored state (a baseline), so the message must be recorded even if it pays nothing."""

    value: Decimal = Decimal(0)
    changed: bool = False
    lines: list[dict[str, str]] = field(default_factory=list)


def _pairs(items: Iterable[dict[str, str]]) -> list[tuple[str, Decimal]]:
    return [(str(a["currency"]), decimal_amount(a["amount"])) for a in items]


def has_value(kind: str, amounts: list[dict[str, str]], totals: list[dict[str, str]]) -> bool:
    """Whether a message of this kind could be worth anything to anyone (before rates)."""
    if kind == PROFILE:
        return bool(totals)
    return kind in GAIN_KINDS and any(v > 0 for _, v in _pairs(amounts))


async def _baseline(
    session: AsyncSession, user_id: int, source: str, currency: str
) -> IngestionBaseline | None:
    query = (
        select(IngestionBaseline)
        .where(
            col(IngestionBaseline.user_id) == user_id,
            col(IngestionBaseline.source) == source,
            col(IngestionBaseline.currency) == currency,
        )
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


async def newest_profile(session: AsyncSession, *, user_id: int, source: str) -> datetime | None:
    """The message time of the newest profile credited to the player for the source (a message
    without a date counts at the time it was received)."""
    newest: datetime | None = None
    for column, dated in ((IngestedMessage.message_date, True), (IngestedMessage.created_at, False)):
        query = (
            select(func.max(col(column)))
            .join(IngestionCredit, col(IngestionCredit.ingestion_id) == col(IngestedMessage.id))
            .where(
                col(IngestionCredit.user_id) == user_id,
                col(IngestedMessage.source) == source,
                col(IngestedMessage.kind) == PROFILE,
                col(IngestedMessage.message_date).is_not(None)
                if dated
                else col(IngestedMessage.message_date).is_(None),
            )
        )
        found = (await session.execute(query)).scalar_one_or_none()
        if found is not None and (newest is None or found > newest):
            newest = found
    return newest


async def value_for(
    session: AsyncSession,
    *,
    user_id: int,
    source: str,
    kind: str,
    amounts: list[dict[str, str]],
    totals: list[dict[str, str]],
    rates: dict[str, Decimal],
    clock: Clock,
    at: datetime | None = None,
) -> Valuation:
    """``at`` is the message's time (when it was received, without one)."""
    out = Valuation()
    if kind == PROFILE:
        newest = await newest_profile(session, user_id=user_id, source=source)
        if newest is not None and (at or clock.now()) < newest:
            return out
    if kind in GAIN_KINDS:
        for currency, gain in _pairs(amounts):
            if gain <= 0:
                continue
            rate = rates.get(currency, Decimal(0))
            out.value += gain * rate
            out.lines.append({"currency": currency, "gain": str(gain), "rate": str(rate)})
            row = await _baseline(session, user_id, source, currency)
            if row is not None:
                row.value = str(Decimal(row.value) + gain)
                row.updated_at = clock.now()
                out.changed = True
    elif kind == PROFILE:
        for currency, total in _pairs(totals):
            rate = rates.get(currency, Decimal(0))
            out.changed = True
            row = await _baseline(session, user_id, source, currency)
            if row is None:
                stmt = insert_for(session, IngestionBaseline).values(
                    user_id=user_id,
                    source=source,
                    currency=currency,
                    value=str(total),
                    updated_at=clock.now(),
                )
                inserted = await session.execute(
                    stmt.on_conflict_do_nothing().returning(col(IngestionBaseline.value))
                )
                if inserted.scalar_one_or_none() is not None:
                    out.lines.append({"currency": currency, "baseline": str(total), "rate": str(rate)})
                    continue
                # A concurrent first profile set it just now: grow from theirs.
                row = await _baseline(session, user_id, source, currency)
                assert row is not None
            growth = total - Decimal(row.value)
            if growth > 0:
                out.value += growth * rate
            out.lines.append({"currency": currency, "gain": str(max(growth, Decimal(0))), "rate": str(rate)})
            row.value = str(total)
            row.updated_at = clock.now()
    await session.flush()
    return out


async def take_whole(
    session: AsyncSession, *, user_id: int, source: str, value: Decimal, clock: Clock
) -> int:
    """Add the carried fraction, floor, keep the new fraction; returns the whole COIN to pay."""
    if value <= 0:
        return 0
    stmt = insert_for(session, IngestionRemainder).values(
        user_id=user_id, source=source, remainder="0", updated_at=clock.now()
    )
    await session.execute(stmt.on_conflict_do_nothing())
    row = (
        await session.execute(
            select(IngestionRemainder)
            .where(col(IngestionRemainder.user_id) == user_id, col(IngestionRemainder.source) == source)
            .with_for_update()
        )
    ).scalar_one()
    total = value + Decimal(row.remainder)
    whole = int(total.to_integral_value(rounding=ROUND_FLOOR))
    if whole > MAX_AMOUNT:
        raise DomainError("AMOUNT_TOO_LARGE", "This message is worth more than one credit may be.", None)
    row.remainder = str(total - whole)
    row.updated_at = clock.now()
    await session.flush()
    return whole
