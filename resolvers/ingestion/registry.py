"""The parser's model registry, the parsers loaded from it, and parsing with the cache.

``current`` is the model that decides; until a retraining promotes one, that is the model packaged
with the parser. A ``shadow`` model, set by an admin, parses every ingested message beside the
current one and its disagreements on the kind are stored for admins to read. ``LUCAS_PARSER_MODEL=off``
runs the current parser on rules only (the shadow, an explicit admin choice, still loads).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ParserDisagreement, ParserModel
from resolvers import audit
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ingestion.cache import ParseCache, cache_key, from_json, to_json
from resolvers.ingestion.config import PARSER_SENDER
from resolvers.ingestion.parser import Parser, ParseResult, default_parser

ERRORS = ErrorCodes("ingestion.registry", "INVALID_MODEL_STATUS", "UNKNOWN_MODEL")

log = logging.getLogger("lucas.ingestion")

CURRENT, CANDIDATE, SHADOW, RETIRED = "current", "candidate", "shadow", "retired"
STATUSES = (CURRENT, CANDIDATE, SHADOW, RETIRED)
_OFF = {"off", "0", "false", "no", "rules"}


def rules_only() -> bool:
    return os.environ.get("LUCAS_PARSER_MODEL", "").strip().lower() in _OFF


class ParserPool:
    """Parsers by model file, each loaded once per process (loading a model takes seconds)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_path: dict[str, Parser] = {}
        self._rules: Parser | None = None

    def rules(self) -> Parser:
        with self._lock:
            if self._rules is None:
                self._rules = Parser(use_model=False)
            return self._rules

    def load(self, path: str) -> Parser:
        with self._lock:
            parser = self._by_path.get(path)
            if parser is None:
                parser = Parser(use_model=True, model_path=Path(path))
                if parser.model_error:
                    log.warning("parser model %s did not load: %s", path, parser.model_error)
                self._by_path[path] = parser
            return parser

    def current(self, row: ParserModel | None) -> Parser:
        if rules_only():
            return self.rules()
        return default_parser() if row is None else self.load(row.path)


POOL = ParserPool()


async def model_with_status(session: AsyncSession, status: str) -> ParserModel | None:
    query = (
        select(ParserModel)
        .where(col(ParserModel.status) == status)
        .order_by(col(ParserModel.updated_at).desc())
    )
    return (await session.execute(query.limit(1))).scalar_one_or_none()


@dataclass(frozen=True, kw_only=True)
class Parsed:
    result: ParseResult
    shadow: ParseResult | None = None


async def parse_cached(parser: Parser, cache: ParseCache, *, source: str, text: str) -> ParseResult:
    key = cache_key(source, parser.model_version, text)
    try:
        hit = await cache.get(key)
    except Exception:
        log.exception("parse cache read failed")
        hit = None
    if hit is not None:
        return from_json(hit)
    result = await asyncio.to_thread(parser.parse, text, PARSER_SENDER[source])
    try:
        await cache.put(key, to_json(result))
    except Exception:
        log.exception("parse cache write failed")
    return result


@dataclass(frozen=True, kw_only=True)
class Active:
    current: ParserModel | None
    shadow: ParserModel | None


async def active(session: AsyncSession) -> Active:
    return Active(
        current=await model_with_status(session, CURRENT), shadow=await model_with_status(session, SHADOW)
    )


async def parse(models: Active, cache: ParseCache, *, source: str, text: str) -> Parsed:
    """Parse with the current model, and with the shadow model when one is set (outside any
    transaction: a model takes a while)."""
    current = await asyncio.to_thread(POOL.current, models.current)
    result = await parse_cached(current, cache, source=source, text=text)
    shadow = None
    if models.shadow is not None:
        try:
            shadow_parser = await asyncio.to_thread(POOL.load, models.shadow.path)
            shadow = await parse_cached(shadow_parser, cache, source=source, text=text)
        except Exception:
            log.exception("shadow parse failed")
    return Parsed(result=result, shadow=shadow)


async def record_disagreement(
    session: AsyncSession,
    *,
    ingestion_id: int,
    chat_id: int,
    message_id: int,
    source: str,
    parsed: Parsed,
    clock: Clock,
) -> bool:
    shadow = parsed.shadow
    if shadow is None or shadow.kind == parsed.result.kind:
        return False
    stmt = insert_for(session, ParserDisagreement).values(
        ingestion_id=ingestion_id,
        chat_id=chat_id,
        message_id=message_id,
        source=source,
        current_version=parsed.result.model,
        current_kind=parsed.result.kind,
        current_confidence=parsed.result.confidence,
        shadow_version=shadow.model,
        shadow_kind=shadow.kind,
        shadow_confidence=shadow.confidence,
        created_at=clock.now(),
    )
    await session.execute(stmt.on_conflict_do_nothing())
    return True


async def set_shadow(
    session: AsyncSession, *, actor_id: int, version: str | None, clock: Clock
) -> ParserModel | None:
    """Make a candidate (or retired) model the shadow; None stops shadowing. The former shadow
    becomes a candidate again."""
    target: ParserModel | None = None
    if version is not None:
        target = await session.get(ParserModel, version.strip(), with_for_update=True)
        if target is None:
            raise DomainError("UNKNOWN_MODEL", f"No model {version!r}.", "version")
        if target.status == CURRENT:
            raise DomainError(
                "INVALID_MODEL_STATUS", "The current model cannot be its own shadow.", "version"
            )
    await session.execute(
        update(ParserModel)
        .where(
            col(ParserModel.status) == SHADOW, col(ParserModel.version) != (target.version if target else "")
        )
        .values(status=CANDIDATE, updated_at=clock.now())
    )
    if target is not None:
        target.status = SHADOW
        target.updated_at = clock.now()
    await session.flush()
    await audit.append(
        session,
        action="parser.set_shadow",
        clock=clock,
        actor_id=actor_id,
        subject=f"parser_model:{version}" if version else "parser_model:none",
        data={"version": version},
    )
    return target


async def models(session: AsyncSession) -> list[ParserModel]:
    rows = await session.execute(select(ParserModel).order_by(col(ParserModel.created_at).desc()))
    return list(rows.scalars())
