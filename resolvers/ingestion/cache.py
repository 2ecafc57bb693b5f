"""Parse results cached for a week, so a retried or re-reviewed message is not parsed again.

The key is a digest of (source, model version, text): the same text from the same bot parses the
same under one model, and a new model misses the old entries. Two adapters of one small
interface: the database table (both modes) and Redis (when configured).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import delete
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.engine import Database
from db.models import ParseCacheEntry
from resolvers import retention
from resolvers.clock import Clock
from resolvers.ingestion.parser import Amount, ParseResult

TTL = timedelta(days=7)


class ParseCache(Protocol):
    async def get(self, key: str) -> dict[str, Any] | None: ...

    async def put(self, key: str, value: dict[str, Any]) -> None: ...


def cache_key(source: str, model: str, text: str) -> str:
    return hashlib.sha256(f"{source}\x00{model}\x00{text}".encode()).hexdigest()


def to_json(result: ParseResult) -> dict[str, Any]:
    return result.to_json()


def from_json(data: dict[str, Any]) -> ParseResult:
    def amounts(raw: Any) -> tuple[Amount, ...]:
        return tuple(Amount(str(a["currency"]), str(a["amount"])) for a in raw or ())

    details = data.get("details") or {}
    return ParseResult(
        source=data.get("source"),
        kind=str(data["kind"]),
        players=tuple(str(p) for p in data.get("players") or ()),
        amounts=amounts(data.get("amounts")),
        totals=amounts(data.get("totals")),
        confidence=float(data.get("confidence", 0.0)),
        model=str(data.get("model") or "rules"),
        model_error=data.get("model_error"),
        rule_kind=data.get("rule_kind"),
        model_kind=data.get("model_kind"),
        details=tuple((str(k), str(v)) for k, v in dict(details).items()),
    )


class SqlParseCache:
    """The ``ingestion_parse_cache`` table; each write is its own short transaction so that a
    refused submission (rolled back) still leaves its parse cached."""

    def __init__(self, db: Database, *, clock: Clock, ttl: timedelta = TTL) -> None:
        self.db, self.clock, self.ttl = db, clock, ttl

    async def get(self, key: str) -> dict[str, Any] | None:
        async with self.db.reader() as session:
            row = await session.get(ParseCacheEntry, key)
        if row is None or row.expires_at <= self.clock.now():
            return None
        return dict(row.result)

    async def put(self, key: str, value: dict[str, Any]) -> None:
        expires = self.clock.now() + self.ttl
        async with self.db.transaction() as session:
            stmt = insert_for(session, ParseCacheEntry).values(key=key, result=value, expires_at=expires)
            await session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["key"], set_={"result": value, "expires_at": expires}
                )
            )


class RedisParseCache:
    """Any ``redis.asyncio`` client; Redis expires the entries itself."""

    def __init__(self, client: Any, *, prefix: str = "lucas:parse:", ttl: timedelta = TTL) -> None:
        self.client, self.prefix, self.ttl = client, prefix, ttl

    async def get(self, key: str) -> dict[str, Any] | None:
        raw = await self.client.get(self.prefix + key)
        return None if raw is None else dict(json.loads(raw))

    async def put(self, key: str, value: dict[str, Any]) -> None:
        await self.client.set(self.prefix + key, json.dumps(value), ex=int(self.ttl.total_seconds()))


async def prune(session: AsyncSession, *, clock: Clock) -> int:
    """Housekeeping: drop expired rows of the table cache."""
    result = await session.execute(
        delete(ParseCacheEntry).where(col(ParseCacheEntry.expires_at) <= clock.now())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@retention.rule("parse_cache", keep=timedelta(0))
async def _prune(session: AsyncSession, cutoff: datetime) -> int:
    """Rows past their own expiry."""
    result = await session.execute(delete(ParseCacheEntry).where(col(ParseCacheEntry.expires_at) <= cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
