"""When one non-null field fails, the request's other fields still finish (see
schema.core.settling): none is cancelled halfway through its database work."""

from __future__ import annotations

import asyncio

import strawberry

import schema as _lucas_schema  # noqa: F401  (installs the settling gather)


async def test_a_failing_field_lets_its_siblings_finish() -> None:
    gate = asyncio.Event()
    finished: list[str] = []

    @strawberry.type
    class Query:
        @strawberry.field
        async def fails(self) -> int:
            gate.set()
            raise ValueError("no")

        @strawberry.field
        async def works(self) -> int | None:
            await gate.wait()
            for _ in range(5):  # still busy (as in a database call) when the sibling fails
                await asyncio.sleep(0)
            finished.append("works")
            return 1

    result = await strawberry.Schema(query=Query).execute("{ works fails }")

    assert result.data is None
    assert [e.message for e in result.errors or []] == ["no"]
    assert finished == ["works"]
