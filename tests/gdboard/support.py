"""GraphQL documents and set-up shared by the levels board tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db.engine import Database
from tests import factories

LEVEL = "id position name creator gdId difficulty points"
ERR = "errors { code field message }"
LEVELS = f"{{ gdLevels {{ {LEVEL} }} }}"
ONE = f"query($p: Int!) {{ gdLevel(position: $p) {{ {LEVEL} }} }}"
ADD = (
    "mutation($name: String!, $creator: String!, $gd: ID!, $diff: GdDifficulty!, $pos: Int) {"
    " gdLevelAdd(input: {name: $name, creator: $creator, gdId: $gd, difficulty: $diff, position: $pos})"
    f" {{ level {{ {LEVEL} }} {ERR} }} }}"
)
MOVE = (
    "mutation($id: ID!, $pos: Int!) { gdLevelMove(input: {levelId: $id, position: $pos})"
    f" {{ level {{ {LEVEL} }} {ERR} }} }}"
)
REMOVE = f"mutation($id: ID!) {{ gdLevelRemove(input: {{levelId: $id}}) {{ level {{ {LEVEL} }} {ERR} }} }}"
SUB = "id status reason videoUrl videoHost level { name position } player { username }"
SUBMIT = (
    "mutation($pos: Int, $id: ID, $url: String!) {"
    " gdSubmissionCreate(input: {position: $pos, levelId: $id, videoUrl: $url})"
    f" {{ submission {{ {SUB} }} {ERR} }} }}"
)
REVIEW = (
    "mutation($id: ID!, $ok: Boolean!, $reason: String) {"
    " gdSubmissionReview(input: {submissionId: $id, approve: $ok, reason: $reason})"
    f" {{ submission {{ {SUB} }} {ERR} }} }}"
)
QUEUE = (
    "query($s: GdSubmissionStatus) { gdSubmissions(status: $s) { edges { node {"
    f" {SUB} }} }} pageInfo {{ hasNextPage }} }} }}"
)
MINE = f"{{ gdMySubmissions {{ edges {{ node {{ {SUB} }} }} }} gdMyStanding {{ rank points }} }}"
BOARD = "{ gdLeaderboard { rank points completions player { username } hardest { name position } } }"
NOTES = "{ notifications(first: 20) { edges { node { kind title body } } } }"
VIDEO = "https://www.youtube.com/watch?v=abc123"


@dataclass(frozen=True)
class Board:
    admin: factories.Player
    moderator: factories.Player
    players: list[factories.Player]


async def board(db: Database, secret: str, *, count: int = 2) -> Board:
    admin = await factories.admin(db, "boss", secret=secret)
    moderator = await factories.player(db, "mod", role="moderator", secret=secret)
    people = [await factories.player(db, name, secret=secret) for name in ["ann", "ben", "cid"][:count]]
    return Board(admin=admin, moderator=moderator, players=people)


async def add(gql: Any, admin: factories.Player, name: str, gd: int, **extra: Any) -> dict[str, Any]:
    sent = {"name": name, "creator": "Someone", "gd": str(gd), "diff": "EXTREME_DEMON"} | extra
    body = await gql(ADD, sent, token=admin.token)
    assert body["data"]["gdLevelAdd"]["errors"] == [], body
    return dict(body["data"]["gdLevelAdd"]["level"])


async def names(gql: Any) -> list[str]:
    return [lv["name"] for lv in (await gql(LEVELS))["data"]["gdLevels"]]


def codes(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]
