"""Campaigns: a DM groups sessions under a campaign with a description of the story so far."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.dnd import DndCampaign
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("dnd_campaigns", "INVALID_NAME", "INVALID_TEXT")
MAX_DESCRIPTION = 2000


async def create(
    session: AsyncSession, *, actor_id: int, name: str, description: str | None, clock: Clock
) -> DndCampaign:
    label = " ".join((name or "").split())
    if not 1 <= len(label) <= 80:
        raise DomainError("INVALID_NAME", "A campaign's name is 1 to 80 characters.", "name")
    text = (description or "").strip() or None
    if text is not None and len(text) > MAX_DESCRIPTION:
        raise DomainError(
            "INVALID_TEXT", f"A description is at most {MAX_DESCRIPTION} characters.", "description"
        )
    campaign = DndCampaign(dm_id=actor_id, name=label, description=text, created_at=clock.now())
    session.add(campaign)
    await session.flush()
    return campaign


async def of_dm(session: AsyncSession, *, dm_id: int) -> list[DndCampaign]:
    query = select(DndCampaign).where(col(DndCampaign.dm_id) == dm_id).order_by(col(DndCampaign.id).desc())
    return list((await session.execute(query)).scalars().all())
