from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from dataloaders.base import DatabaseLoader
from db.models.clans import ClanMember


class ClanMembersByClanIdLoader(DatabaseLoader[int, list[ClanMember]]):
    """A clan's members, the longest-standing first: one query for every clan a request shows."""

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[ClanMember]]:
        query = (
            select(ClanMember)
            .where(col(ClanMember.clan_id).in_(list(keys)))
            .order_by(col(ClanMember.joined_at), col(ClanMember.user_id))
        )
        out: dict[int, list[ClanMember]] = {key: [] for key in keys}
        for row in (await session.execute(query)).scalars().all():
            out[row.clan_id].append(row)
        return out

    def missing(self) -> list[ClanMember]:
        return []
