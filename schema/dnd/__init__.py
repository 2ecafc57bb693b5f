"""The D&D workshop: dice rolls, characters, sessions with their log, and the DM's tools."""

from __future__ import annotations

from schema.dnd.mutation import DndMutation
from schema.dnd.query import DndQuery
from schema.dnd.subscription import DndSubscription

ROOTS = (DndQuery, DndMutation, DndSubscription)
