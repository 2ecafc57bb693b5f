"""The authorization matrix's rows for the tournaments fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, Variables, World, bob


async def tournament_setup(
    world: World, actor: str, *, owner_joins: bool = False, others: int = 0, start: bool = False
) -> dict[str, Any]:
    """A fresh free tournament by the admin: the caller's owner and ``others`` new players in it,
    started when asked; the id, the first ready match and the owner's id."""
    from resolvers.tournaments import common, play, registration
    from tests import factories

    db = world.app.state.services.db
    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    rivals = [await factories.player(db) for _ in range(others)]
    clock = factories.CLOCK
    async with db.transaction() as session:
        made = await registration.create(
            session,
            actor_id=world.ids["admin"],
            is_admin=True,
            name="Matrix cup",
            format="SINGLE_ELIMINATION",
            entry_fee=0,
            max_players=8,
            clock=clock,
        )
        ident = int(made.id or 0)
        for uid in ([owner] if owner_joins else []) + [r.id for r in rivals]:
            await registration.join(session, actor_id=uid, tournament_id=ident, clock=clock)
        if start:
            await play.start(session, actor_id=world.ids["admin"], tournament_id=ident, clock=clock)
        ready = [m for m in await common.matches_of(session, ident) if m.status == "READY"]
    out = {"id": str(ident)}
    if ready:
        out["m"] = str(ready[0].id)
    return out


def tournament(**options: Any) -> Variables:
    async def make(world: World, actor: str) -> dict[str, Any]:
        return await tournament_setup(world, actor, **options)

    return make


async def tournament_own_match(world: World, actor: str) -> dict[str, Any]:
    made = await tournament_setup(world, actor, owner_joins=True, others=1, start=True)
    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    return {"m": made["m"], "w": str(owner)}


ROWS: list[Row] = [
    Row(
        "moderator_write",
        'mutation { tournamentCreate(input: {name: "Cup", format: SINGLE_ELIMINATION, entryFee: 0, maxPlayers: 4})'
        " { tournament { id } errors { code } } }",
    ),
    Row(
        "writer",
        "mutation($id: ID!) { tournamentJoin(input: {tournamentId: $id}) { tournament { id } errors { code } } }",
        tournament(),
    ),
    Row(
        "writer",
        "mutation($id: ID!) { tournamentLeave(input: {tournamentId: $id}) { tournament { id } errors { code } } }",
        tournament(owner_joins=True),
    ),
    Row(
        "moderator_write",
        "mutation($id: ID!) { tournamentStart(input: {tournamentId: $id}) { tournament { status } errors { code } } }",
        tournament(others=2),
    ),
    Row(
        "writer",
        "mutation($m: ID!, $w: ID!) { tournamentReportResult(input: {matchId: $m, winnerId: $w})"
        " { match { id } errors { code } } }",
        tournament_own_match,
    ),
    Row(
        "admin_write",
        "mutation($m: ID!) { tournamentForceAdvance(input: {matchId: $m}) { match { id } errors { code } } }",
        tournament(others=2, start=True),
    ),
    Row(
        "admin_write",
        "mutation($id: ID!) { tournamentEnd(input: {tournamentId: $id}) { tournament { status } errors { code } } }",
        tournament(others=3, start=True),
    ),
    Row(
        "admin_write",
        "mutation($id: ID!) { tournamentCancel(input: {tournamentId: $id}) { tournament { status } errors { code } } }",
        tournament(),
    ),
    Row(
        "moderator_write",
        "mutation($u: ID!) { tournamentBan(input: {userId: $u, banned: false}) { banned errors { code } } }",
        bob,
    ),
    Row("public", '{ tournament(id: "1") { id status matches { id round players { id } winner { id } } } }'),
    Row("public", "{ tournaments(first: 5) { edges { node { id status } } } }"),
]
