"""Helpers of the profiles tests: friends, events as other domains append them, the feed consumer."""

from __future__ import annotations

from typing import Any

from db.engine import Database
from resolvers import events, friends, outbox
from resolvers.profiles import feed
from tests import factories
from workers import profiles as profile_jobs


async def befriend(db: Database, a: int, b: int) -> None:
    async with db.transaction() as session:
        request = await friends.send(session, actor_id=a, user_id=b, clock=factories.CLOCK)
        await friends.accept(session, actor_id=b, request_id=request.id, clock=factories.CLOCK)


async def happen(db: Database, kind: str, actor: int | None, **payload: Any) -> None:
    async with db.transaction() as session:
        await events.append_many(
            session,
            [events.Spec(kind=kind, actor_id=actor, audience=[actor] if actor else [], payload=payload)],
            clock=factories.CLOCK,
        )


async def relay(db: Database) -> int:
    assert outbox.CONSUMERS[feed.CONSUMER] is profile_jobs.feed_items
    return await outbox.relay(db, feed.CONSUMER, clock=factories.CLOCK)
