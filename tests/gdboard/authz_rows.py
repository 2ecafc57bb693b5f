"""The authorization matrix's rows for the GD board fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, World


async def gd_fresh_level(world: World, actor: str) -> dict[str, Any]:
    """A new level on the board (the caller has no submission for it)."""
    from resolvers import gdboard
    from tests import factories

    async with world.app.state.services.db.transaction() as session:
        level = await gdboard.add(
            session,
            actor_id=world.ids["admin"],
            name=f"Level {actor}",
            creator="Someone",
            gd_id=max((lv.gd_id for lv in await gdboard.listed(session)), default=1000) + 1,
            difficulty="HARD_DEMON",
            position=1,
            clock=factories.CLOCK,
        )
    return {"id": str(level.id)}


async def gd_pending_submission(world: World, actor: str) -> dict[str, Any]:
    """Another player's pending completion of a new level."""
    from resolvers import gdboard
    from tests import factories

    level = await gd_fresh_level(world, actor)
    other = await factories.player(world.app.state.services.db)
    async with world.app.state.services.db.transaction() as session:
        row = await gdboard.submit(
            session,
            actor_id=other.id,
            level_id=level["id"],
            position=None,
            video_url="https://youtu.be/x",
            clock=factories.CLOCK,
        )
    return {"id": str(row.id)}


ROWS: list[Row] = [
    Row(
        "admin_write",
        'mutation { gdLevelAdd(input: {name: "Matrix", creator: "Me", gdId: "424242", difficulty: HARD_DEMON})'
        " { level { id } errors { code } } }",
    ),
    Row(
        "admin_write",
        "mutation($id: ID!) { gdLevelMove(input: {levelId: $id, position: 1}) { level { id } errors { code } } }",
        gd_fresh_level,
    ),
    Row(
        "admin_write",
        "mutation($id: ID!) { gdLevelRemove(input: {levelId: $id}) { level { id } errors { code } } }",
        gd_fresh_level,
    ),
    Row(
        "writer",
        'mutation($id: ID!) { gdSubmissionCreate(input: {levelId: $id, videoUrl: "https://youtu.be/x"})'
        " { submission { id } errors { code } } }",
        gd_fresh_level,
    ),
    Row(
        "moderator_write",
        "mutation($id: ID!) { gdSubmissionReview(input: {submissionId: $id, approve: true})"
        " { submission { id } errors { code } } }",
        gd_pending_submission,
    ),
    Row("public", "{ gdLevels { id } }"),
    Row("public", "{ gdLevel(position: 1) { id } }"),
    Row("public", "{ gdLeaderboard { rank } }"),
    Row("reader", "{ gdMyStanding { rank } }"),
    Row("reader", "{ gdMySubmissions { edges { node { id } } } }"),
    Row("moderator_read", "{ gdSubmissions { edges { node { id } } } }"),
]
