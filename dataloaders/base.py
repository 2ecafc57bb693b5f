from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from strawberry.dataloader import DataLoader

from db.engine import Database

K = TypeVar("K")
V = TypeVar("V")


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
