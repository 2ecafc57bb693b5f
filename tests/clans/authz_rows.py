"""The authorization matrix's rows for the clans fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

import functools
from typing import Any

from tests.server.authz import Row, Variables, World


async def clan_setup(world: World, actor: str, state: str) -> dict[str, Any]:
    """Clans: the caller's owner out of any clan ("free": a new open clan to join) or leading a new
    clan with one member ("leader": that member; "request": a closed clan with a pending request)."""
    from sqlalchemy import delete

    from db.models.clans import ClanMember
    from resolvers.clans import membership, treasury
    from tests import factories

    db = world.app.state.services.db
    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    other, extra = await factories.player(db), await factories.player(db)
    async with db.transaction() as session:
        await session.execute(delete(ClanMember).where(ClanMember.user_id == owner))  # type: ignore[arg-type]
        if state == "free":
            clan = await membership.create(
                session, actor_id=other.id, name=f"Open {other.id}", clock=factories.CLOCK
            )
            return {"id": str(clan.id), "n": f"Matrix {other.id}"}
        clan = await membership.create(session, actor_id=owner, name=f"Led {other.id}", clock=factories.CLOCK)
        if state == "alone":
            return {}
        await membership.join(session, actor_id=other.id, clan_id=clan.id, clock=factories.CLOCK)
        if state == "funded":
            await factories._grant(
                session, other.id, 5, currency="COIN", by=None, key=None, clock=factories.CLOCK
            )
            await factories._grant(
                session, owner, 5, currency="COIN", by=None, key=None, clock=factories.CLOCK
            )
            await treasury.contribute(
                session, actor_id=other.id, amount=5, idempotency_key=None, clock=factories.CLOCK
            )
        if state == "request":
            await membership.set_open(session, actor_id=owner, open=False, clock=factories.CLOCK)
            asked = await membership.join(session, actor_id=extra.id, clan_id=clan.id, clock=factories.CLOCK)
            return {"r": str(asked.request.id if asked.request else 0)}
        return {"u": str(other.id)}


def clan_state(state: str) -> Variables:
    return functools.partial(clan_setup, state=state)


ROWS: list[Row] = [
    Row(
        "writer",
        "mutation($n: String!) { clanCreate(input: {name: $n}) { errors { code } } }",
        clan_state("free"),
    ),
    Row(
        "writer",
        "mutation($id: ID!) { clanJoin(input: {clanId: $id}) { errors { code } } }",
        clan_state("free"),
    ),
    Row("writer", "mutation { clanLeave { errors { code } } }", clan_state("alone")),
    Row(
        "writer",
        "mutation($u: ID!) { clanKick(input: {userId: $u}) { errors { code } } }",
        clan_state("leader"),
    ),
    Row(
        "writer",
        "mutation($u: ID!) { clanRoleSet(input: {userId: $u, role: OFFICER}) { errors { code } } }",
        clan_state("leader"),
    ),
    Row(
        "writer",
        "mutation($u: ID!) { clanLeaderTransfer(input: {userId: $u}) { errors { code } } }",
        clan_state("leader"),
    ),
    Row("writer", "mutation { clanUpdate(input: {open: false}) { errors { code } } }", clan_state("leader")),
    Row(
        "writer",
        "mutation($r: ID!) { clanRequestDecide(input: {requestId: $r, accept: true}) { errors { code } } }",
        clan_state("request"),
    ),
    Row(
        "writer", "mutation { clanContribute(input: {amount: 1}) { errors { code } } }", clan_state("funded")
    ),
    Row(
        "writer",
        "mutation($u: ID!) { clanTreasuryPay(input: {userId: $u, amount: 1}) { errors { code } } }",
        clan_state("funded"),
    ),
    Row(
        "writer",
        'mutation { clanGoalPick(input: {template: "wins"}) { errors { code } } }',
        clan_state("leader"),
    ),
    Row("reader", '{ clan(id: "1") { name memberCount treasury } }'),
    Row("reader", "{ myClan { id } }"),
    Row("reader", "{ clans(first: 5) { edges { node { id } } } }"),
    Row("reader", "{ clanRequests { id } }"),
    Row("reader", "{ clanGoalTemplates { key } }"),
    Row("reader", "{ clanLeaderboard(period: WEEKLY) { periodKey } }"),
]
