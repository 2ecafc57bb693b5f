"""Property: whatever adds, moves and removes the admins make, the listed levels hold the positions
1..n exactly once, in the order a plain list model predicts."""

from __future__ import annotations

import asyncio
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.engine import Database
from resolvers import gdboard
from resolvers.errors import DomainError
from tests import factories

_ids = itertools.count(1_000)
Op = tuple[str, int, int]
OPS = st.lists(
    st.tuples(st.sampled_from(["add", "move", "remove"]), st.integers(0, 8), st.integers(-1, 9)), max_size=20
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_positions_stay_a_permutation_of_1_to_n(database_url: str, ops: list[Op]) -> None:
    async def body() -> None:
        db = Database(database_url)
        try:
            async with db.transaction() as session:
                for level in await gdboard.listed(session):
                    await gdboard.remove(session, actor_id=0, level_id=level.id, clock=factories.CLOCK)
            model: list[int] = []
            for op, pick, position in ops:
                try:
                    async with db.transaction() as session:
                        if op == "add":
                            level = await gdboard.add(
                                session,
                                actor_id=0,
                                name="L",
                                creator="C",
                                gd_id=next(_ids),
                                difficulty="HARD_DEMON",
                                position=position,
                                clock=factories.CLOCK,
                            )
                            model.insert(position - 1, int(level.id or 0))
                        elif model:
                            target = model[pick % len(model)]
                            if op == "move":
                                await gdboard.move(
                                    session,
                                    actor_id=0,
                                    level_id=target,
                                    position=position,
                                    clock=factories.CLOCK,
                                )
                                model.remove(target)
                                model.insert(position - 1, target)
                            else:
                                await gdboard.remove(
                                    session, actor_id=0, level_id=target, clock=factories.CLOCK
                                )
                                model.remove(target)
                except DomainError as exc:
                    assert exc.code == "INVALID_POSITION"
                    assert not 1 <= position <= len(model) + (op == "add")
                async with db.reader() as session:
                    levels = await gdboard.listed(session)
                assert [lv.position for lv in levels] == list(range(1, len(model) + 1))
                assert [lv.id for lv in levels] == model
        finally:
            await db.dispose()

    asyncio.run(body())
