"""GraphQL documents and set-up shared by the tournament tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from db.engine import Database
from resolvers import ledger
from resolvers.accounts import tokens
from resolvers.clock import Clock
from resolvers.tournaments import common
from tests import factories

MATCH = "id position bracket round status decidedBy deadlineAt players { id } winner { id }"
FIELDS = (
    "id name status format entryFee prizeBonus prizePool playerCount maxPlayers"
    f" players {{ user {{ id }} seed place prize }} matches {{ {MATCH} }}"
)
ERR = "errors { code field message }"
CREATE = (
    "mutation($name: String!, $format: TournamentFormat!, $fee: Amount!, $max: Int!, $bonus: Amount,"
    " $level: Int) { tournamentCreate(input: {name: $name, format: $format, entryFee: $fee, maxPlayers: $max,"
    f" prizeBonus: $bonus, minLevel: $level}}) {{ tournament {{ {FIELDS} }} {ERR} }} }}"
)
JOIN = (
    "mutation($id: ID!, $key: String) { tournamentJoin(input: {tournamentId: $id, idempotencyKey: $key}) {"
    f" tournament {{ id status playerCount joined }} {ERR} }} }}"
)
LEAVE = f"mutation($id: ID!) {{ tournamentLeave(input: {{tournamentId: $id}}) {{ tournament {{ id playerCount }} {ERR} }} }}"
START = f"mutation($id: ID!) {{ tournamentStart(input: {{tournamentId: $id}}) {{ tournament {{ {FIELDS} }} {ERR} }} }}"
CANCEL = f"mutation($id: ID!) {{ tournamentCancel(input: {{tournamentId: $id}}) {{ tournament {{ {FIELDS} }} {ERR} }} }}"
END = f"mutation($id: ID!) {{ tournamentEnd(input: {{tournamentId: $id}}) {{ tournament {{ {FIELDS} }} {ERR} }} }}"
REPORT = (
    "mutation($m: ID!, $w: ID!) { tournamentReportResult(input: {matchId: $m, winnerId: $w}) {"
    f" match {{ {MATCH} }} tournament {{ id status }} {ERR} }} }}"
)
FORCE = (
    "mutation($m: ID!, $w: ID) { tournamentForceAdvance(input: {matchId: $m, winnerId: $w}) {"
    f" match {{ {MATCH} }} tournament {{ id status }} {ERR} }} }}"
)
BAN = f'mutation($u: ID!) {{ tournamentBan(input: {{userId: $u, reason: "cheating"}}) {{ banned {ERR} }} }}'
ONE = f"query($id: ID!) {{ tournament(id: $id) {{ {FIELDS} }} }}"
LIST = (
    "query($status: TournamentStatus) { tournaments(status: $status) { edges { node { id status name } } } }"
)
NOTES = "{ notifications(first: 20) { edges { node { kind title body } } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code field message } } }"
SUPPLY = "{ adminEconomySupply { asset balanced escrow minted } }"


@dataclass(frozen=True)
class Arena:
    admin: factories.Player
    moderator: factories.Player
    players: list[factories.Player]

    def by_id(self, user_id: str | int) -> factories.Player:
        return next(p for p in [self.admin, self.moderator, *self.players] if p.id == int(user_id))


NAMES = ["ann", "ben", "cid", "dan", "eve", "fay", "gus", "hal", "ida", "jon"]


async def arena(
    db: Database, secret: str, *, count: int, coins: int = 100, clock: Clock = factories.CLOCK
) -> Arena:
    admin = await factories.admin(db, "boss", secret=secret, clock=clock)
    moderator = await factories.player(db, "mod", role="moderator", secret=secret, by=admin, clock=clock)
    people = [
        await factories.player(db, name, coins=coins, secret=secret, by=admin, clock=clock)
        for name in NAMES[:count]
    ]
    return Arena(admin=admin, moderator=moderator, players=people)


def token(player: factories.Player, secret: str, clock: Clock) -> str:
    return tokens.issue_access_token(secret=secret, user_id=player.id, now=clock.now(), minutes=15)


async def created(gql: Any, who: factories.Player, **variables: Any) -> dict[str, Any]:
    sent = {"name": "Cup", "format": "SINGLE_ELIMINATION", "fee": "10", "max": 8} | variables
    body = await gql(CREATE, sent, token=who.token)
    assert body["data"]["tournamentCreate"]["errors"] == [], body
    return dict(body["data"]["tournamentCreate"]["tournament"])


async def joined_all(gql: Any, tournament_id: str, players: list[factories.Player]) -> None:
    for p in players:
        body = await gql(JOIN, {"id": tournament_id}, token=p.token)
        assert body["data"]["tournamentJoin"]["errors"] == [], body


async def one(gql: Any, tournament_id: str) -> dict[str, Any]:
    return dict((await gql(ONE, {"id": tournament_id}))["data"]["tournament"])


Pick = Callable[[dict[str, Any], dict[str, int]], str]


def better_seed(match: dict[str, Any], seeds: dict[str, int]) -> str:
    return str(min((p["id"] for p in match["players"]), key=lambda i: seeds[i]))


async def play_out(gql: Any, m: Arena, tournament_id: str, pick: Pick = better_seed) -> dict[str, Any]:
    """Both players of every ready match report ``pick``'s winner until the tournament is over."""
    for _ in range(200):
        t = await one(gql, tournament_id)
        if t["status"] != "RUNNING":
            return t
        seeds = {e["user"]["id"]: e["seed"] for e in t["players"]}
        ready = [x for x in t["matches"] if x["status"] == "READY"]
        assert ready, t
        for match in ready:
            winner = pick(match, seeds)
            for p in match["players"]:
                body = await gql(REPORT, {"m": match["id"], "w": winner}, token=m.by_id(p["id"]).token)
                assert body["data"]["tournamentReportResult"]["errors"] == [], body
    raise AssertionError("the tournament did not end")


async def escrow_balance(db: Database, tournament_id: int, asset: str = "COIN") -> int:
    async with db.reader() as session:
        balances = await ledger.system_balances(session)
    return balances.get((asset, common.escrow(tournament_id)[1]), 0)


async def faucet_balance(db: Database, asset: str = "COIN") -> int:
    async with db.reader() as session:
        return (await ledger.system_balances(session)).get((asset, common.FAUCET), 0)


def codes(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]
