"""The parse cache: one contract for the table and Redis, a week's expiry, housekeeping's prune."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import Database
from db.models import ParseCacheEntry
from resolvers.clock import ManualClock
from resolvers.ingestion import cache, registry
from resolvers.ingestion.parser import Parser, ParseResult
from tests.conftest import REDIS_URL, need
from tests.ingestion.support import GD_CARD, GD_PROFILE_1, GUSYA_CARD, KARMA, MAFIA_END, message, rules_only

__all__ = ["rules_only"]


class CountingParser(Parser):
    def __init__(self) -> None:
        super().__init__(use_model=False)
        self.calls = 0

    def parse(self, text: str, sender: str | None) -> ParseResult:
        self.calls += 1
        return super().parse(text, sender)


@pytest.fixture(params=["table", "redis"])
async def adapter(request: pytest.FixtureRequest, database_url: str) -> AsyncIterator[Any]:
    if request.param == "table":
        db = Database(database_url)
        yield cache.SqlParseCache(db, clock=ManualClock())
        await db.dispose()
    else:
        from redis.asyncio import Redis

        client = Redis.from_url(need(REDIS_URL, "Redis"))
        yield cache.RedisParseCache(client, prefix=f"test:{uuid.uuid4().hex}:")
        await client.aclose()


async def test_contract_miss_put_hit(adapter: Any) -> None:
    assert await adapter.get("k") is None
    await adapter.put("k", {"kind": "card"})
    assert await adapter.get("k") == {"kind": "card"}
    await adapter.put("k", {"kind": "chest"})
    assert await adapter.get("k") == {"kind": "chest"}


async def test_a_cached_message_is_parsed_once(adapter: Any) -> None:
    parser = CountingParser()
    source, text = message(GD_CARD)
    first = await registry.parse_cached(parser, adapter, source=source, text=text)
    second = await registry.parse_cached(parser, adapter, source=source, text=text)
    assert parser.calls == 1 and first == second
    assert (first.kind, first.players) == ("card", ("EnidBlaito",))
    await registry.parse_cached(parser, adapter, source="shmalala", text=text)
    assert parser.calls == 2  # another source is another key


@pytest.mark.parametrize("key", [GD_CARD, GD_PROFILE_1, KARMA, MAFIA_END, GUSYA_CARD])
def test_results_survive_the_round_trip(key: str) -> None:
    source, text = message(key)
    result = Parser(use_model=False).parse(
        text,
        {
            "gdcards": "GDcards",
            "shmalala": "Shmalala",
            "true_mafia": "True Mafia",
            "gusya_cards": "Гуся Cards",
        }[source],
    )
    assert cache.from_json(cache.to_json(result)) == result


async def test_table_entries_expire_after_a_week_and_are_pruned(database_url: str) -> None:
    db = Database(database_url)
    clock = ManualClock()
    try:
        table = cache.SqlParseCache(db, clock=clock)
        await table.put("old", {"kind": "card"})
        clock.advance(days=6)
        await table.put("new", {"kind": "card"})
        assert await table.get("old") == {"kind": "card"}
        clock.advance(days=1, seconds=1)
        assert await table.get("old") is None and await table.get("new") is not None
        async with db.transaction() as session:
            assert await cache.prune(session, clock=clock) == 1
        async with db.reader() as session:
            assert (
                await session.execute(select(func.count()).select_from(ParseCacheEntry))
            ).scalar_one() == 1
    finally:
        await db.dispose()


async def test_redis_entries_carry_the_ttl() -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(need(REDIS_URL, "Redis"))
    prefix = f"test:{uuid.uuid4().hex}:"
    try:
        await cache.RedisParseCache(client, prefix=prefix).put("k", {"kind": "card"})
        ttl = await client.ttl(prefix + "k")
        assert timedelta(days=7) - timedelta(minutes=1) < timedelta(seconds=ttl) <= timedelta(days=7)
    finally:
        await client.aclose()


async def test_a_broken_cache_does_not_break_parsing() -> None:
    class Broken:
        async def get(self, key: str) -> None:
            raise ConnectionError("down")

        async def put(self, key: str, value: dict[str, Any]) -> None:
            raise ConnectionError("down")

    source, text = message(KARMA)
    result = await registry.parse_cached(Parser(use_model=False), Broken(), source=source, text=text)
    assert result.kind == "karma"
