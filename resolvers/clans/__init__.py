"""Clans: membership (create, join, requests, leave, kick, roles), the treasury, XP and levels."""
