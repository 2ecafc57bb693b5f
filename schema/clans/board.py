"""The clan leaderboard: clans ranked by XP, all-time or gained within a period (past periods by a
moment within them), and live whenever clan XP changes."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime

import strawberry

from db.pubsub import subject_channel
from resolvers.clans import board, membership
from resolvers.clans.board import ClanStanding
from schema.clans.types import Clan
from schema.core.connections import check_first
from schema.core.context import Info
from schema.core.permissions import IsAuthenticated
from schema.leaderboards import LeaderboardPeriod

PREVIOUS = "Rank in the previous period; null for ALL_TIME or when not ranked then."


@strawberry.type
class ClanLeaderboardEntry:
    row: strawberry.Private[ClanStanding]

    @strawberry.field(description="1 for the best; equal scores are ordered by clan id.")
    def rank(self) -> int:
        return self.row.rank

    @strawberry.field(description="The clan's XP (ALL_TIME) or the XP it gained within the period.")
    def score(self) -> int:
        return self.row.score

    @strawberry.field(description=PREVIOUS)
    def previous_rank(self) -> int | None:
        return self.row.previous_rank

    @strawberry.field
    def clan(self) -> Clan:
        return Clan(row=self.row.clan)


@strawberry.type
class ClanLeaderboard:
    period: LeaderboardPeriod
    period_key: str = strawberry.field(description="The period shown, e.g. WEEKLY:2026-11-30.")
    entries: list[ClanLeaderboardEntry]
    viewer: ClanLeaderboardEntry | None = strawberry.field(
        description="Where the viewer's clan stands; null when not in a clan or it has no score."
    )


async def _read(info: Info, period: LeaderboardPeriod, first: int, at: datetime | None) -> ClanLeaderboard:
    ctx = info.context
    async with ctx.db.reader() as session:
        me = await membership.membership(session, ctx.actor.user_id or 0)
        found = await board.top(
            session,
            period=period.value,
            first=first,
            clock=ctx.clock,
            clan_id=me.clan_id if me is not None else None,
            at=at,
        )
    return ClanLeaderboard(
        period=period,
        period_key=found.period_key,
        entries=[ClanLeaderboardEntry(row=e) for e in found.entries],
        viewer=ClanLeaderboardEntry(row=found.viewer) if found.viewer is not None else None,
    )


@strawberry.type
class ClanBoardQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Clans ranked by XP: all of it (ALL_TIME) or gained in the period (days from "
        "00:00 UTC, weeks from Monday); a past period by a moment `at` within it (kept; a period not "
        "begun yet is refused with FUTURE_PERIOD).",
    )
    async def clan_leaderboard(
        self, info: Info, period: LeaderboardPeriod, first: int | None = 20, at: datetime | None = None
    ) -> ClanLeaderboard:
        return await _read(info, period, check_first(first if first is not None else 20), at)


@strawberry.type
class ClanBoardSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="The clan board of the current period again (its top 100 and your clan's "
        "standing) whenever clan XP changes.",
    )
    async def clan_leaderboard_changed(
        self, info: Info, period: LeaderboardPeriod
    ) -> AsyncGenerator[ClanLeaderboard, None]:
        async with info.context.services.subscribe(subject_channel(board.SUBJECT)) as messages:
            async for _ in messages:
                yield await _read(info, period, board.MAX_FIRST, None)
