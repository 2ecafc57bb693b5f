"""No N+1 in the friends lists, and concurrent requests between two players on PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from db.engine import Database
from db.models.friends import PENDING, FriendRequest
from resolvers import friends
from resolvers.errors import DomainError
from server.settings import Settings
from tests import factories
from tests.server.support import count_statements, running
from tests.server.test_query_count import CONTROL

LISTS = """{ friends { online user { username } } friendRequests { sender { username } }
  blockedUsers { user { username } } friendsActivity { kind user { username } } }"""


async def statements(app: Any, gql: Any, token: str | None) -> int:
    with count_statements(app.state.services.db) as seen:
        body = await gql(LISTS, token=token)
    assert "errors" not in body
    return len([s for s in seen if not s.lstrip().upper().startswith(CONTROL)])


async def befriend_all(db: Database, me: factories.Player, others: list[factories.Player]) -> None:
    async with db.transaction() as session:
        for other in others:
            request = await friends.send(session, actor_id=other.id, user_id=me.id, clock=factories.CLOCK)
            await friends.accept(session, actor_id=me.id, request_id=request.id, clock=factories.CLOCK)


async def test_the_lists_cost_the_same_with_one_or_ten_friends(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        me, *others = await factories.players(
            db, "viewer", *(f"pal{i}" for i in range(10)), secret=settings.secret_key
        )
        await befriend_all(db, me, others[:1])
        one = await statements(app, gql, me.token)
        await befriend_all(db, me, others[1:])
        ten = await statements(app, gql, me.token)
    assert one == ten


async def test_crossing_requests_end_in_one_friendship_or_one_request(postgres_url: str) -> None:
    db = Database(postgres_url)
    try:
        for round_ in range(5):
            alice, bob = await factories.players(db, f"x{round_}a", f"x{round_}b")

            async def ask(a: int, b: int) -> str | None:
                try:
                    async with db.transaction() as session:
                        await friends.send(session, actor_id=a, user_id=b, clock=factories.CLOCK)
                except DomainError as exc:
                    return exc.code
                return None

            outcomes = await asyncio.gather(
                ask(alice.id, bob.id), ask(bob.id, alice.id), ask(alice.id, bob.id)
            )
            assert set(outcomes) <= {None, "REQUEST_EXISTS", "ALREADY_FRIENDS"}
            async with db.reader() as session:
                mutual = await friends.are_friends(session, alice.id, bob.id)
                pending = (
                    await session.execute(
                        select(func.count())
                        .select_from(FriendRequest)
                        .where(
                            col(FriendRequest.status) == PENDING,
                            col(FriendRequest.sender_id).in_([alice.id, bob.id]),
                        )
                    )
                ).scalar_one()
                assert mutual == await friends.are_friends(session, bob.id, alice.id)
            assert (mutual and pending == 0) or (not mutual and pending == 1), (outcomes, mutual, pending)
    finally:
        await db.dispose()
