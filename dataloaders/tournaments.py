from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from dataloaders.base import DatabaseLoader
from db.models.tournaments import TournamentMatch, TournamentPlayer


class MatchesByTournamentLoader(DatabaseLoader[int, list[TournamentMatch]]):
    """Every match of each tournament, in bracket order."""

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[TournamentMatch]]:
        query = (
            select(TournamentMatch)
            .where(col(TournamentMatch.tournament_id).in_(list(keys)))
            .order_by(col(TournamentMatch.position))
        )
        found: dict[int, list[TournamentMatch]] = {k: [] for k in keys}
        for row in (await session.execute(query)).scalars().all():
            found[row.tournament_id].append(row)
        return found

    def missing(self) -> list[TournamentMatch]:
        return []


class PlayersByTournamentLoader(DatabaseLoader[int, list[TournamentPlayer]]):
    """Every registered player of each tournament, by seed (then by who joined first)."""

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[TournamentPlayer]]:
        query = select(TournamentPlayer).where(col(TournamentPlayer.tournament_id).in_(list(keys)))
        found: dict[int, list[TournamentPlayer]] = {k: [] for k in keys}
        for row in (await session.execute(query)).scalars().all():
            found[row.tournament_id].append(row)
        for rows in found.values():
            rows.sort(key=lambda p: (p.seed or 0, p.joined_at, p.user_id))
        return found

    def missing(self) -> list[TournamentPlayer]:
        return []
