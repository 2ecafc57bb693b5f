"""auctionChanged(id) over a real WebSocket: anyone watching an auction sees each bid, a later end and
the settlement, also when the settlement is committed by the job in another runtime (its own
database engine and clock, publishing through Redis like ``lucas worker``)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from redis.asyncio import Redis
from websockets.asyncio.client import ClientConnection

from db.engine import Database
from db.pubsub import RedisPublisher, publish_events, subject_channel
from resolvers.auctions import common, lifecycle
from resolvers.clock import ManualClock, SystemClock
from tests import factories
from tests.auctions.support import BID, END, market
from tests.conftest import REDIS_URL, make_settings, need
from tests.events.test_subscriptions import (
    bearer,
    http_client,
    local_subscribers,
    receive,
    ws_session,
)
from tests.server.support import wait_until
from workers import auctions as auction_jobs
from workers import broker
from workers.runtime import Runtime

WATCH = (
    "subscription($id: ID!) { auctionChanged(id: $id) {"
    " id status currentBid endsAt extensions finalPrice leader { username } bids { amount } } }"
)


async def next_change(ws: ClientConnection) -> dict[str, Any]:
    message = await receive(ws)
    assert message["type"] == "next", message
    return dict(message["payload"]["data"]["auctionChanged"])


async def listed(db: Database, m: Any, *, clock: Any) -> int:
    async with db.transaction() as session:
        made = await lifecycle.create(
            session,
            actor_id=m.seller.id,
            item_id=m.item.id,
            quantity=1,
            start_price=100,
            buyout_price=None,
            duration_days=1,
            currency="COIN",
            clock=clock,
        )
    return int(made.auction.id or 0)


async def watch(ws: ClientConnection, ident: int) -> None:
    await ws.send(
        json.dumps(
            {"id": "1", "type": "subscribe", "payload": {"query": WATCH, "variables": {"id": str(ident)}}}
        )
    )


async def test_a_watcher_sees_bids_and_an_admin_ending_the_auction(
    tmp_path: Path, sqlite_url: str, live_server_factory: Any
) -> None:
    settings = make_settings(tmp_path, sqlite_url)
    server = live_server_factory(settings)
    db = Database(sqlite_url)
    try:
        m = await market(db, settings.secret_key)
        bob, carol = m.bidders
        ident = await listed(db, m, clock=SystemClock())
        async with http_client(server) as gql, ws_session(server, bearer(str(bob.token))) as ws:
            await watch(ws, ident)
            channel = subject_channel(common.subject(ident))
            await wait_until(lambda: local_subscribers(server, channel) >= 1, what="the auction's watcher")
            # When carol bids, bob (who is not part of the auction) sees it
            body = await gql(BID, {"id": str(ident), "amount": "100"}, token=carol.token)
            assert body["data"]["auctionBid"]["errors"] == []
            seen = await next_change(ws)
            assert seen["currentBid"] == 100 and seen["leader"] == {"username": "carol"}
            assert seen["bids"] == [{"amount": 100}]
            # And when the admin ends it, he sees it sold
            ended = await gql(END, {"id": str(ident)}, token=m.admin.token)
            assert ended["data"]["auctionEnd"]["errors"] == []
            seen = await next_change(ws)
            assert seen["status"] == "SOLD" and seen["finalPrice"] == 100
    finally:
        await db.dispose()


async def test_a_settlement_by_the_job_in_another_runtime_reaches_the_watcher(
    tmp_path: Path, postgres_url: str, live_server_factory: Any, restore_dramatiq: None
) -> None:
    redis_url = need(REDIS_URL, "Redis")
    settings = make_settings(tmp_path, postgres_url, redis_url=redis_url)
    server = live_server_factory(settings)
    db = Database(postgres_url)
    redis = Redis.from_url(redis_url)
    try:
        m = await market(db, settings.secret_key)
        bob, carol = m.bidders
        ident = await listed(db, m, clock=SystemClock())
        channel = subject_channel(common.subject(ident))
        async with http_client(server) as gql, ws_session(server, bearer(str(bob.token))) as ws:
            await watch(ws, ident)

            async def subscribed() -> bool:
                counts = dict(await redis.pubsub_numsub(channel))
                return int(counts.get(channel.encode(), 0)) >= 1

            await wait_until(subscribed, what="the watcher's subscription to reach Redis")
            body = await gql(BID, {"id": str(ident), "amount": "120"}, token=carol.token)
            assert body["data"]["auctionBid"]["errors"] == []
            assert (await next_change(ws))["currentBid"] == 120
            # When the settlement job runs in a worker's runtime, two days later by its clock
            publisher = RedisPublisher(redis_url)

            async def publish(events: list[Any]) -> None:
                assert await publish_events(publisher, events) == []

            later = ManualClock(SystemClock().now() + timedelta(days=2))
            worker_db = Database(postgres_url)
            try:
                assert auction_jobs.auction_settle is broker.JOBS["auction_settle"].fn
                runtime = Runtime(settings=settings, db=worker_db, clock=later, publish=publish)
                report = await broker.run("auction_settle", runtime)
            finally:
                await worker_db.dispose()
            assert report == {"settled": 1, "failed": 0}
            # Then the watcher on the server sees the auction sold
            seen = await next_change(ws)
            assert seen["status"] == "SOLD" and seen["finalPrice"] == 120
        assert await factories.balance(db, carol, m.asset) == 1
    finally:
        await redis.aclose()
        await db.dispose()
