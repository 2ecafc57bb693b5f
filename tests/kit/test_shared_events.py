"""A live event marked shared is executed once per process and role, whatever its subscribers."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

import strawberry

from resolvers.actor import Actor
from schema.core.requests import LucasExecutor
from schema.core.shared import shared

resolved: Counter[str] = Counter()


@dataclass
class Hub:
    queues: list[asyncio.Queue[tuple[int, bool]]] = field(default_factory=list)
    expected: int = 0
    joined: asyncio.Event = field(default_factory=asyncio.Event)

    def join(self, queue: asyncio.Queue[tuple[int, bool]]) -> None:
        self.queues.append(queue)
        if len(self.queues) >= self.expected:
            self.joined.set()

    def publish(self, n: int, *, share: bool) -> None:
        for queue in self.queues:
            queue.put_nowait((n, share))


@dataclass
class Ctx:
    actor: Actor
    hub: Hub


@strawberry.type
class Tick:
    n: int

    @strawberry.field
    def label(self, info: strawberry.Info) -> str:
        resolved[f"{self.n}"] += 1
        return f"tick {self.n}"


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def ticks(self, info: strawberry.Info) -> AsyncGenerator[Tick, None]:
        queue: asyncio.Queue[tuple[int, bool]] = asyncio.Queue()
        info.context.hub.join(queue)
        while True:
            n, share = await queue.get()
            yield shared(Tick(n=n), ("tick", n)) if share else Tick(n=n)


schema = strawberry.Schema(query=Query, subscription=Subscription, execution_context_class=LucasExecutor)
QUERY = "subscription { ticks { n label } }"


async def _subscribe(ctx: Ctx, query: str = QUERY) -> AsyncGenerator[object, None]:
    stream = await schema.subscribe(query, context_value=ctx)  # type: ignore[misc]
    assert not hasattr(stream, "errors"), stream
    return stream  # type: ignore[return-value]


async def _round(
    hub: Hub, streams: list[AsyncGenerator[object, None]], n: int, *, share: bool
) -> list[object]:
    hub.expected = len(streams)
    nexts = [asyncio.ensure_future(anext(s)) for s in streams]
    await hub.joined.wait()
    hub.publish(n, share=share)
    return list(await asyncio.gather(*nexts))


async def _close(streams: list[AsyncGenerator[object, None]]) -> None:
    for stream in streams:
        await stream.aclose()


def _players(count: int, role: str = "user") -> list[Actor]:
    return [Actor(user_id=i + 1, username=f"p{i}", role=role) for i in range(count)]


async def test_a_shared_event_is_resolved_once_for_all_subscribers_of_a_role() -> None:
    resolved.clear()
    hub = Hub()
    streams = [await _subscribe(Ctx(actor, hub)) for actor in _players(50)]
    results = await _round(hub, streams, 101, share=True)
    await _close(streams)
    assert resolved["101"] == 1
    datas = [r.data for r in results]  # type: ignore[attr-defined]
    assert all(d == {"ticks": {"n": 101, "label": "tick 101"}} for d in datas)
    assert all(d is datas[0] for d in datas)  # one result, handed to all


async def test_plain_events_are_resolved_per_subscriber() -> None:
    resolved.clear()
    hub = Hub()
    streams = [await _subscribe(Ctx(actor, hub)) for actor in _players(20)]
    results = await _round(hub, streams, 202, share=False)
    await _close(streams)
    assert resolved["202"] == 20
    datas = [r.data for r in results]  # type: ignore[attr-defined]
    assert len({id(d) for d in datas}) == 20


async def test_roles_and_documents_do_not_share_a_result() -> None:
    resolved.clear()
    hub = Hub()
    users = [await _subscribe(Ctx(actor, hub)) for actor in _players(10)]
    admins = [await _subscribe(Ctx(actor, hub)) for actor in _players(10, role="admin")]
    other = [
        await _subscribe(Ctx(actor, hub), "subscription Named { ticks { label } }") for actor in _players(5)
    ]
    results = await _round(hub, users + admins + other, 303, share=True)
    await _close(users + admins + other)
    assert resolved["303"] == 3
    assert results[-1].data == {"ticks": {"label": "tick 303"}}  # type: ignore[attr-defined]
