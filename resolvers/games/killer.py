"""Killer Words: players guess the hidden word's letters in turn. A letter in the word scores one
point per place it opens; a wrong letter costs a point and one of the shared misses (7 in
``classic`` and ``english``: then the killer wins and nobody does). Naming the whole word wins when
right and costs two points and a miss when wrong. Whoever opens the last letter wins.

``deadly`` is the community's variant: the word comes from a named deadly theme (poisons, weapons,
predators, disasters, diseases), and each player has three lives instead of the shared misses: a
wrong guess or a lost turn costs a life, a player without lives is out, the last one in wins.
"""

from __future__ import annotations

from db.models.games import GamePlayer, GameSession
from resolvers.errors import DomainError, ErrorCodes
from resolvers.games import words
from resolvers.games.rules import Result, Rng

ERRORS = ErrorCodes("games_killer", "ALREADY_GUESSED", "INVALID_GUESS")

MAX_MISSES = 7
LIVES = 3
WIN_BONUS = 5
ALPHABETS = {"ru": set("абвгдежзийклмнопрстуфхцчшщъыьэюя"), "en": set("abcdefghijklmnopqrstuvwxyz")}


def clean(text: str) -> str:
    return "".join(text.strip().lower().replace("ё", "е").split())


def pattern(word: str, guessed: list[str]) -> str:
    return " ".join(c if c in guessed else "_" for c in word)


def pick(mode: str, rng: Rng) -> tuple[str, str | None, str]:
    """The word, its theme (deadly only) and its language."""
    if mode == "deadly":
        theme = rng.choice(sorted(words.DEADLY))
        return clean(rng.choice(words.DEADLY[theme])), theme, "ru"
    if mode == "english":
        return clean(rng.choice(words.EN)), None, "en"
    return clean(rng.choice(words.RU)), None, "ru"


class KillerWords:
    game = "KILLER_WORDS"
    modes: tuple[str, ...] = ("classic", "deadly", "english")
    min_players = 1
    strikes = 1_000_000

    def setup(self, table: GameSession, players: list[GamePlayer], rng: Rng) -> None:
        word, theme, language = pick(table.mode, rng)
        table.state = {
            "word": word,
            "theme": theme,
            "language": language,
            "guessed": [],
            "wrong": [],
            "misses": 0,
            "max_misses": MAX_MISSES,
        }
        for player in players:
            player.lives = LIVES if table.mode == "deadly" else 0

    async def play(
        self, table: GameSession, player: GamePlayer, players: list[GamePlayer], move: str, rng: Rng
    ) -> Result:
        state = dict(table.state)
        word, guess = str(state["word"]), clean(move)
        alphabet = ALPHABETS[str(state.get("language", "ru"))]
        if not guess or any(c not in alphabet for c in guess):
            raise DomainError("INVALID_GUESS", "Guess one letter of the word, or the whole word.", "move")
        guessed, wrong = list(state["guessed"]), list(state["wrong"])
        if len(guess) == 1 and guess in guessed + wrong:
            raise DomainError("ALREADY_GUESSED", f"«{guess.upper()}» was already tried.", "move")
        if guess == word or (len(guess) == 1 and guess in word):
            letters = set(word) if guess == word else {guess}
            opened = sum(1 for c in word if c in letters and c not in guessed)
            guessed += sorted(letters - set(guessed))
            state["guessed"] = guessed
            table.state = state
            solved = all(c in guessed for c in word)
            points = opened + (WIN_BONUS if solved else 0)
            player.score += points
            detail = {"hit": True, "pattern": pattern(word, guessed)}
            if solved:
                detail["word"] = word
            return Result(
                text=guess,
                points=points,
                detail=detail,
                finish=solved,
                winner_id=player.user_id if solved else None,
            )
        penalty = 1 if len(guess) == 1 else 2
        if len(guess) == 1:
            wrong.append(guess)
        state["wrong"] = wrong
        player.score -= penalty
        table.state = state
        return self._miss(table, player, text=guess, points=-penalty)

    def _miss(self, table: GameSession, player: GamePlayer, *, text: str | None, points: int) -> Result:
        state = dict(table.state)
        state["misses"] = int(state["misses"]) + 1
        table.state = state
        word = str(state["word"])
        detail = {"hit": False, "pattern": pattern(word, list(state["guessed"])), "misses": state["misses"]}
        if table.mode == "deadly":
            player.lives = max(0, player.lives - 1)
            detail["lives"] = player.lives
            return Result(text=text, points=points, detail=detail, out=player.lives == 0)
        if state["misses"] >= int(state["max_misses"]):
            return Result(text=text, points=points, detail=detail | {"word": word}, finish=True)
        return Result(text=text, points=points, detail=detail)

    def timeout(self, table: GameSession, player: GamePlayer, players: list[GamePlayer]) -> Result:
        return self._miss(table, player, text=None, points=0)
