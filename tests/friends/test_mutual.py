"""Property (the plan's "friendship bidirectionality"): whatever sequence of send, accept, decline,
remove, block and unblock runs between a few players, friendship is mutual, matches a small model,
never joins a blocked pair, and at most one request per pair is pending."""

from __future__ import annotations

import asyncio
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import col

from db.engine import Database
from db.models.friends import PENDING, FriendRequest
from resolvers import friends
from resolvers.errors import DomainError
from tests import factories

OPS = ("send", "accept", "decline", "remove", "block", "unblock")
N = 3
_round = itertools.count()


class Model:
    def __init__(self) -> None:
        self.friends: set[frozenset[int]] = set()
        self.pending: set[tuple[int, int]] = set()  # (sender, recipient)
        self.blocks: set[tuple[int, int]] = set()  # (blocker, blocked)

    def expect(self, op: str, a: int, b: int) -> str | None:
        """Applies the operation of player a on player b; the error code it must end with."""
        pair = frozenset((a, b))
        if op in ("send", "remove", "block", "unblock") and a == b:
            return "SELF"
        if op == "send":
            if (b, a) in self.blocks or (a, b) in self.blocks:
                return "BLOCKED"
            if pair in self.friends:
                return "ALREADY_FRIENDS"
            if (b, a) in self.pending:
                self.pending.discard((b, a))
                self.friends.add(pair)
                return None
            if (a, b) in self.pending:
                return "REQUEST_EXISTS"
            self.pending.add((a, b))
        elif op == "accept":
            if (b, a) not in self.pending:
                return "NOT_FOUND"
            self.pending.discard((b, a))
            self.friends.add(pair)
        elif op == "decline":
            if (b, a) in self.pending:
                self.pending.discard((b, a))
            elif (a, b) in self.pending:
                self.pending.discard((a, b))
            else:
                return "NOT_FOUND"
        elif op == "remove":
            if pair not in self.friends:
                return "NOT_FRIENDS"
            self.friends.discard(pair)
        elif op == "block":
            if (a, b) in self.blocks:
                return "ALREADY_BLOCKED"
            self.blocks.add((a, b))
            self.friends.discard(pair)
            self.pending -= {(a, b), (b, a)}
        elif op == "unblock":
            if (a, b) not in self.blocks:
                return "NOT_BLOCKED"
            self.blocks.discard((a, b))
        return None


async def _request_between(db: Database, sender: int, recipient: int) -> int:
    async with db.reader() as session:
        found = await session.execute(
            select(FriendRequest.id).where(
                col(FriendRequest.sender_id) == sender,
                col(FriendRequest.recipient_id) == recipient,
                col(FriendRequest.status) == PENDING,
            )
        )
        return int(found.scalar_one_or_none() or 999_999)


async def _apply(db: Database, op: str, a: int, b: int) -> str | None:
    clock = factories.CLOCK
    try:
        async with db.transaction() as session:
            if op in ("accept", "decline"):
                # a decides on b's request to a (decline also withdraws a's own request to b)
                ident = await _request_between(db, b, a)
                if op == "decline" and ident == 999_999:
                    ident = await _request_between(db, a, b)
                fn = friends.accept if op == "accept" else friends.decline
                await fn(session, actor_id=a, request_id=ident, clock=clock)
            else:
                use_case = {
                    "send": friends.send,
                    "remove": friends.remove,
                    "block": friends.block,
                    "unblock": friends.unblock,
                }[op]
                await use_case(session, actor_id=a, user_id=b, clock=clock)
    except DomainError as exc:
        return exc.code
    return None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, N - 1), st.integers(0, N - 1)), max_size=25)
)
def test_friendship_is_always_mutual(database_url: str, steps: list[tuple[str, int, int]]) -> None:
    async def body() -> None:
        db = Database(database_url)
        try:
            n = next(_round)
            people = [p.id for p in await factories.players(db, *(f"f{n}p{i}" for i in range(N)))]
            model = Model()
            for op, i, j in steps:
                a, b = people[i], people[j]
                assert await _apply(db, op, a, b) == model.expect(op, a, b), (op, i, j)
                async with db.reader() as session:
                    lists = {u: {f.user_id for f in await friends.friends_of(session, u)} for u in people}
                    pending = (
                        await session.execute(
                            select(FriendRequest.user_low, FriendRequest.user_high, func.count())
                            .where(
                                col(FriendRequest.status) == PENDING, col(FriendRequest.user_low).in_(people)
                            )
                            .group_by(FriendRequest.user_low, FriendRequest.user_high)
                        )
                    ).all()
                    for u in people:
                        for v in people:
                            assert (v in lists[u]) == (u in lists[v])  # mutual
                            assert (v in lists[u]) == (frozenset((u, v)) in model.friends)
                            if await friends.is_blocked(session, u, v):
                                assert v not in lists[u]
                assert all(count == 1 for _, _, count in pending)
                assert {frozenset((lo, hi)) for lo, hi, _ in pending} == {frozenset(p) for p in model.pending}
        finally:
            await db.dispose()

    asyncio.run(body())
