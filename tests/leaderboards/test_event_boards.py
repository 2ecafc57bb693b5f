"""Boards fed by domain events: one contract for the SQL store (embedded) and the Redis mirror
(scaled), on both databases. Scores are written only by the ``leaderboards`` consumer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis
from sqlalchemy import select, update
from sqlmodel import col

from db.engine import Database
from db.models import ConsumerOffset, Event
from resolvers import events, leaderboards, outbox
from resolvers.clock import ManualClock
from resolvers.leaderboards import periods
from resolvers.leaderboards.redis_store import PREFIX, RedisBoards, key_of, member
from server.settings import Settings
from tests import factories
from tests.conftest import REDIS_URL, need
from workers import leaderboards as consumer
from workers import runtime

STORES = ("sql", "redis")


START = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # a Wednesday


@asynccontextmanager
async def store(
    settings: Settings, kind: str, redis_db: int
) -> AsyncIterator[tuple[Database, RedisBoards | None]]:
    """The database, and for ``redis`` a Redis database of the test's own, emptied first (tests
    run in parallel on one Redis server; 11 is the scaled-processes test's)."""
    db = Database(settings.database_url)
    client = None
    if kind == "redis":
        url = need(REDIS_URL, "LUCAS_TEST_REDIS_URL").rsplit("/", 1)[0] + f"/{redis_db}"
        settings = replace(settings, redis_url=url)
        client = Redis.from_url(url)
        await client.flushdb()
    rt = runtime.Runtime(settings=settings, db=db, clock=factories.CLOCK)
    try:
        with runtime.using(rt):
            yield db, RedisBoards(client) if client is not None else None
    finally:
        if client is not None:
            await client.aclose()
        await db.dispose()


async def unlock(db: Database, clock: ManualClock, *unlocks: tuple[int, str]) -> None:
    async with db.transaction() as session:
        await events.append_many(
            session,
            [
                events.Spec(
                    kind="achievement.unlocked", actor_id=u, audience=[u], payload={"key": "k", "tier": t}
                )
                for u, t in unlocks
            ],
            clock=clock,
        )


async def relay(db: Database, published: list[Event] | None = None) -> int:
    assert outbox.CONSUMERS[leaderboards.CONSUMER] is consumer.count

    async def publish(found: list[Event]) -> None:
        (published if published is not None else []).extend(found)

    return await outbox.relay(db, leaderboards.CONSUMER, clock=factories.CLOCK, publish=publish)


async def read(
    db: Database, clock: ManualClock, period: str, mirror: RedisBoards | None, viewer: int | None = None
) -> list[tuple[int, int, int, int | None]]:
    async with db.reader() as session:
        found = await leaderboards.leaderboard(
            session, board="achievements", period=period, clock=clock, viewer_id=viewer, mirror=mirror
        )
    return [(e.rank, e.user_id, e.score, e.previous_rank) for e in found.entries]


@pytest.mark.parametrize("kind", STORES)
async def test_achievement_points_rank_by_period_once_per_event(settings: Settings, kind: str) -> None:
    async with store(settings, kind, 12 if settings.database_url.startswith("sqlite") else 13) as (
        db,
        mirror,
    ):
        clock = ManualClock(START)
        a, b, c = await factories.players(db, "ann", "ben", "cat", clock=clock)
        # Given ann unlocks a gold and a bronze, ben a silver, cat a bronze; and a payment happens
        await unlock(db, clock, (a.id, "gold"), (b.id, "silver"), (c.id, "bronze"), (a.id, "bronze"))
        await factories.grant(db, c, 5, clock=clock)
        published: list[Event] = []
        assert await relay(db, published) > 0
        # Then the board ranks them by points, in every period
        for period in periods.PERIODS:
            assert await read(db, clock, period, mirror) == [
                (1, a.id, 60, None),
                (2, b.id, 25, None),
                (3, c.id, 10, None),
            ]
        if mirror is not None:
            async with db.reader() as session:
                assert await mirror.has(session, "achievements", periods.key("DAILY", clock.now()))
        async with db.reader() as session:
            viewer = await leaderboards.leaderboard(
                session,
                board="achievements",
                period="DAILY",
                clock=clock,
                first=1,
                viewer_id=c.id,
                mirror=mirror,
            )
        assert viewer.viewer == leaderboards.Standing(3, c.id, 10)
        assert [(e.rank, e.user_id) for e in viewer.around] == [(1, a.id), (2, b.id), (3, c.id)]
        # And the batch said, live only, which boards changed (the grant moved coins)
        said = [e.subject for e in published if e.kind == consumer.CHANGED]
        assert sorted(said) == ["leaderboard:achievements", "leaderboard:coins"]
        async with db.reader() as session:
            stored = await session.execute(select(col(Event.id)).where(col(Event.kind) == consumer.CHANGED))
            assert stored.all() == []

        # When the events are read again (a lost offset), nothing counts twice
        async with db.transaction() as session:
            await session.execute(update(ConsumerOffset).values(last_event_id=0, last_tx=0))
        await relay(db)
        assert [s for _, _, s, _ in await read(db, clock, "ALL_TIME", mirror)] == [60, 25, 10]

        # When the next day ben unlocks a gold and cat a bronze (a tie at 10 later broken by id)
        clock.advance(days=1)
        if mirror is not None:  # a flushed Redis: the week's set is seeded from SQL before it is written
            await mirror.client.delete(mirror.key("achievements", periods.key("WEEKLY", clock.now())))
        await unlock(db, clock, (b.id, "gold"), (c.id, "bronze"))
        await relay(db)
        # Then today has its own ranking with yesterday's ranks, and the week adds up
        assert await read(db, clock, "DAILY", mirror) == [(1, b.id, 50, 2), (2, c.id, 10, 3)]
        assert await read(db, clock, "WEEKLY", mirror) == [
            (1, b.id, 75, None),
            (2, a.id, 60, None),
            (3, c.id, 20, None),
        ]
        # And yesterday stays queryable as a past period
        async with db.reader() as session:
            past = await leaderboards.leaderboard(
                session,
                board="achievements",
                period="DAILY",
                clock=ManualClock(clock.now() - timedelta(days=1)),
                mirror=mirror,
            )
        assert [(e.user_id, e.score) for e in past.entries] == [(a.id, 60), (b.id, 25), (c.id, 10)]


