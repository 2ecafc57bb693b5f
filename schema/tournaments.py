"""Tournaments: create (moderators), join and leave, start, report results, live brackets; admins
force a match, end or cancel a tournament; moderators bar players."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum

import strawberry
from sqlmodel import col

from dataloaders.accounts import UserByIdLoader
from dataloaders.tournaments import MatchesByTournamentLoader, PlayersByTournamentLoader
from db.models.tournaments import Tournament as TournamentRow
from db.models.tournaments import TournamentMatch as MatchRow
from db.models.tournaments import TournamentPlayer as PlayerRow
from db.pubsub import subject_channel
from resolvers import events, tournaments
from resolvers.ids import to_id
from resolvers.tournaments import common, play, registration
from schema.accounts import PublicUser
from schema.core.connections import Connection, paginate
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite, IsAdmin, IsAuthenticated, IsModerator
from schema.core.scalars import Amount

TournamentErrorCode = error_codes("Tournament", tournaments.ERRORS)


@strawberry.enum
class TournamentFormat(Enum):
    SINGLE_ELIMINATION = "SINGLE_ELIMINATION"
    DOUBLE_ELIMINATION = "DOUBLE_ELIMINATION"
    ROUND_ROBIN = "ROUND_ROBIN"


@strawberry.enum
class TournamentStatus(Enum):
    REGISTRATION = "REGISTRATION"
    RUNNING = "RUNNING"
    FINISHED = "FINISHED"
    CANCELLED = "CANCELLED"


@strawberry.enum
class TournamentMatchStatus(Enum):
    PENDING = "PENDING"
    READY = "READY"
    DISPUTED = "DISPUTED"
    DONE = "DONE"


@strawberry.enum
class TournamentBracket(Enum):
    WINNERS = "WINNERS"
    LOSERS = "LOSERS"
    FINAL = "FINAL"
    THIRD_PLACE = "THIRD_PLACE"
    LEAGUE = "LEAGUE"


@strawberry.type
class TournamentError:
    code: Enum = strawberry.field(graphql_type=TournamentErrorCode)
    field: str | None
    message: str


async def _user(info: Info, user_id: int | None) -> PublicUser | None:
    if user_id is None:
        return None
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type
class TournamentReport:
    player: PublicUser | None
    winner: PublicUser | None


@strawberry.type
class TournamentMatch:
    row: strawberry.Private[MatchRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="Where the match sits in the bracket (0 first).")
    def position(self) -> int:
        return self.row.position

    @strawberry.field
    def bracket(self) -> TournamentBracket:
        return TournamentBracket(self.row.bracket)

    @strawberry.field(description="The round within its bracket, from 1.")
    def round(self) -> int:
        return self.row.round

    @strawberry.field
    def status(self) -> TournamentMatchStatus:
        return TournamentMatchStatus(self.row.status)

    @strawberry.field(description="The players placed so far (a bye has one).")
    async def players(self, info: Info) -> list[PublicUser]:
        found = [await _user(info, p) for p in (self.row.player1_id, self.row.player2_id) if p is not None]
        return [u for u in found if u is not None]

    @strawberry.field
    async def winner(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.winner_id)

    @strawberry.field(description="The winner each player reported.")
    async def reports(self, info: Info) -> list[TournamentReport]:
        pairs = ((self.row.player1_id, self.row.report1), (self.row.player2_id, self.row.report2))
        return [
            TournamentReport(player=await _user(info, p), winner=await _user(info, w))
            for p, w in pairs
            if p is not None and w is not None
        ]

    @strawberry.field(description="PLAYERS, MODERATOR, ADMIN, FORFEIT or BYE once decided.")
    def decided_by(self) -> str | None:
        return self.row.decided_by

    @strawberry.field(description="When a ready match is forfeited if nobody decides it.")
    def deadline_at(self) -> datetime | None:
        return self.row.deadline_at if self.row.status != "DONE" else None

    @strawberry.field
    def decided_at(self) -> datetime | None:
        return self.row.decided_at


@strawberry.type
class TournamentEntry:
    row: strawberry.Private[PlayerRow]

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.user_id)

    @strawberry.field
    def seed(self) -> int | None:
        return self.row.seed

    @strawberry.field(description="The final place (1, 2, 3; everyone's in a round robin).")
    def place(self) -> int | None:
        return self.row.place

    @strawberry.field
    def prize(self) -> Amount:  # type: ignore[valid-type]
        return self.row.prize


@strawberry.type
class Tournament:
    row: strawberry.Private[TournamentRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def format(self) -> TournamentFormat:
        return TournamentFormat(self.row.format)

    @strawberry.field
    def status(self) -> TournamentStatus:
        return TournamentStatus(self.row.status)

    @strawberry.field
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field
    def entry_fee(self) -> Amount:  # type: ignore[valid-type]
        return self.row.entry_fee

    @strawberry.field(description="The admin's contribution to the prize pool.")
    def prize_bonus(self) -> Amount:  # type: ignore[valid-type]
        return self.row.prize_bonus

    @strawberry.field(description="Entry fees plus the bonus: paid 50/30/20 to the first three.")
    def prize_pool(self) -> Amount:  # type: ignore[valid-type]
        return common.pool_of(self.row)

    @strawberry.field
    def max_players(self) -> int:
        return self.row.max_players

    @strawberry.field
    def min_level(self) -> int:
        return self.row.min_level

    @strawberry.field(description="Hours a ready match has before it is forfeited.")
    def match_hours(self) -> int:
        return self.row.match_hours

    @strawberry.field
    def player_count(self) -> int:
        return self.row.player_count

    @strawberry.field
    async def organizer(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.organizer_id)

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def started_at(self) -> datetime | None:
        return self.row.started_at

    @strawberry.field
    def finished_at(self) -> datetime | None:
        return self.row.finished_at

    @strawberry.field(description="Whether the caller is registered.")
    async def joined(self, info: Info) -> bool:
        me = info.context.actor.user_id
        rows = await info.context.loaders.get(PlayersByTournamentLoader).load(int(self.row.id or 0))
        return me is not None and any(p.user_id == me for p in rows)

    @strawberry.field(description="The registered players, by seed once started.")
    async def players(self, info: Info) -> list[TournamentEntry]:
        rows = await info.context.loaders.get(PlayersByTournamentLoader).load(int(self.row.id or 0))
        return [TournamentEntry(row=r) for r in rows]

    @strawberry.field(description="The bracket's matches in order (empty until it starts).")
    async def matches(self, info: Info) -> list[TournamentMatch]:
        rows = await info.context.loaders.get(MatchesByTournamentLoader).load(int(self.row.id or 0))
        return [TournamentMatch(row=r) for r in rows]


@strawberry.type
class TournamentConnection(Connection[Tournament]):
    pass


@strawberry.input
class TournamentCreateInput:
    name: str
    format: TournamentFormat
    entry_fee: Amount  # type: ignore[valid-type]
    max_players: int
    min_level: int = 0
    match_hours: int = 24
    prize_bonus: Amount = 0  # type: ignore[valid-type]
    currency: str = "COIN"


@strawberry.input
class TournamentRefInput:
    tournament_id: strawberry.ID


@strawberry.input
class TournamentJoinInput:
    tournament_id: strawberry.ID
    idempotency_key: str | None = None


@strawberry.input
class TournamentReportInput:
    match_id: strawberry.ID
    winner_id: strawberry.ID


@strawberry.input
class TournamentForceInput:
    match_id: strawberry.ID
    winner_id: strawberry.ID | None = None


@strawberry.input
class TournamentBanInput:
    user_id: strawberry.ID
    banned: bool = True
    reason: str | None = None


@strawberry.type
class TournamentPayload:
    tournament: Tournament | None = None
    errors: list[TournamentError] = strawberry.field(default_factory=list)


@strawberry.type
class TournamentMatchPayload:
    match: TournamentMatch | None = None
    tournament: Tournament | None = None
    errors: list[TournamentError] = strawberry.field(default_factory=list)


@strawberry.type
class TournamentBanPayload:
    banned: bool | None = None
    errors: list[TournamentError] = strawberry.field(default_factory=list)


def _match_payload(done: tuple[MatchRow, TournamentRow]) -> TournamentMatchPayload:
    return TournamentMatchPayload(match=TournamentMatch(row=done[0]), tournament=Tournament(row=done[1]))


@strawberry.type
class TournamentsQuery:
    @strawberry.field(description="One tournament with its players and bracket.")
    async def tournament(self, info: Info, id: strawberry.ID) -> Tournament | None:
        ident = to_id(id)
        if ident is None:
            return None
        async with info.context.db.reader() as session:
            row = await session.get(TournamentRow, ident)
        return Tournament(row=row) if row is not None else None

    @strawberry.field(description="Tournaments, newest first; only those of one status when given.")
    async def tournaments(
        self, info: Info, first: int = 20, after: str | None = None, status: TournamentStatus | None = None
    ) -> TournamentConnection:
        query = common.listing(status.value if status is not None else None)
        return await paginate(
            info.context.db,
            TournamentConnection,
            query,
            kind="tournament",
            first=first,
            after=after,
            column=col(TournamentRow.id),
            node=lambda r: Tournament(row=r),
        )


@strawberry.type
class TournamentsMutation:
    @strawberry.mutation(
        permission_classes=[IsModerator],
        description="Create a tournament (moderators and admins; only an admin adds a prize bonus).",
    )
    async def tournament_create(self, info: Info, input: TournamentCreateInput) -> TournamentPayload:
        ctx = info.context
        return await mutate(
            info,
            TournamentPayload,
            lambda s: registration.create(
                s,
                actor_id=ctx.actor.user_id or 0,
                is_admin=ctx.actor.has_role("admin"),
                name=input.name,
                format=input.format.value,
                entry_fee=input.entry_fee,
                max_players=input.max_players,
                min_level=input.min_level,
                match_hours=input.match_hours,
                prize_bonus=input.prize_bonus,
                currency=input.currency,
                clock=ctx.clock,
            ),
            lambda row: TournamentPayload(tournament=Tournament(row=row)),
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Register; the entry fee goes to escrow.")
    async def tournament_join(self, info: Info, input: TournamentJoinInput) -> TournamentPayload:
        ctx = info.context
        return await mutate(
            info,
            TournamentPayload,
            lambda s: registration.join(
                s,
                actor_id=ctx.actor.user_id or 0,
                tournament_id=input.tournament_id,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            lambda row: TournamentPayload(tournament=Tournament(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Withdraw during registration (refunded)."
    )
    async def tournament_leave(self, info: Info, input: TournamentRefInput) -> TournamentPayload:
        ctx = info.context
        return await mutate(
            info,
            TournamentPayload,
            lambda s: registration.leave(
                s, actor_id=ctx.actor.user_id or 0, tournament_id=input.tournament_id, clock=ctx.clock
            ),
            lambda row: TournamentPayload(tournament=Tournament(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsModerator], description="Close registration, seed, lay out the bracket."
    )
    async def tournament_start(self, info: Info, input: TournamentRefInput) -> TournamentPayload:
        ctx = info.context
        return await mutate(
            info,
            TournamentPayload,
            lambda s: play.start(
                s, actor_id=ctx.actor.user_id or 0, tournament_id=input.tournament_id, clock=ctx.clock
            ),
            lambda row: TournamentPayload(tournament=Tournament(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Report a match's winner: both players agreeing decide it; a moderator decides at once.",
    )
    async def tournament_report_result(
        self, info: Info, input: TournamentReportInput
    ) -> TournamentMatchPayload:
        ctx = info.context
        return await mutate(
            info,
            TournamentMatchPayload,
            lambda s: play.report(
                s,
                actor_id=ctx.actor.user_id or 0,
                is_moderator=ctx.actor.has_role("moderator"),
                match_id=input.match_id,
                winner_id=input.winner_id,
                clock=ctx.clock,
            ),
            _match_payload,
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Decide a match now: the winner given, else the one report made, else the better seed.",
    )
    async def tournament_force_advance(
        self, info: Info, input: TournamentForceInput
    ) -> TournamentMatchPayload:
        ctx = info.context
        return await mutate(
            info,
            TournamentMatchPayload,
            lambda s: play.force_advance(
                s,
                actor_id=ctx.actor.user_id or 0,
                match_id=input.match_id,
                winner_id=input.winner_id,
                clock=ctx.clock,
            ),
            _match_payload,
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="End a running tournament now: open matches forced, prizes paid.",
    )
    async def tournament_end(self, info: Info, input: TournamentRefInput) -> TournamentPayload:
        ctx = info.context
        return await mutate(
            info,
            TournamentPayload,
            lambda s: play.end(
                s, actor_id=ctx.actor.user_id or 0, tournament_id=input.tournament_id, clock=ctx.clock
            ),
            lambda row: TournamentPayload(tournament=Tournament(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Call a tournament off: every fee refunded."
    )
    async def tournament_cancel(self, info: Info, input: TournamentRefInput) -> TournamentPayload:
        ctx = info.context
        return await mutate(
            info,
            TournamentPayload,
            lambda s: registration.cancel(
                s, actor_id=ctx.actor.user_id or 0, tournament_id=input.tournament_id, clock=ctx.clock
            ),
            lambda row: TournamentPayload(tournament=Tournament(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsModerator], description="Bar a player from joining tournaments, or lift it."
    )
    async def tournament_ban(self, info: Info, input: TournamentBanInput) -> TournamentBanPayload:
        ctx = info.context
        return await mutate(
            info,
            TournamentBanPayload,
            lambda s: registration.ban(
                s,
                actor_id=ctx.actor.user_id or 0,
                user_id=input.user_id,
                banned=input.banned,
                reason=input.reason,
                clock=ctx.clock,
            ),
            lambda banned: TournamentBanPayload(banned=banned),
        )


@strawberry.type
class TournamentsSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="The tournament each time it changes: a player joins, a result, the end.",
    )
    async def tournament_changed(self, info: Info, id: strawberry.ID) -> AsyncGenerator[Tournament, None]:
        ident = to_id(id)
        if ident is None:
            return
        async with info.context.services.subscribe(subject_channel(common.subject(ident))) as messages:
            async for message in messages:
                if not events.concerns(message.get("kind"), "tournament"):
                    continue
                async with info.context.db.reader() as session:
                    row = await session.get(TournamentRow, ident)
                if row is not None:
                    info.context.loaders.get(MatchesByTournamentLoader).clear_all()
                    info.context.loaders.get(PlayersByTournamentLoader).clear_all()
                    yield Tournament(row=row)


ROOTS = (TournamentsQuery, TournamentsMutation, TournamentsSubscription)
