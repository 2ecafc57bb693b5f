"""Leaderboards: the top players of a board over a period, and where the viewer stands."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.accounts import UserByIdLoader
from db.pubsub import subject_channel
from resolvers import leaderboards
from resolvers.leaderboards.redis_store import RedisBoards
from resolvers.leaderboards.store import Standing
from schema.accounts import PublicUser
from schema.core.context import Info


@strawberry.enum
class LeaderboardPeriod(Enum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    ALL_TIME = "ALL_TIME"


@strawberry.type
class LeaderboardEntry:
    row: strawberry.Private[Standing]

    @strawberry.field(description="1 for the best; equal scores are ordered by user id.")
    def rank(self) -> int:
        return self.row.rank

    @strawberry.field(description="coins: COIN held (ALL_TIME) or credited within the period.")
    def score(self) -> int:
        return self.row.score

    @strawberry.field(description="Rank in the previous period; null for ALL_TIME or when not ranked then.")
    def previous_rank(self) -> int | None:
        return self.row.previous_rank

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        found = await info.context.loaders.get(UserByIdLoader).load(self.row.user_id)
        return PublicUser(id=strawberry.ID(str(found.id)), username=found.username) if found else None


@strawberry.type
class LeaderboardViewer:
    rank: int
    score: int
    previous_rank: int | None = strawberry.field(
        description="Rank in the previous period; null for ALL_TIME or when not ranked then."
    )


@strawberry.type
class Leaderboard:
    board: str
    period: LeaderboardPeriod
    period_key: str = strawberry.field(
        description="The period shown, e.g. WEEKLY:2026-11-30 (its first day)."
    )
    entries: list[LeaderboardEntry]
    viewer: LeaderboardViewer | None = strawberry.field(
        description="The signed-in player's rank and score; null when anonymous or not ranked."
    )
    around: list[LeaderboardEntry] = strawberry.field(
        description="The viewer and the two players just above and below them; empty when not ranked."
    )


async def _read(
    info: Info, board: str, period: LeaderboardPeriod, first: int, at: datetime | None = None
) -> Leaderboard:
    ctx = info.context
    mirror = ctx.services.extras.get("leaderboards")
    async with ctx.db.reader() as session:
        found = await leaderboards.leaderboard(
            session,
            board=board,
            period=period.value,
            clock=ctx.clock,
            first=first,
            viewer_id=ctx.actor.user_id,
            mirror=mirror if isinstance(mirror, RedisBoards) else None,
            at=at,
        )
    viewer = found.viewer
    return Leaderboard(
        board=found.board,
        period=period,
        period_key=found.period_key,
        entries=[LeaderboardEntry(row=e) for e in found.entries],
        viewer=LeaderboardViewer(rank=viewer.rank, score=viewer.score, previous_rank=viewer.previous_rank)
        if viewer
        else None,
        around=[LeaderboardEntry(row=e) for e in found.around],
    )


@strawberry.type
class LeaderboardsQuery:
    @strawberry.field(
        description="The top players of a board (coins, achievements, …) over the current period, "
        "or over the past period holding `at` (periods are kept; coins ALL_TIME is always what is "
        "held now); first is capped at 100."
    )
    async def leaderboard(
        self,
        info: Info,
        board: str,
        period: LeaderboardPeriod,
        first: int | None = 100,
        at: datetime | None = None,
    ) -> Leaderboard:
        return await _read(info, board, period, 100 if first is None else first, at)

    @strawberry.field(description="The boards there are: coins first, then those fed by events.")
    def leaderboard_boards(self) -> list[str]:
        return list(leaderboards.boards())


@strawberry.type
class LeaderboardsSubscription:
    @strawberry.subscription(
        description="The board again (its top 100 and your standing) whenever its scores change."
    )
    async def leaderboard_changed(
        self, info: Info, board: str, period: LeaderboardPeriod
    ) -> AsyncGenerator[Leaderboard, None]:
        leaderboards.check(board, period.value, 1)
        async with info.context.services.subscribe(subject_channel(f"leaderboard:{board}")) as messages:
            async for _ in messages:
                yield await _read(info, board, period, leaderboards.MAX_FIRST)


ROOTS = (LeaderboardsQuery, LeaderboardsSubscription)
