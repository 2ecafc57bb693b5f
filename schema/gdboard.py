"""The Geometry Dash levels board: ranked levels, completion submissions, the moderators' queue and
the board's leaderboard."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.accounts import UserByIdLoader
from dataloaders.gdboard import GdLevelByIdLoader
from db.models.gdboard import GdLevel as GdLevelRow
from db.models.gdboard import GdSubmission as GdSubmissionRow
from resolvers import gdboard
from schema.accounts import PublicUser
from schema.core.connections import Connection, check_first, decode_cursor, page
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAdmin, IsAuthenticated, IsModerator

GdErrorCode = error_codes("Gd", gdboard.ERRORS)


@strawberry.enum
class GdDifficulty(Enum):
    EASY_DEMON = "EASY_DEMON"
    MEDIUM_DEMON = "MEDIUM_DEMON"
    HARD_DEMON = "HARD_DEMON"
    INSANE_DEMON = "INSANE_DEMON"
    EXTREME_DEMON = "EXTREME_DEMON"


@strawberry.enum
class GdSubmissionStatus(Enum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@strawberry.type
class GdError:
    code: Enum = strawberry.field(graphql_type=GdErrorCode)
    field: str | None
    message: str


@strawberry.type
class GdLevel:
    row: strawberry.Private[GdLevelRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="1 is the hardest; null once the level was removed from the board.")
    def position(self) -> int | None:
        return self.row.position

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def creator(self) -> str:
        return self.row.creator

    @strawberry.field(description="The level's id in Geometry Dash.")
    def gd_id(self) -> str:
        return str(self.row.gd_id)

    @strawberry.field
    def difficulty(self) -> GdDifficulty:
        return GdDifficulty(self.row.difficulty)

    @strawberry.field(description="What a completion is worth at the level's current position.")
    def points(self) -> int:
        return gdboard.points(self.row.position)


def _level(row: GdLevelRow | None) -> GdLevel | None:
    return GdLevel(row=row) if row is not None else None


async def _user(info: Info, user_id: int) -> PublicUser | None:
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type
class GdSubmission:
    row: strawberry.Private[GdSubmissionRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    async def level(self, info: Info) -> GdLevel | None:
        return _level(await info.context.loaders.get(GdLevelByIdLoader).load(self.row.level_id))

    @strawberry.field
    async def player(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.user_id)

    @strawberry.field
    def video_url(self) -> str:
        return self.row.video_url

    @strawberry.field(description="The known video site of the link (youtube.com, twitch.tv, …), if any.")
    def video_host(self) -> str | None:
        return gdboard.video_host(self.row.video_url)

    @strawberry.field
    def status(self) -> GdSubmissionStatus:
        return GdSubmissionStatus(self.row.status)

    @strawberry.field(description="Why a moderator rejected it.")
    def reason(self) -> str | None:
        return self.row.reason

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def reviewed_at(self) -> datetime | None:
        return self.row.reviewed_at


@strawberry.type
class GdSubmissionConnection(Connection[GdSubmission]):
    pass


@strawberry.type
class GdStanding:
    row: strawberry.Private[gdboard.Standing]

    @strawberry.field
    def rank(self) -> int:
        return self.row.rank

    @strawberry.field
    async def player(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.user_id)

    @strawberry.field
    def points(self) -> int:
        return self.row.points

    @strawberry.field
    def completions(self) -> int:
        return self.row.completions

    @strawberry.field(description="The highest-placed level the player completed.")
    def hardest(self) -> GdLevel | None:
        return _level(self.row.hardest)


@strawberry.input
class GdLevelAddInput:
    name: str
    creator: str
    gd_id: strawberry.ID
    difficulty: GdDifficulty
    position: int | None = strawberry.UNSET


@strawberry.input
class GdLevelMoveInput:
    level_id: strawberry.ID
    position: int


@strawberry.input
class GdLevelRemoveInput:
    level_id: strawberry.ID


@strawberry.input
class GdSubmissionCreateInput:
    video_url: str
    level_id: strawberry.ID | None = None
    position: int | None = None


@strawberry.input
class GdSubmissionReviewInput:
    submission_id: strawberry.ID
    approve: bool
    reason: str | None = None


@strawberry.type
class GdLevelPayload:
    level: GdLevel | None = None
    errors: list[GdError] = strawberry.field(default_factory=list)


@strawberry.type
class GdSubmissionPayload:
    submission: GdSubmission | None = None
    errors: list[GdError] = strawberry.field(default_factory=list)


@strawberry.type
class GdBoardQuery:
    @strawberry.field(description="The board's levels, hardest (#1) first.")
    async def gd_levels(self, info: Info) -> list[GdLevel]:
        async with info.context.db.reader() as session:
            return [GdLevel(row=r) for r in await gdboard.listed(session)]

    @strawberry.field(description="The level at a position of the board.")
    async def gd_level(self, info: Info, position: int) -> GdLevel | None:
        async with info.context.db.reader() as session:
            return _level(await gdboard.by_position(session, position))

    @strawberry.field(description="Players by points over their approved completions.")
    async def gd_leaderboard(self, info: Info, first: int = 50) -> list[GdStanding]:
        limit = check_first(first)
        async with info.context.db.reader() as session:
            rows = await gdboard.standings(session)
        return [GdStanding(row=r) for r in rows[:limit]]

    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Your points, rank and hardest level, if any."
    )
    async def gd_my_standing(self, info: Info) -> GdStanding | None:
        uid = info.context.actor.user_id or 0
        async with info.context.db.reader() as session:
            rows = await gdboard.standings(session)
        return next((GdStanding(row=r) for r in rows if r.user_id == uid), None)

    @strawberry.field(permission_classes=[IsAuthenticated], description="Your submissions, newest first.")
    async def gd_my_submissions(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> GdSubmissionConnection:
        return await _submissions(info, None, info.context.actor.user_id or 0, first, after)

    @strawberry.field(
        permission_classes=[IsModerator],
        description="The moderators' queue (or past decisions), newest first.",
    )
    async def gd_submissions(
        self,
        info: Info,
        status: GdSubmissionStatus = GdSubmissionStatus.PENDING,
        first: int = 20,
        after: str | None = None,
    ) -> GdSubmissionConnection:
        return await _submissions(info, status.value, None, first, after)


async def _submissions(
    info: Info, status: str | None, user_id: int | None, first: int, after: str | None
) -> GdSubmissionConnection:
    limit = check_first(first)
    before = decode_cursor("gd_submission", after)
    async with info.context.db.reader() as session:
        rows = await gdboard.submissions(session, status=status, user_id=user_id, after=before, limit=limit)
    return page(
        GdSubmissionConnection, rows, kind="gd_submission", limit=limit, node=lambda r: GdSubmission(row=r)
    )


@strawberry.type
class GdBoardMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Put a level on the board (default: last)."
    )
    async def gd_level_add(self, info: Info, input: GdLevelAddInput) -> GdLevelPayload:
        ctx = info.context
        return await mutate(
            info,
            GdLevelPayload,
            lambda s: gdboard.add(
                s,
                actor_id=ctx.actor.user_id or 0,
                name=input.name,
                creator=input.creator,
                gd_id=input.gd_id,
                difficulty=input.difficulty.value,
                position=input.position or None,
                clock=ctx.clock,
            ),
            lambda row: GdLevelPayload(level=GdLevel(row=row)),
        )

    @strawberry.mutation(permission_classes=[IsAdmin], description="Move a level; the others shift.")
    async def gd_level_move(self, info: Info, input: GdLevelMoveInput) -> GdLevelPayload:
        ctx = info.context
        return await mutate(
            info,
            GdLevelPayload,
            lambda s: gdboard.move(
                s,
                actor_id=ctx.actor.user_id or 0,
                level_id=input.level_id,
                position=input.position,
                clock=ctx.clock,
            ),
            lambda row: GdLevelPayload(level=GdLevel(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Take a level off the board; the rest close up."
    )
    async def gd_level_remove(self, info: Info, input: GdLevelRemoveInput) -> GdLevelPayload:
        ctx = info.context
        return await mutate(
            info,
            GdLevelPayload,
            lambda s: gdboard.remove(
                s, actor_id=ctx.actor.user_id or 0, level_id=input.level_id, clock=ctx.clock
            ),
            lambda row: GdLevelPayload(level=GdLevel(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Submit a completion (by level or position) with a video link.",
    )
    async def gd_submission_create(self, info: Info, input: GdSubmissionCreateInput) -> GdSubmissionPayload:
        ctx = info.context
        return await mutate(
            info,
            GdSubmissionPayload,
            lambda s: gdboard.submit(
                s,
                actor_id=ctx.actor.user_id or 0,
                level_id=input.level_id,
                position=input.position,
                video_url=input.video_url,
                clock=ctx.clock,
            ),
            lambda row: GdSubmissionPayload(submission=GdSubmission(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsModerator],
        description="Approve or reject (with a reason) a pending submission.",
    )
    async def gd_submission_review(self, info: Info, input: GdSubmissionReviewInput) -> GdSubmissionPayload:
        ctx = info.context
        return await mutate(
            info,
            GdSubmissionPayload,
            lambda s: gdboard.review(
                s,
                actor_id=ctx.actor.user_id or 0,
                submission_id=input.submission_id,
                approve=input.approve,
                reason=input.reason,
                clock=ctx.clock,
            ),
            lambda done: GdSubmissionPayload(submission=GdSubmission(row=done.submission)),
        )


ROOTS = (GdBoardQuery, GdBoardMutation)
