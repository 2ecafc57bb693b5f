"""Reading imported history: a player's own records, or anyone's for an admin; never written here."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.imports import ImportedHistory

SYSTEM = "bankbot"
MAX_PAGE = 1000


async def of_user(
    session: AsyncSession, *, user_id: int | None, first: int = 50, after_id: int | None = None
) -> list[ImportedHistory]:
    """Newest first; ``user_id=None`` lists every user's records (for admins)."""
    query = (
        select(ImportedHistory).order_by(col(ImportedHistory.id).desc()).limit(max(1, min(first, MAX_PAGE)))
    )
    if user_id is not None:
        query = query.where(col(ImportedHistory.user_id) == user_id)
    if after_id is not None:
        query = query.where(col(ImportedHistory.id) < after_id)
    return list((await session.execute(query)).scalars())
