"""GraphQL documents and helpers shared by the game tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.models import Account, ConfigValue
from db.models.games import GameSession
from resolvers import ledger
from tests import factories

SESSION = (
    "id status game mode turn { username } turnNo tries: triesLeft lastCity nextLetter usedCities"
    " pattern word theme wrongLetters misses maxMisses levels reward winner { username }"
    " players { user { username } status score lives difficulty attempts }"
)
CREATE = (
    "mutation($game: GameKind!, $mode: String, $chat: String) {"
    " gameCreate(input: {game: $game, mode: $mode, chatId: $chat}) {"
    f" session {{ {SESSION} }} errors {{ code field message }} }} }}"
)
JOIN = (
    "mutation($id: ID!) { gameJoin(input: {sessionId: $id}) {"
    f" session {{ {SESSION} }} errors {{ code field message }} }} }}"
)
START = (
    "mutation($id: ID!) { gameStart(input: {sessionId: $id}) {"
    f" session {{ {SESSION} }} errors {{ code field message }} }} }}"
)
MOVE = (
    "mutation($id: ID!, $move: String!) { gameMove(input: {sessionId: $id, move: $move}) {"
    f" session {{ {SESSION} }} errors {{ code field message }} }} }}"
)
LEAVE = (
    "mutation($id: ID!) { gameLeave(input: {sessionId: $id}) {"
    f" session {{ {SESSION} }} errors {{ code field message }} }} }}"
)
FORFEIT = (
    "mutation($id: ID!) { gameForfeit(input: {sessionId: $id}) {"
    f" session {{ {SESSION} }} errors {{ code field message }} }} }}"
)
ONE = f"query($id: ID!) {{ game(id: $id) {{ {SESSION} moves(last: 50) {{ kind text points detail user {{ username }} }} }} }}"
STATS = "{ myGameStats { game played won points best } myGame { id } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code field message } } }"
SUPPLY = "{ adminEconomySupply { asset minted balanced } }"


def codes(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


async def balance(db: Database, who: factories.Player) -> int:
    return await factories.balance(db, who)


async def faucet_balance(db: Database) -> int:
    async with db.reader() as session:
        return (await ledger.system_balances(session)).get((ledger.DEFAULT_CURRENCY, "games"), 0)


async def set_config(db: Database, key: str, value: Any) -> None:
    async with db.transaction() as session:
        await session.merge(ConfigValue(key=key, value=value))


async def state_of(db: Database, session_id: str) -> dict[str, Any]:
    async with db.reader() as session:
        row = await session.get(GameSession, int(session_id))
        assert row is not None
        return dict(row.state)


async def accounts(db: Database) -> int:
    async with db.reader() as session:
        return len((await session.execute(select(col(Account.id)))).all())


class Table:
    """A game between players, driven through GraphQL."""

    def __init__(self, gql: Any, players: list[factories.Player]) -> None:
        self.gql = gql
        self.players = players
        self.id = ""

    async def open(
        self, game: str = "CITIES", mode: str | None = None, chat: str | None = None
    ) -> dict[str, Any]:
        host, *others = self.players
        made = await self.gql(CREATE, {"game": game, "mode": mode, "chat": chat}, token=host.token)
        assert made["data"]["gameCreate"]["errors"] == [], made
        self.id = made["data"]["gameCreate"]["session"]["id"]
        for other in others:
            joined = await self.gql(JOIN, {"id": self.id}, token=other.token)
            assert joined["data"]["gameJoin"]["errors"] == [], joined
        started = await self.gql(START, {"id": self.id}, token=host.token)
        assert started["data"]["gameStart"]["errors"] == [], started
        return dict(started["data"]["gameStart"]["session"])

    async def move(self, who: factories.Player, move: str) -> dict[str, Any]:
        body = await self.gql(MOVE, {"id": self.id, "move": move}, token=who.token)
        return dict(body["data"]["gameMove"])

    async def ok(self, who: factories.Player, move: str) -> dict[str, Any]:
        played = await self.move(who, move)
        assert played["errors"] == [], played
        return dict(played["session"])

    async def view(self, token: str | None) -> dict[str, Any]:
        return dict((await self.gql(ONE, {"id": self.id}, token=token))["data"]["game"])
