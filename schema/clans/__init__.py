"""Clans: membership, the treasury, XP and level."""

from __future__ import annotations

from schema.clans.membership import ClansMutation, ClansQuery

ROOTS = (ClansQuery, ClansMutation)
