"""The D&D subscription: a session's log, live, for those at the table."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from db.models.dnd import DndLogEntry as LogRow
from resolvers import events
from resolvers.ids import to_id
from schema.core.context import Info
from schema.core.permissions import IsAuthenticated
from schema.dnd.types import DndLogEntry


@strawberry.type
class DndSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="A session's new log entries (rolls, HP, statuses, joins), live, for those at the table.",
    )
    async def dnd_session_events(
        self, info: Info, session_id: strawberry.ID
    ) -> AsyncGenerator[DndLogEntry, None]:
        user_id = info.context.actor.user_id or 0
        wanted = to_id(session_id)
        async with info.context.services.subscribe(f"lucas:user:{user_id}") as messages:
            async for message in messages:
                payload = message.get("payload", {})
                if not events.concerns(message.get("kind"), "dnd") or payload.get("session_id") != wanted:
                    continue
                async with info.context.db.reader() as session:
                    row = await session.get(LogRow, int(payload["log_id"]))
                if row is not None:
                    yield DndLogEntry(row=row)
