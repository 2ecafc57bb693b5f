"""Ingestion's configuration rows: game-bot sources, COIN rates per (source, currency), the review
threshold. Admins edit them; every change is audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue, IngestionRate, IngestionSource
from resolvers import audit, ledger
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ingestion.parser import CURRENCIES, SOURCES

ERRORS = ErrorCodes(
    "ingestion.config",
    "INVALID_COEFFICIENT",
    "INVALID_TELEGRAM_ID",
    "INVALID_THRESHOLD",
    "INVALID_USERNAME",
    "NOTHING_TO_UPDATE",
    "TELEGRAM_ID_TAKEN",
    "TOO_MANY_RATES",
    "UNKNOWN_GAME_CURRENCY",
    "UNKNOWN_SOURCE",
    uses=(ledger.ERRORS,),
)

THRESHOLD_KEY = "ingestion.review_threshold"
DEFAULT_THRESHOLD = 0.8
MAX_COEFFICIENT = Decimal(1_000_000)
COEFFICIENT_PLACES = 6
MAX_RATES = 50

# The name the parser knows each verified source by (its sender table maps names to sources).
PARSER_SENDER = {
    "gdcards": "GDcards",
    "gusya_cards": "Гуся Cards",
    "shmalala": "Shmalala",
    "true_mafia": "True Mafia",
    "bunker_rp": "BunkerRP",
}


@dataclass(frozen=True, kw_only=True)
class Settings:
    review_threshold: float
    sources: list[IngestionSource]
    rates: list[IngestionRate]


def require_source(raw: str, field: str = "source") -> str:
    code = (raw or "").strip().lower()
    if code not in SOURCES:
        raise DomainError("UNKNOWN_SOURCE", f"Unknown source {raw!r}.", field)
    return code


def require_currency(raw: str, field: str = "currency") -> str:
    code = (raw or "").strip().lower()
    if code not in CURRENCIES:
        raise DomainError("UNKNOWN_GAME_CURRENCY", f"Unknown game currency {raw!r}.", field)
    return code


def parse_coefficient(raw: Any, field: str = "coefficient") -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise DomainError("INVALID_COEFFICIENT", "A coefficient is a decimal number.", field) from None
    if not value.is_finite() or value < 0 or value > MAX_COEFFICIENT:
        raise DomainError("INVALID_COEFFICIENT", f"A coefficient is 0 to {MAX_COEFFICIENT}.", field)
    if value != value.quantize(Decimal(1).scaleb(-COEFFICIENT_PLACES)):
        raise DomainError("INVALID_COEFFICIENT", f"At most {COEFFICIENT_PLACES} decimal places.", field)
    return value


async def review_threshold(session: AsyncSession) -> float:
    row = await session.get(ConfigValue, THRESHOLD_KEY)
    value = row.value if row is not None else None
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    return DEFAULT_THRESHOLD


async def rates_for(session: AsyncSession, source: str) -> dict[str, Decimal]:
    rows = await session.execute(
        select(col(IngestionRate.currency), col(IngestionRate.coefficient)).where(
            col(IngestionRate.source) == source
        )
    )
    return {currency: Decimal(coefficient) for currency, coefficient in rows.all()}


async def source_by_telegram_id(session: AsyncSession, telegram_id: int) -> IngestionSource | None:
    query = select(IngestionSource).where(col(IngestionSource.telegram_id) == telegram_id)
    return (await session.execute(query)).scalar_one_or_none()


async def load(session: AsyncSession) -> Settings:
    sources = (await session.execute(select(IngestionSource).order_by(col(IngestionSource.source)))).scalars()
    rates = (
        await session.execute(
            select(IngestionRate).order_by(col(IngestionRate.source), col(IngestionRate.currency))
        )
    ).scalars()
    return Settings(
        review_threshold=await review_threshold(session), sources=list(sources), rates=list(rates)
    )


async def update(
    session: AsyncSession,
    *,
    actor_id: int,
    review_threshold: float | None,
    rates: list[tuple[str, str, Any]] | None,
    clock: Clock,
) -> Settings:
    """Set the threshold and/or rates (``(source, currency, coefficient)``); unnamed rates stay."""
    changes: dict[str, Any] = {}
    if review_threshold is not None:
        if not 0 <= review_threshold <= 1:
            raise DomainError("INVALID_THRESHOLD", "The threshold is 0 to 1.", "reviewThreshold")
        stmt = insert_for(session, ConfigValue).values(
            key=THRESHOLD_KEY, value=review_threshold, updated_at=clock.now()
        )
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["key"], set_={"value": review_threshold, "updated_at": clock.now()}
            )
        )
        changes["review_threshold"] = review_threshold
    if rates:
        if len(rates) > MAX_RATES:
            raise DomainError("TOO_MANY_RATES", f"At most {MAX_RATES} rates at once.", "rates")
        for index, (raw_source, raw_currency, raw_coefficient) in enumerate(rates):
            source = require_source(raw_source, f"rates.{index}.source")
            currency = require_currency(raw_currency, f"rates.{index}.currency")
            coefficient = format(
                parse_coefficient(raw_coefficient, f"rates.{index}.coefficient").normalize(), "f"
            )
            stmt = insert_for(session, IngestionRate).values(
                source=source, currency=currency, coefficient=coefficient, updated_at=clock.now()
            )
            await session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["source", "currency"],
                    set_={"coefficient": coefficient, "updated_at": clock.now()},
                )
            )
            changes[f"rate.{source}.{currency}"] = coefficient
    if not changes:
        raise DomainError("NOTHING_TO_UPDATE", "Give a threshold or rates to change.", None)
    await audit.append(
        session,
        action="ingestion.settings_update",
        clock=clock,
        actor_id=actor_id,
        subject="ingestion:settings",
        data=changes,
    )
    return await load(session)


_UNSET: Any = object()


async def upsert_source(
    session: AsyncSession,
    *,
    actor_id: int,
    source: str,
    telegram_id: Any = _UNSET,
    username: Any = _UNSET,
    enabled: bool | None = None,
    clock: Clock,
) -> IngestionSource:
    """Create or change a source's bot; leave an argument out to keep its value (None clears)."""
    code = require_source(source)
    values: dict[str, Any] = {}
    if telegram_id is not _UNSET:
        values["telegram_id"] = None if telegram_id is None else parse_telegram_id(telegram_id)
        if values["telegram_id"] is not None:
            taken = await source_by_telegram_id(session, values["telegram_id"])
            if taken is not None and taken.source != code:
                raise DomainError(
                    "TELEGRAM_ID_TAKEN", f"That bot is already the source {taken.source}.", "telegramId"
                )
    if username is not _UNSET:
        name = (username or "").strip().lstrip("@") or None
        if name is not None and len(name) > 64:
            raise DomainError("INVALID_USERNAME", "A username is at most 64 characters.", "username")
        values["username"] = name
    if enabled is not None:
        values["enabled"] = enabled
    row = await session.get(IngestionSource, code, with_for_update=True)
    if row is None:
        row = IngestionSource(source=code, enabled=True)
        session.add(row)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = clock.now()
    await session.flush()
    await audit.append(
        session,
        action="ingestion.source_upsert",
        clock=clock,
        actor_id=actor_id,
        subject=f"ingestion_source:{code}",
        data={k: v for k, v in values.items()},
    )
    return row


def parse_telegram_id(raw: Any, field: str = "telegramId") -> int:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise DomainError("INVALID_TELEGRAM_ID", "A Telegram id is an integer.", field) from None
    if value == 0 or abs(value) >= 2**63:
        raise DomainError("INVALID_TELEGRAM_ID", "A Telegram id is a non-zero 64-bit integer.", field)
    return value
