"""The D&D queries: your dice rolls and characters, the sessions and your campaigns."""

from __future__ import annotations

import strawberry
from sqlalchemy import select
from sqlmodel import col

from dataloaders.dnd import DndCharacterByIdLoader
from db.models.dnd import DndLogEntry as LogRow
from db.models.dnd import DndSession as SessionRow
from resolvers.dnd import campaigns, characters
from resolvers.ids import to_id
from schema.core.connections import paginate
from schema.core.context import Info
from schema.core.permissions import IsAuthenticated
from schema.dnd.enums import DndSessionStatus
from schema.dnd.session_types import DndCampaign, DndSession, DndSessionConnection
from schema.dnd.types import DiceRoll, DiceRollConnection, DndCharacter


@strawberry.type
class DndQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Your rolls outside sessions, newest first."
    )
    async def my_dice_rolls(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> DiceRollConnection:
        user_id = info.context.actor.user_id or 0
        query = select(LogRow).where(
            col(LogRow.user_id) == user_id, col(LogRow.session_id).is_(None), col(LogRow.kind) == "roll"
        )
        return await paginate(
            info.context.db,
            DiceRollConnection,
            query,
            kind="dice_roll",
            first=first,
            after=after,
            column=col(LogRow.id),
            node=lambda r: DiceRoll(row=r),
        )

    @strawberry.field(permission_classes=[IsAuthenticated], description="Your characters, oldest first.")
    async def dnd_characters(self, info: Info) -> list[DndCharacter]:
        async with info.context.db.reader() as session:
            rows = await characters.of_owner(session, owner_id=info.context.actor.user_id or 0)
        return [DndCharacter(row=r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated])
    async def dnd_character(self, info: Info, id: strawberry.ID) -> DndCharacter | None:
        ident = to_id(id)
        row = (
            await info.context.loaders.get(DndCharacterByIdLoader).load(ident) if ident is not None else None
        )
        return DndCharacter(row=row) if row is not None else None

    @strawberry.field(permission_classes=[IsAuthenticated], description="Sessions, newest first.")
    async def dnd_sessions(
        self, info: Info, first: int = 20, after: str | None = None, status: DndSessionStatus | None = None
    ) -> DndSessionConnection:
        query = select(SessionRow)
        if status is not None:
            query = query.where(col(SessionRow.status) == status.value)
        return await paginate(
            info.context.db,
            DndSessionConnection,
            query,
            kind="dnd_session",
            first=first,
            after=after,
            column=col(SessionRow.id),
            node=lambda r: DndSession(row=r),
        )

    @strawberry.field(
        permission_classes=[IsAuthenticated], description="The campaigns you run as DM, newest first."
    )
    async def dnd_campaigns(self, info: Info) -> list[DndCampaign]:
        async with info.context.db.reader() as session:
            rows = await campaigns.of_dm(session, dm_id=info.context.actor.user_id or 0)
        return [DndCampaign(row=r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated])
    async def dnd_session(self, info: Info, id: strawberry.ID) -> DndSession | None:
        ident = to_id(id)
        if ident is None:
            return None
        async with info.context.db.reader() as session:
            row = await session.get(SessionRow, ident)
        return DndSession(row=row) if row is not None else None