async def test_equal_scores_are_ordered_by_user_id_in_both_stores(settings: Settings) -> None:
    found = {}
    for n, kind in enumerate(STORES):
        async with store(settings, kind, 14 if settings.database_url.startswith("sqlite") else 15) as (
            db,
            mirror,
        ):
            clock = ManualClock(START + timedelta(days=366 * (n + 1)))
            players = await factories.players(db, *(f"{kind}{n}" for n in range(4)), clock=clock)
            await unlock(db, clock, *((p.id, "bronze") for p in reversed(players)))
            await relay(db)
            ranked = await read(db, clock, "DAILY", mirror)
            found[kind] = [(rank, score) for rank, _, score, _ in ranked]
            assert [u for _, u, _, _ in ranked] == sorted(p.id for p in players)
    assert found["sql"] == found["redis"] == [(1, 10), (2, 10), (3, 10), (4, 10)]


async def test_a_mirror_another_database_left_in_redis_is_not_read_as_this_ones(settings: Settings) -> None:
    # A crossproc cluster's fresh database met the sets an earlier cluster left in the shared Redis:
    # ids this database does not have were ranked, and read back as entries with `user: null`.
    async with store(settings, "redis", 6 if settings.database_url.startswith("sqlite") else 7) as (
        db,
        mirror,
    ):
        assert mirror is not None
        clock = ManualClock(START)
        (ann,) = await factories.players(db, "ann", clock=clock)
        period = periods.key("ALL_TIME", clock.now())
        # Given another database's all-time set, in the former key layout and under another token
        stranger = {member(ann.id + 10**6): 500}
        await mirror.client.zadd(f"{PREFIX}achievements:{period}", stranger)
        await mirror.client.zadd(key_of("0123456789abcdef", "achievements", period), stranger)
        # When ann unlocks a bronze in this database
        await unlock(db, clock, (ann.id, "bronze"))
        await relay(db)
        # Then this database's board has ann alone, served from its own set
        assert await read(db, clock, "ALL_TIME", mirror) == [(1, ann.id, 10, None)]
        assert mirror.scope not in (None, "0123456789abcdef")
        assert await mirror.client.zrange(mirror.key("achievements", period), 0, -1) == [
            member(ann.id).encode()
        ]


async def test_won_games_and_tournament_places_score_on_their_boards(settings: Settings) -> None:
    async with store(settings, "sql", 0) as (db, _):
        clock = ManualClock(START)
        a, b, c = await factories.players(db, "ann", "ben", "cat", clock=clock)
        won = [(a.id, "CITIES"), (a.id, "CITIES"), (b.id, "CITIES"), (b.id, "KILLER_WORDS"), (c.id, "CHESS")]
        async with db.transaction() as session:
            await events.append_many(
                session,
                [
                    *(
                        events.Spec(
                            kind="game.rewarded", actor_id=u, audience=[u], payload={"game": g, "amount": 5}
                        )
                        for u, g in won
                    ),
                    events.Spec(
                        kind="tournament.finished", payload={"places": [b.id, a.id, c.id], "prizes": []}
                    ),
                    events.Spec(kind="tournament.finished", payload={"places": [c.id], "prizes": []}),
                ],
                clock=clock,
            )
        await relay(db)

        async def ranked(board: str) -> list[tuple[int, int]]:
            async with db.reader() as session:
                found = await leaderboards.leaderboard(session, board=board, period="WEEKLY", clock=clock)
            return [(e.user_id, e.score) for e in found.entries]

        assert await ranked("cities") == [(a.id, 2), (b.id, 1)]
        assert await ranked("killer_words") == [(b.id, 1)]
        assert await ranked("gd_levels") == []
        assert await ranked("tournaments") == [(c.id, 4), (b.id, 3), (a.id, 2)]
