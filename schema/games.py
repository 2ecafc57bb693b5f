"""Mini-games: sessions of Cities, Killer Words and GD Levels (create, join, start, move, leave,
forfeit), a session's live events, the open games and a player's statistics."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from dataloaders.accounts import UserByIdLoader
from dataloaders.games import GamePlayersBySessionLoader
from db.models.games import GameMove as MoveRow
from db.models.games import GamePlayer as PlayerRow
from db.models.games import GameSession as SessionRow
from db.models.games import GameStat as StatRow
from db.pubsub import subject_channel
from resolvers import events
from resolvers.errors import DomainError
from resolvers.games import cities, gd
from resolvers.games.killer import pattern
from resolvers.games.sessions import common, lobby, queries, turns
from resolvers.ids import to_id
from schema.accounts import PublicUser
from schema.core.connections import Connection, check_first, decode_cursor, page
from schema.core.context import Info
from schema.core.errors import error_codes, to_error
from schema.core.mutations import in_transaction, mutate
from schema.core.permissions import CanWrite, IsAuthenticated
from schema.core.scalars import JSON

GameErrorCode = error_codes("Game", lobby.ERRORS, turns.ERRORS)


@strawberry.enum
class GameKind(Enum):
    CITIES = "CITIES"
    KILLER_WORDS = "KILLER_WORDS"
    GD_LEVELS = "GD_LEVELS"


@strawberry.enum
class GameStatus(Enum):
    LOBBY = "LOBBY"
    RUNNING = "RUNNING"
    FINISHED = "FINISHED"
    CANCELLED = "CANCELLED"


@strawberry.type
class GameError:
    code: Enum = strawberry.field(graphql_type=GameErrorCode)
    field: str | None
    message: str


async def _user(info: Info, user_id: int | None) -> PublicUser | None:
    if user_id is None:
        return None
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type
class GamePlayer:
    row: strawberry.Private[PlayerRow]

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.user_id)

    @strawberry.field
    def seat(self) -> int:
        return self.row.seat

    @strawberry.field(description="ACTIVE, OUT (lost) or LEFT (forfeited).")
    def status(self) -> str:
        return self.row.status

    @strawberry.field
    def score(self) -> int:
        return self.row.score

    @strawberry.field(description="Lives left (Cities, deadly Killer Words).")
    def lives(self) -> int:
        return self.row.lives

    @strawberry.field(description="GD Levels: the difficulty the player is at.")
    def difficulty(self) -> str | None:
        level = self.row.data.get("level")
        return gd.LADDER[int(level)].key if isinstance(level, int) else None

    @strawberry.field(description="GD Levels: attempts made.")
    def attempts(self) -> int:
        return int(self.row.data.get("attempts", 0))


@strawberry.type
class GameMove:
    row: strawberry.Private[MoveRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.user_id)

    @strawberry.field(description="create, join, leave, start, move, lost_turn, forfeit or end.")
    def kind(self) -> str:
        return self.row.kind

    @strawberry.field(description="The city, the letter or word guessed, or null.")
    def text(self) -> str | None:
        return self.row.text

    @strawberry.field
    def points(self) -> int:
        return self.row.points

    @strawberry.field(description="What the game says about the move (next letter, pattern, deaths, …).")
    def detail(self) -> JSON:  # type: ignore[valid-type]
        return self.row.detail

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type
class GameSession:
    row: strawberry.Private[SessionRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def game(self) -> GameKind:
        return GameKind(self.row.game)

    @strawberry.field(description="classic; Killer Words also deadly and english.")
    def mode(self) -> str:
        return self.row.mode

    @strawberry.field
    def status(self) -> GameStatus:
        return GameStatus(self.row.status)

    @strawberry.field
    async def host(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.host_id)

    @strawberry.field
    async def players(self, info: Info) -> list[GamePlayer]:
        rows = await info.context.loaders.get(GamePlayersBySessionLoader).load(int(self.row.id or 0))
        return [GamePlayer(row=r) for r in rows]

    @strawberry.field(description="Whose turn it is, while the game runs.")
    async def turn(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.turn_user_id)

    @strawberry.field
    def turn_no(self) -> int:
        return self.row.turn_no

    @strawberry.field
    def turn_ends_at(self) -> datetime | None:
        return self.row.turn_ends_at

    @strawberry.field(description="Refused answers left in this turn (Cities), while the game runs.")
    async def tries_left(self, info: Info) -> int | None:
        rules = common.rules_of(self.row)
        if self.row.status != common.RUNNING or rules.strikes > 100:
            return None
        async with info.context.db.reader() as session:
            return rules.strikes - await turns.tries_of(session, self.row)

    @strawberry.field
    async def winner(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.winner_id)

    @strawberry.field(description="Coins paid to the winner.")
    def reward(self) -> int | None:
        return self.row.reward

    @strawberry.field(description="Cities: the last city named.")
    def last_city(self) -> str | None:
        value = self.row.state.get("last")
        return str(value) if self.row.game == "CITIES" and value else None

    @strawberry.field(description="Cities: the letter the next city starts with.")
    def next_letter(self) -> str | None:
        last = self.row.state.get("last") if self.row.game == "CITIES" else None
        return cities.last_letter(str(last)) if last else None

    @strawberry.field(description="Cities: the cities named so far.")
    def used_cities(self) -> list[str]:
        return [str(c) for c in self.row.state.get("used", [])] if self.row.game == "CITIES" else []

    @strawberry.field(description="Killer Words: the word with unopened letters as _.")
    def pattern(self) -> str | None:
        word = self.row.state.get("word")
        return pattern(str(word), list(self.row.state.get("guessed", []))) if word else None

    @strawberry.field(description="Killer Words: the word, once the game is over.")
    def word(self) -> str | None:
        word = self.row.state.get("word")
        return str(word) if word and self.row.status == common.FINISHED else None

    @strawberry.field(description="Killer Words (deadly): the theme of the word.")
    def theme(self) -> str | None:
        theme = self.row.state.get("theme")
        return str(theme) if theme else None

    @strawberry.field(description="Killer Words: letters tried that are not in the word.")
    def wrong_letters(self) -> list[str]:
        return [str(c) for c in self.row.state.get("wrong", [])]

    @strawberry.field(description="Killer Words: misses so far and the misses that end the game.")
    def misses(self) -> int:
        return int(self.row.state.get("misses", 0))

    @strawberry.field
    def max_misses(self) -> int | None:
        value = self.row.state.get("max_misses")
        return int(value) if value is not None and self.row.mode != "deadly" else None

    @strawberry.field(description="GD Levels: the level of each difficulty in this game.")
    def levels(self) -> list[str]:
        return [str(x) for x in self.row.state.get("levels", [])] if self.row.game == "GD_LEVELS" else []

    @strawberry.field(description="The last moves, oldest first.")
    async def moves(self, info: Info, last: int = 30) -> list[GameMove]:
        async with info.context.db.reader() as session:
            rows = await queries.recent_moves(session, int(self.row.id or 0), max(1, min(last, 100)))
        return [GameMove(row=r) for r in rows]

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def started_at(self) -> datetime | None:
        return self.row.started_at

    @strawberry.field
    def finished_at(self) -> datetime | None:
        return self.row.finished_at


@strawberry.type
class GameSessionConnection(Connection[GameSession]):
    pass


@strawberry.type
class GameStats:
    row: strawberry.Private[StatRow]

    @strawberry.field
    def game(self) -> GameKind:
        return GameKind(self.row.game)

    @strawberry.field
    def played(self) -> int:
        return self.row.played

    @strawberry.field
    def won(self) -> int:
        return self.row.won

    @strawberry.field
    def points(self) -> int:
        return int(self.row.points)

    @strawberry.field
    def best(self) -> int:
        return self.row.best


@strawberry.type
class GameEvent:
    kind: str
    session: GameSession
    move: GameMove | None


@strawberry.input
class GameCreateInput:
    game: GameKind
    mode: str | None = None
    chat_id: str | None = strawberry.field(default=None, description="The Telegram group it is played in.")


@strawberry.input
class GameSessionInput:
    session_id: strawberry.ID


@strawberry.input
class GameMoveInput:
    session_id: strawberry.ID
    move: str


@strawberry.type
class GameSessionPayload:
    session: GameSession | None = None
    errors: list[GameError] = strawberry.field(default_factory=list)


@strawberry.type
class GameMovePayload:
    session: GameSession | None = None
    errors: list[GameError] = strawberry.field(default_factory=list)


async def _read(info: Info, session_id: Any) -> SessionRow | None:
    ident = to_id(session_id)
    if ident is None:
        return None
    async with info.context.db.reader() as session:
        return await session.get(SessionRow, ident)


@strawberry.type
class GamesQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="One game session.")
    async def game(self, info: Info, id: strawberry.ID) -> GameSession | None:
        row = await _read(info, id)
        return GameSession(row=row) if row is not None else None

    @strawberry.field(permission_classes=[IsAuthenticated], description="The game you are in, if any.")
    async def my_game(self, info: Info) -> GameSession | None:
        async with info.context.db.reader() as session:
            row = await queries.current_of(session, info.context.actor.user_id or 0)
        return GameSession(row=row) if row is not None else None

    @strawberry.field(permission_classes=[IsAuthenticated], description="The game a Telegram chat plays now.")
    async def game_in_chat(self, info: Info, chat_id: str) -> GameSession | None:
        async with info.context.db.reader() as session:
            row = await queries.in_chat(session, chat_id)
        return GameSession(row=row) if row is not None else None

    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Open and running games, newest first."
    )
    async def games(self, info: Info, first: int = 20, after: str | None = None) -> GameSessionConnection:
        limit = check_first(first)
        before = decode_cursor("game", after)
        async with info.context.db.reader() as session:
            rows = await queries.lobbies(session, after=before, limit=limit)
        return page(GameSessionConnection, rows, kind="game", limit=limit, node=lambda r: GameSession(row=r))

    @strawberry.field(permission_classes=[IsAuthenticated], description="Your results per game.")
    async def my_game_stats(self, info: Info) -> list[GameStats]:
        async with info.context.db.reader() as session:
            rows = await queries.stats_of(session, info.context.actor.user_id or 0)
        return [GameStats(row=r) for r in rows]


def _session_payload(row: SessionRow) -> GameSessionPayload:
    return GameSessionPayload(session=GameSession(row=row))


@strawberry.type
class GamesMutation:
    @strawberry.mutation(permission_classes=[CanWrite], description="Open a game's lobby (you join it).")
    async def game_create(self, info: Info, input: GameCreateInput) -> GameSessionPayload:
        ctx = info.context
        return await mutate(
            info,
            GameSessionPayload,
            lambda s: lobby.create(
                s,
                actor_id=ctx.actor.user_id or 0,
                game=input.game.value,
                mode=input.mode,
                chat_id=input.chat_id,
                clock=ctx.clock,
            ),
            _session_payload,
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Join a game's lobby.")
    async def game_join(self, info: Info, input: GameSessionInput) -> GameSessionPayload:
        ctx = info.context
        return await mutate(
            info,
            GameSessionPayload,
            lambda s: lobby.join(
                s, actor_id=ctx.actor.user_id or 0, session_id=input.session_id, clock=ctx.clock
            ),
            _session_payload,
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="The host starts the game.")
    async def game_start(self, info: Info, input: GameSessionInput) -> GameSessionPayload:
        ctx = info.context
        return await mutate(
            info,
            GameSessionPayload,
            lambda s: lobby.start(
                s, actor_id=ctx.actor.user_id or 0, session_id=input.session_id, clock=ctx.clock
            ),
            _session_payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Play your turn: a city, a letter or word, or «play». A refused city counts as a try.",
    )
    async def game_move(self, info: Info, input: GameMoveInput) -> GameMovePayload:
        ctx = info.context
        actor = ctx.actor.user_id or 0
        before = await _read(info, input.session_id)
        try:
            row = await in_transaction(
                ctx,
                lambda s: turns.move(
                    s, actor_id=actor, session_id=input.session_id, move=input.move, clock=ctx.clock
                ),
            )
        except DomainError as exc:
            if exc.code in common.REFUSALS and before is not None:
                turn_no = before.turn_no
                await in_transaction(
                    ctx,
                    lambda s: turns.strike(
                        s, actor_id=actor, session_id=before.id, turn_no=turn_no, clock=ctx.clock
                    ),
                )
            now = await _read(info, input.session_id)
            return GameMovePayload(
                session=GameSession(row=now) if now is not None else None, errors=[to_error(GameError, exc)]
            )
        return GameMovePayload(session=GameSession(row=row))

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Leave a lobby (the host closes it), or forfeit a running game.",
    )
    async def game_leave(self, info: Info, input: GameSessionInput) -> GameSessionPayload:
        ctx = info.context
        return await mutate(
            info,
            GameSessionPayload,
            lambda s: lobby.leave(
                s, actor_id=ctx.actor.user_id or 0, session_id=input.session_id, clock=ctx.clock
            ),
            _session_payload,
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Give up a running game.")
    async def game_forfeit(self, info: Info, input: GameSessionInput) -> GameSessionPayload:
        ctx = info.context
        return await mutate(
            info,
            GameSessionPayload,
            lambda s: lobby.forfeit(
                s, actor_id=ctx.actor.user_id or 0, session_id=input.session_id, clock=ctx.clock
            ),
            _session_payload,
        )


@strawberry.type
class GamesSubscription:
    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="Every change of a game, live: joins, the start, each move, lost turns, the end.",
    )
    async def game_events(self, info: Info, session_id: strawberry.ID) -> AsyncGenerator[GameEvent, None]:
        ident = to_id(session_id)
        if ident is None:
            return
        async with info.context.services.subscribe(subject_channel(common.subject(ident))) as messages:
            async for message in messages:
                kind = message.get("kind")
                if not events.concerns(kind, "game"):
                    continue
                payload = message.get("payload", {})
                async with info.context.db.reader() as session:
                    row = await session.get(SessionRow, ident, populate_existing=True)
                    move = await session.get(MoveRow, int(payload.get("move_id") or 0))
                if row is not None:
                    yield GameEvent(
                        kind=str(kind),
                        session=GameSession(row=row),
                        move=GameMove(row=move) if move is not None else None,
                    )


ROOTS = (GamesQuery, GamesMutation, GamesSubscription)
