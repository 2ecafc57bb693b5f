"""The ``leaderboards`` consumer: counts domain events on the event boards and says what changed."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers import events, leaderboards
from resolvers.leaderboards import scores
from resolvers.leaderboards.redis_store import RedisBoards
from resolvers.outbox import consumer
from workers import runtime

CHANGED = "leaderboard.changed"
_NOTED = "leaderboards_changed"
_clients: dict[tuple[str, int], Any] = {}


def _mirror() -> RedisBoards | None:
    """The Redis mirror of the process running the consumer, when it runs with Redis."""
    try:
        url = getattr(runtime.get().settings, "redis_url", None)
    except RuntimeError:
        return None
    if not url:
        return None
    key = (str(url), id(asyncio.get_running_loop()))
    if key not in _clients:
        from redis.asyncio import Redis

        _clients[key] = Redis.from_url(str(url))
    return RedisBoards(_clients[key])


@consumer(leaderboards.CONSUMER)
async def count(session: AsyncSession, event: Event) -> None:
    writes = await scores.apply(session, event)
    if writes:
        mirror = _mirror()
        if mirror is not None:
            await mirror.write(session, writes)
    changed = {w.board for w in writes}
    if events.concerns(event.kind, "wallet"):
        changed.add(leaderboards.LEDGER_BOARD)
    noted: set[str] = session.info.setdefault(_NOTED, set())
    fresh = sorted(changed - noted)
    for board in fresh:
        noted.add(board)
        events.signal(
            session, kind=CHANGED, subject=f"leaderboard:{board}", payload={"board": board}, clock=_At(event)
        )


class _At:
    def __init__(self, event: Event) -> None:
        self.moment = event.created_at

    def now(self) -> datetime:
        return self.moment
