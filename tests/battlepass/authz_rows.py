"""The authorization matrix's rows for the battle pass fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, World


async def battle_pass_funds(world: World, actor: str) -> dict[str, Any]:
    """1,000 COIN more for the caller's owner: the battle pass's purchases never run short."""
    from tests import factories

    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    await factories.grant(world.app.state.services.db, owner, 1000)
    return {}


ROWS: list[Row] = [
    Row(
        "writer",
        "mutation { battlePassBuyPremium(input: {}) { battlePass { premium } errors { code } } }",
        battle_pass_funds,
    ),
    Row(
        "writer",
        "mutation { battlePassBuyLevels(input: {levels: 1}) { battlePass { level } errors { code } } }",
        battle_pass_funds,
    ),
    Row("reader", "{ battlePass { season { id endsAt } level xp premium } }"),
    Row("reader", "{ battlePassHistory { season { number } level } }"),
]
