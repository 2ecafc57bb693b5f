from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import col

from dataloaders.base import DatabaseLoader, by_keys
from db.models.dnd import DndCampaign, DndCharacter, DndEncounter, DndParticipant, DndSession

_CHARACTER = select(DndCharacter).where(col(DndCharacter.id) == bindparam("key"))
_CHARACTERS = select(DndCharacter).where(col(DndCharacter.id).in_(bindparam("keys", expanding=True)))


class DndCharacterByIdLoader(DatabaseLoader[int, DndCharacter | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, DndCharacter | None]:
        rows = await by_keys(session, _CHARACTER, _CHARACTERS, keys)
        return {int(c.id): c for c in rows}


class DndParticipantsBySessionLoader(DatabaseLoader[int, list[DndParticipant]]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[DndParticipant]]:
        query = select(DndParticipant).where(col(DndParticipant.session_id).in_(list(keys)))
        out: dict[int, list[DndParticipant]] = {key: [] for key in keys}
        for row in (await session.execute(query.order_by(col(DndParticipant.id)))).scalars().all():
            out[row.session_id].append(row)
        return out

    def missing(self) -> list[DndParticipant]:
        return []


class DndActiveEncounterBySessionLoader(DatabaseLoader[int, DndEncounter | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, DndEncounter | None]:
        query = select(DndEncounter).where(
            col(DndEncounter.session_id).in_(list(keys)), col(DndEncounter.status) == "active"
        )
        return {row.session_id: row for row in (await session.execute(query)).scalars().all()}


class DndCampaignByIdLoader(DatabaseLoader[int, DndCampaign | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, DndCampaign | None]:
        query = select(DndCampaign).where(col(DndCampaign.id).in_(list(keys)))
        return {int(row.id or 0): row for row in (await session.execute(query)).scalars().all()}


class DndSessionsByCampaignLoader(DatabaseLoader[int, list[DndSession]]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[DndSession]]:
        query = (
            select(DndSession).where(col(DndSession.campaign_id).in_(list(keys))).order_by(col(DndSession.id))
        )
        out: dict[int, list[DndSession]] = {key: [] for key in keys}
        for row in (await session.execute(query)).scalars().all():
            out[int(row.campaign_id or 0)].append(row)
        return out

    def missing(self) -> list[DndSession]:
        return []
