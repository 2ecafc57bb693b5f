"""Fields of one request settle instead of being cancelled.

graphql-core 3.3 cancels a selection's other fields as soon as one non-null field fails. A field
cancelled inside a database call is cancelled again while SQLAlchemy resets its connection (the
enclosing selections are cancelled too), which drops the connection with an error in the log;
a write cancelled mid-way gains nothing either. Fields therefore run to the end, as in graphql-core
3.2, and the first failure is raised once all have settled.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from graphql.execution import executor


async def gather_settled(*awaitables: Awaitable[Any]) -> list[Any]:
    results = await asyncio.gather(*awaitables, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return list(results)


def install() -> None:
    executor.gather_with_cancel = gather_settled  # type: ignore[attr-defined]
