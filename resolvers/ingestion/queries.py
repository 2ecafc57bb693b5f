"""Reads for the lists: a player's ingestions, the review queues, the shadow's disagreements.

Each takes a keyset cursor (``after``, an id) and returns up to ``limit + 1`` rows so the caller
can tell whether another page follows.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import IngestedMessage, IngestionCredit, NicknameClaim, ParserDisagreement
from resolvers.ingestion.nicknames import PENDING
from resolvers.ingestion.submit import PENDING_REVIEW


async def mine(
    session: AsyncSession, *, user_id: int, after: int | None, limit: int
) -> list[tuple[IngestedMessage, int]]:
    """Messages the player submitted or was credited for, newest first, with their COIN from each."""
    credited = select(col(IngestionCredit.ingestion_id)).where(col(IngestionCredit.user_id) == user_id)
    query = select(IngestedMessage).where(
        or_(col(IngestedMessage.submitter_id) == user_id, col(IngestedMessage.id).in_(credited))
    )
    if after is not None:
        query = query.where(col(IngestedMessage.id) < after)
    rows = list(
        (await session.execute(query.order_by(col(IngestedMessage.id).desc()).limit(limit + 1))).scalars()
    )
    ids = [int(r.id or 0) for r in rows]
    amounts: dict[int, int] = {}
    if ids:
        found = await session.execute(
            select(col(IngestionCredit.ingestion_id), col(IngestionCredit.amount)).where(
                col(IngestionCredit.user_id) == user_id,
                col(IngestionCredit.ingestion_id).in_(ids),
            )
        )
        amounts = {int(i): int(a) for i, a in found.all()}
    return [(r, amounts.get(int(r.id or 0), 0)) for r in rows]


async def review_queue(session: AsyncSession, *, after: int | None, limit: int) -> list[IngestedMessage]:
    """Pending messages, oldest first."""
    query = select(IngestedMessage).where(col(IngestedMessage.status) == PENDING_REVIEW)
    if after is not None:
        query = query.where(col(IngestedMessage.id) > after)
    return list((await session.execute(query.order_by(col(IngestedMessage.id)).limit(limit + 1))).scalars())


async def nickname_claims(session: AsyncSession, *, after: int | None, limit: int) -> list[NicknameClaim]:
    query = select(NicknameClaim).where(col(NicknameClaim.status) == PENDING)
    if after is not None:
        query = query.where(col(NicknameClaim.id) > after)
    return list((await session.execute(query.order_by(col(NicknameClaim.id)).limit(limit + 1))).scalars())


async def disagreements(session: AsyncSession, *, after: int | None, limit: int) -> list[ParserDisagreement]:
    """Newest first."""
    query = select(ParserDisagreement)
    if after is not None:
        query = query.where(col(ParserDisagreement.id) < after)
    return list(
        (await session.execute(query.order_by(col(ParserDisagreement.id).desc()).limit(limit + 1))).scalars()
    )
