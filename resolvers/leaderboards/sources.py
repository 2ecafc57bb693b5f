"""Boards fed by domain events: each names the event kinds it counts and the points an event gives.

A board is declared next to nothing else: ``@board("games", "game.finished")`` on a function from an
event to ``(user_id, points)`` pairs. Payloads are read, never trusted beyond their type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from db.models import Event

Points = Callable[[Event], Iterable[tuple[int, int]]]


@dataclass(frozen=True)
class EventBoard:
    name: str
    kinds: frozenset[str]
    points: Points


EVENT_BOARDS: dict[str, EventBoard] = {}


def board(name: str, *kinds: str) -> Callable[[Points], Points]:
    def register(points: Points) -> Points:
        EVENT_BOARDS[name] = EventBoard(name, frozenset(kinds), points)
        return points

    return register


def boards_for(kind: str) -> list[EventBoard]:
    return [b for b in EVENT_BOARDS.values() if kind in b.kinds]


TIER_POINTS = {"bronze": 10, "silver": 25, "gold": 50}


@board("achievements", "achievement.unlocked")
def _achievements(event: Event) -> Iterable[tuple[int, int]]:
    """An unlocked tier is worth 10 (bronze), 25 (silver) or 50 (gold); a tierless one 10."""
    tier = event.payload.get("tier") if isinstance(event.payload, dict) else None
    if event.actor_id is None:
        return []
    return [(event.actor_id, TIER_POINTS.get(tier if isinstance(tier, str) else "", 10))]


def _game_board(game: str) -> None:
    @board(game.lower(), "game.rewarded")
    def _wins(event: Event) -> Iterable[tuple[int, int]]:
        """A won game (paid from the games faucet) is a point on that game's board."""
        data = event.payload if isinstance(event.payload, dict) else {}
        return [(event.actor_id, 1)] if event.actor_id is not None and data.get("game") == game else []


for _game in ("CITIES", "KILLER_WORDS", "GD_LEVELS"):
    _game_board(_game)

PLACE_POINTS = (3, 2, 1)


@board("tournaments", "tournament.finished")
def _tournaments(event: Event) -> Iterable[tuple[int, int]]:
    """A finished tournament's first three get 3, 2 and 1 points."""
    places = event.payload.get("places") if isinstance(event.payload, dict) else None
    if not isinstance(places, list):
        return []
    return [(int(u), p) for u, p in zip(places, PLACE_POINTS, strict=False) if isinstance(u, int)]
