"""The clan leaderboard: clans ranked by XP, all-time or gained within a period."""

from __future__ import annotations

import strawberry

from resolvers.clans import board, membership
from resolvers.clans.board import ClanStanding
from resolvers.leaderboards import periods
from schema.clans.types import Clan
from schema.core.connections import check_first
from schema.core.context import Info
from schema.core.permissions import IsAuthenticated
from schema.leaderboards import LeaderboardPeriod


@strawberry.type
class ClanLeaderboardEntry:
    row: strawberry.Private[ClanStanding]

    @strawberry.field(description="1 for the best; equal scores are ordered by clan id.")
    def rank(self) -> int:
        return self.row.rank

    @strawberry.field(description="The clan's XP (ALL_TIME) or the XP it gained within the period.")
    def score(self) -> int:
        return self.row.score

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


@strawberry.type
class ClanBoardQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Clans ranked by XP: all of it (ALL_TIME) or gained in the period (weeks from Monday).",
    )
    async def clan_leaderboard(
        self, info: Info, period: LeaderboardPeriod, first: int | None = 20
    ) -> ClanLeaderboard:
        limit = check_first(first if first is not None else 20)
        ctx = info.context
        async with ctx.db.reader() as session:
            me = await membership.membership(session, ctx.actor.user_id or 0)
            entries, mine = await board.top(
                session,
                period=period.value,
                first=limit,
                clock=ctx.clock,
                clan_id=me.clan_id if me is not None else None,
            )
        return ClanLeaderboard(
            period=period,
            period_key=periods.key(period.value, ctx.clock.now()),
            entries=[ClanLeaderboardEntry(row=e) for e in entries],
            viewer=ClanLeaderboardEntry(row=mine) if mine is not None else None,
        )
