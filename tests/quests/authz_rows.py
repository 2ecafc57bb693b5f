"""The authorization matrix's rows for the quests fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, World


async def quest_id(world: World, key: str) -> str:
    from sqlalchemy import select
    from sqlmodel import col

    from db.models.quests import Quest

    async with world.app.state.services.db.reader() as session:
        return str((await session.execute(select(col(Quest.id)).where(col(Quest.key) == key))).scalar_one())


async def first_quest(world: World, actor: str) -> dict[str, Any]:
    return {"q": await quest_id(world, "first-steps")}


async def own_active_quest(world: World, actor: str) -> dict[str, Any]:
    """The daily starter quest, accepted by the caller's owner (again: refused if already active)."""
    daily = await quest_id(world, "daily-routine")
    await world.must(
        world.owner(actor),
        "mutation($q: ID!) { questAccept(input: {questId: $q}) { errors { code } } }",
        {"q": daily},
    )
    return {"q": daily}


ROWS: list[Row] = [
    Row(
        "writer",
        "mutation($q: ID!) { questAccept(input: {questId: $q}) { quest { id } errors { code } } }",
        first_quest,
    ),
    Row(
        "writer",
        "mutation($q: ID!) { questAbandon(input: {questId: $q}) { quest { id } errors { code } } }",
        own_active_quest,
    ),
    Row(
        "admin_write",
        'mutation { questCreate(input: {title: "Matrix", type: REPEATABLE, objectives: [{kind: "gift.sent"}],'
        " rewardXp: 5}) { quest { id } errors { code } } }",
    ),
    Row(
        "admin_write",
        "mutation($q: ID!) { questUpdate(input: {questId: $q, position: 1}) { quest { id } errors { code } } }",
        first_quest,
    ),
    Row("reader", "{ quests(status: AVAILABLE) { id title status progress goal } }"),
    Row("reader", '{ quest(id: "1") { id } }'),
    Row("admin_read", "{ questGraph { nodes { depth unlocks quest { id } } branches { name } } }"),
    Row("admin_read", "{ questObjectiveKinds }"),
]
