from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import Select
from strawberry.dataloader import DataLoader

from db.engine import Database

K = TypeVar("K")
V = TypeVar("V")


async def by_keys(session: Any, one: Select[Any], many: Select[Any], keys: Sequence[Any]) -> Sequence[Any]:
    """Rows for ``keys`` through statements built once at import (SQLAlchemy memoises a statement's
    cache key, so a reused one skips construction and key generation, the largest part of a short
    query's CPU): ``one`` binds ``key`` (the common single-key batch, no IN-list expansion),
    ``many`` the expanding ``keys``."""
    if len(keys) == 1:
        result = await session.execute(one, {"key": keys[0]})
    else:
        result = await session.execute(many, {"keys": list(keys)})
    return result.scalars().all()


class DatabaseLoader(DataLoader[K, V], ABC, Generic[K, V]):
    """A batch loader reading through its own short read session; ``fetch`` maps keys to values."""

    def __init__(self, db: Database) -> None:
        self.db = db
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[K]) -> list[V]:
        async with self.db.reader() as session:
            found = await self.fetch(session, keys)
        return [found.get(key, self.missing()) for key in keys]

    def missing(self) -> V:
        return None  # type: ignore[return-value]

    @abstractmethod
    async def fetch(self, session: Any, keys: Sequence[K]) -> dict[K, V]: ...
