"""Per-request batch loaders, named ``<Thing>By<Key>Loader``; a request gets fresh ones.

A domain's loader is a ``DatabaseLoader`` subclass in ``dataloaders/<domain>.py``; fields ask the
request's ``Loaders`` for it by class (``info.context.loaders.get(ItemByIdLoader)``), and it is
made on first use. Nothing is registered anywhere.
"""

from __future__ import annotations

from typing import Any, TypeVar

from db.engine import Database

L = TypeVar("L")


class Loaders:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._made: dict[type[Any], Any] = {}

    def get(self, kind: type[L]) -> L:
        found = self._made.get(kind)
        if found is None:
            found = self._made[kind] = kind(self._db)  # type: ignore[call-arg]
        return found


def create_loaders(db: Database) -> Loaders:
    return Loaders(db)
