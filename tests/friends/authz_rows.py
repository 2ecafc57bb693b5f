"""The authorization matrix's rows for the friends fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, Variables, World, bob


async def friend_setup(world: World, actor: str, state: str) -> dict[str, Any]:
    """A new player with a request pending to the caller's owner, a friend of theirs, or blocked."""
    from resolvers import friends
    from tests import factories

    db = world.app.state.services.db
    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    other = await factories.player(db)
    async with db.transaction() as session:
        request = await friends.send(session, actor_id=other.id, user_id=owner, clock=factories.CLOCK)
        if state == "friend":
            await friends.accept(session, actor_id=owner, request_id=request.id, clock=factories.CLOCK)
        if state == "blocked":
            await friends.block(session, actor_id=owner, user_id=other.id, clock=factories.CLOCK)
    return {"r": str(request.id)} if state == "request" else {"u": str(other.id)}


def with_friend(state: str) -> Variables:
    async def make(world: World, actor: str) -> dict[str, Any]:
        return await friend_setup(world, actor, state)

    return make


ROWS: list[Row] = [
    Row(
        "writer",
        "mutation($u: ID!) { friendRequestSend(input: {userId: $u}) { request { id } errors { code } } }",
        bob,
    ),
    Row(
        "writer",
        "mutation($r: ID!) { friendRequestAccept(input: {requestId: $r}) { request { id } errors { code } } }",
        with_friend("request"),
    ),
    Row(
        "writer",
        "mutation($r: ID!) { friendRequestDecline(input: {requestId: $r}) { request { id } errors { code } } }",
        with_friend("request"),
    ),
    Row(
        "writer",
        "mutation($u: ID!) { friendRemove(input: {userId: $u}) { user { id } errors { code } } }",
        with_friend("friend"),
    ),
    Row(
        "writer", "mutation($u: ID!) { userBlock(input: {userId: $u}) { user { id } errors { code } } }", bob
    ),
    Row(
        "writer",
        "mutation($u: ID!) { userUnblock(input: {userId: $u}) { user { id } errors { code } } }",
        with_friend("blocked"),
    ),
    Row("reader", "{ friends { user { username } online } }"),
    Row("reader", "{ friendRequests(direction: OUTGOING) { id } }"),
    Row("reader", "{ blockedUsers { user { id } } }"),
    Row("reader", "{ friendsActivity { kind } }"),
]
