"""Clans: membership, the treasury, XP and level, goals and the clan leaderboard."""

from __future__ import annotations

from schema.clans.board import ClanBoardQuery, ClanBoardSubscription
from schema.clans.goals import ClanGoalsMutation, ClanGoalsQuery
from schema.clans.membership import ClansMutation, ClansQuery
from schema.clans.treasury import ClanTreasuryMutation

ROOTS = (
    ClansQuery,
    ClansMutation,
    ClanTreasuryMutation,
    ClanGoalsQuery,
    ClanGoalsMutation,
    ClanBoardQuery,
    ClanBoardSubscription,
)
