"""What the session engine asks of a game: set up its state, play a move, end a turn that ran out."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Protocol

from db.models.games import GamePlayer, GameSession

Rng = random.Random


@dataclass(frozen=True, kw_only=True)
class Result:
    """A played move: what it was, its points, and what follows (the mover out, the game over)."""

    text: str | None
    points: int = 0
    detail: dict[str, Any] = field(default_factory=dict)
    out: bool = False
    finish: bool = False
    winner_id: int | None = None


class Rules(Protocol):
    game: str
    modes: tuple[str, ...]
    min_players: int
    strikes: int

    def setup(self, table: GameSession, players: list[GamePlayer], rng: Rng) -> None: ...

    async def play(
        self, table: GameSession, player: GamePlayer, players: list[GamePlayer], move: str, rng: Rng
    ) -> Result: ...

    def timeout(self, table: GameSession, player: GamePlayer, players: list[GamePlayer]) -> Result: ...
