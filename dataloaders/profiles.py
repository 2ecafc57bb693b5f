from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dataloaders.base import DatabaseLoader
from db.models.profiles import FeedReaction
from resolvers.profiles import feed


class ReactionsByItemLoader(DatabaseLoader[int, list[FeedReaction]]):
    def missing(self) -> list[FeedReaction]:
        return []

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[FeedReaction]]:
        return await feed.reactions(session, list(keys))
