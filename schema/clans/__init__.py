"""Clans: membership, the treasury, XP and level."""

from __future__ import annotations

from schema.clans.membership import ClansMutation, ClansQuery
from schema.clans.treasury import ClanTreasuryMutation

ROOTS = (ClansQuery, ClansMutation, ClanTreasuryMutation)
