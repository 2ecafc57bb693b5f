"""Ingestion: game-bot messages credited as COIN (player, moderator and admin fields)."""

from __future__ import annotations

from strawberry.tools import merge_types

from schema.ingestion.admin import IngestionAdminMutation, IngestionAdminQuery
from schema.ingestion.moderation import IngestionModerationMutation, IngestionModerationQuery
from schema.ingestion.player import IngestionPlayerMutation, IngestionPlayerQuery

IngestionQuery = merge_types(
    "IngestionQuery", (IngestionPlayerQuery, IngestionModerationQuery, IngestionAdminQuery)
)
IngestionMutation = merge_types(
    "IngestionMutation", (IngestionPlayerMutation, IngestionModerationMutation, IngestionAdminMutation)
)

__all__ = ["IngestionMutation", "IngestionQuery"]


ROOTS = (IngestionQuery, IngestionMutation)
