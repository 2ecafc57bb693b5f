"""The D&D session types: the session, its encounter and turn order, and the campaign."""

from __future__ import annotations

from datetime import datetime

import strawberry
from sqlalchemy import select
from sqlmodel import col

from dataloaders.dnd import (
    DndActiveEncounterBySessionLoader,
    DndCampaignByIdLoader,
    DndParticipantsBySessionLoader,
    DndSessionsByCampaignLoader,
)
from db.models.dnd import DndCampaign as CampaignRow
from db.models.dnd import DndEncounter as EncounterRow
from db.models.dnd import DndLogEntry as LogRow
from db.models.dnd import DndSession as SessionRow
from resolvers.dnd import sessions
from schema.accounts import PublicUser
from schema.core.connections import Connection, paginate
from schema.core.context import Info
from schema.dnd.enums import DndSessionStatus
from schema.dnd.types import DndLogConnection, DndLogEntry, DndNote, DndParticipant, public_user


@strawberry.type(description="One place in an encounter's turn order.")
class DndInitiative:
    participant_id: strawberry.ID
    name: str
    roll: int = strawberry.field(description="The d20.")
    bonus: int = strawberry.field(description="The DEX modifier (0 for an NPC).")
    initiative: int


@strawberry.type
class DndEncounter:
    row: strawberry.Private[EncounterRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def active(self) -> bool:
        return self.row.status == "active"

    @strawberry.field
    def round(self) -> int:
        return self.row.round

    @strawberry.field(description="The index in order of whose turn it is.")
    def turn(self) -> int:
        return self.row.turn

    @strawberry.field(description="Highest initiative first.")
    def order(self) -> list[DndInitiative]:
        return [
            DndInitiative(
                participant_id=strawberry.ID(str(o["participant_id"])),
                name=o["name"],
                roll=o["roll"],
                bonus=o["bonus"],
                initiative=o["initiative"],
            )
            for o in self.row.order
        ]


@strawberry.type
class DndSession:
    row: strawberry.Private[SessionRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def status(self) -> DndSessionStatus:
        return DndSessionStatus(self.row.status)

    @strawberry.field
    async def dm(self, info: Info) -> PublicUser | None:
        return await public_user(info, self.row.dm_id)

    @strawberry.field(description="Whether the viewer is this session's DM.")
    def is_dm(self, info: Info) -> bool:
        return info.context.actor.user_id == self.row.dm_id

    @strawberry.field
    async def participants(self, info: Info) -> list[DndParticipant]:
        rows = await info.context.loaders.get(DndParticipantsBySessionLoader).load(int(self.row.id or 0))
        return [DndParticipant(row=r) for r in rows]

    @strawberry.field(description="The campaign the session belongs to, if any.")
    async def campaign(self, info: Info) -> DndCampaign | None:
        if self.row.campaign_id is None:
            return None
        row = await info.context.loaders.get(DndCampaignByIdLoader).load(self.row.campaign_id)
        return DndCampaign(row=row) if row is not None else None

    @strawberry.field(description="The encounter under way, if any.")
    async def encounter(self, info: Info) -> DndEncounter | None:
        row = await info.context.loaders.get(DndActiveEncounterBySessionLoader).load(int(self.row.id or 0))
        return DndEncounter(row=row) if row is not None else None

    @strawberry.field(description="The session's log, newest first.")
    async def log(self, info: Info, first: int = 30, after: str | None = None) -> DndLogConnection:
        query = select(LogRow).where(col(LogRow.session_id) == self.row.id)
        return await paginate(
            info.context.db,
            DndLogConnection,
            query,
            kind="dnd_log",
            first=first,
            after=after,
            column=col(LogRow.id),
            node=lambda r: DndLogEntry(row=r),
        )

    @strawberry.field(description="The DM's private notes, newest first; null for anyone but the DM.")
    async def notes(self, info: Info) -> list[DndNote] | None:
        async with info.context.db.reader() as session:
            rows = await sessions.notes(
                session, actor_id=info.context.actor.user_id or 0, session_id=int(self.row.id or 0)
            )
        return [DndNote(row=r) for r in rows] if rows is not None else None

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def ended_at(self) -> datetime | None:
        return self.row.ended_at


@strawberry.type
class DndSessionConnection(Connection[DndSession]):
    pass


@strawberry.type
class DndCampaign:
    row: strawberry.Private[CampaignRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def description(self) -> str | None:
        return self.row.description

    @strawberry.field
    async def dm(self, info: Info) -> PublicUser | None:
        return await public_user(info, self.row.dm_id)

    @strawberry.field(description="The campaign's sessions, oldest first.")
    async def sessions(self, info: Info) -> list[DndSession]:
        rows = await info.context.loaders.get(DndSessionsByCampaignLoader).load(int(self.row.id or 0))
        return [DndSession(row=r) for r in rows]

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at
