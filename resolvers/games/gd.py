"""GD Levels: each player climbs the difficulties from Easy to Extreme Demon, one attempt a turn.

An attempt (the move ``play``) at the player's current difficulty succeeds with that difficulty's
chance; it takes some seconds and some deaths. A cleared level scores the difficulty's points plus
a time bonus (under par) less a death penalty, at least 1, and the player moves up; a failed
attempt costs the deaths (at most 5 points); a lost turn counts as a failed attempt. The game ends
when a player clears an Extreme Demon (they win) or everyone used their attempts (the best score
wins; fewer deaths, then the earlier seat, break a tie).
"""

from __future__ import annotations

from dataclasses import dataclass

from db.models.games import GamePlayer, GameSession
from resolvers.errors import DomainError, ErrorCodes
from resolvers.games.rules import Result, Rng

ERRORS = ErrorCodes("games_gd", "INVALID_MOVE")


@dataclass(frozen=True)
class Difficulty:
    key: str
    points: int
    chance: float
    levels: tuple[str, ...]

    @property
    def par(self) -> int:
        return 40 + 20 * self.points


LADDER = (
    Difficulty("easy", 1, 0.9, ("Stereo Madness", "Back on Track")),
    Difficulty("normal", 2, 0.8, ("Polargeist", "Dry Out")),
    Difficulty("hard", 3, 0.7, ("Base After Base", "Can't Let Go")),
    Difficulty("harder", 4, 0.6, ("Jumper", "Time Machine")),
    Difficulty("insane", 5, 0.5, ("Cycles", "xStep", "Clutterfunk")),
    Difficulty("easy_demon", 6, 0.4, ("The Nightmare", "Demon Park")),
    Difficulty("medium_demon", 7, 0.32, ("Clubstep", "Theory of Everything 2")),
    Difficulty("hard_demon", 8, 0.25, ("Deadlocked", "Nine Circles")),
    Difficulty("insane_demon", 9, 0.18, ("Cataclysm", "Yatagarasu")),
    Difficulty("extreme_demon", 10, 0.12, ("Bloodbath", "Sonic Wave", "Tartarus")),
)
ATTEMPTS = 8
PLAY = frozenset(("play", "играть", "go", "попытка", "attempt"))
MAX_FAIL_PENALTY = 5


def score_clear(tier: Difficulty, seconds: int, deaths: int) -> int:
    bonus = max(0, tier.par - seconds) // 10
    return max(1, 10 * tier.points + bonus - 2 * deaths)


def fail_penalty(deaths: int) -> int:
    return -min(MAX_FAIL_PENALTY, max(1, deaths))


def ranking(players: list[GamePlayer]) -> list[GamePlayer]:
    return sorted(players, key=lambda p: (-p.score, int(p.data.get("deaths", 0)), p.seat))


class GdLevels:
    game = "GD_LEVELS"
    modes: tuple[str, ...] = ("classic",)
    min_players = 1
    strikes = 1_000_000

    def setup(self, table: GameSession, players: list[GamePlayer], rng: Rng) -> None:
        table.state = {"attempts": ATTEMPTS, "levels": [rng.choice(d.levels) for d in LADDER]}
        for player in players:
            player.data = {"level": 0, "attempts": 0, "deaths": 0, "cleared": []}

    async def play(
        self, table: GameSession, player: GamePlayer, players: list[GamePlayer], move: str, rng: Rng
    ) -> Result:
        if move.strip().lower().lstrip("/") not in PLAY:
            raise DomainError("INVALID_MOVE", "Send «play» to attempt your level.", "move")
        data = dict(player.data)
        tier = LADDER[int(data["level"])]
        level = str(table.state["levels"][int(data["level"])])
        cleared = rng.random() < tier.chance
        deaths = rng.randint(0, 2 * tier.points) if cleared else rng.randint(1, 3 * tier.points)
        seconds = rng.randint(30, tier.par + 60)
        points = score_clear(tier, seconds, deaths) if cleared else fail_penalty(deaths)
        detail = {
            "level": level,
            "difficulty": tier.key,
            "cleared": cleared,
            "deaths": deaths,
            "seconds": seconds,
        }
        return self._attempt(table, player, players, data, points, deaths, cleared, detail)

    def _attempt(
        self,
        table: GameSession,
        player: GamePlayer,
        players: list[GamePlayer],
        data: dict[str, object],
        points: int,
        deaths: int,
        cleared: bool,
        detail: dict[str, object],
    ) -> Result:
        level = int(str(data["level"]))
        data["attempts"] = int(str(data["attempts"])) + 1
        data["deaths"] = int(str(data["deaths"])) + deaths
        if cleared:
            data["cleared"] = [*list(data["cleared"]), LADDER[level].key]  # type: ignore[call-overload]
            data["level"] = min(level + 1, len(LADDER) - 1)
        player.data = data
        player.score += points
        if cleared and level == len(LADDER) - 1:
            return Result(text="play", points=points, detail=detail, finish=True, winner_id=player.user_id)
        limit = int(table.state.get("attempts", ATTEMPTS))
        if all(int(p.data.get("attempts", 0)) >= limit for p in players if p.status == "ACTIVE"):
            best = ranking([p for p in players if p.status == "ACTIVE"])
            return Result(text="play", points=points, detail=detail, finish=True, winner_id=best[0].user_id)
        return Result(text="play", points=points, detail=detail)

    def timeout(self, table: GameSession, player: GamePlayer, players: list[GamePlayer]) -> Result:
        deaths = 2
        data = dict(player.data)
        detail: dict[str, object] = {"difficulty": LADDER[int(data["level"])].key, "cleared": False}
        result = self._attempt(table, player, players, data, fail_penalty(deaths), deaths, False, detail)
        return Result(
            text=None,
            points=result.points,
            detail=result.detail,
            finish=result.finish,
            winner_id=result.winner_id,
        )
