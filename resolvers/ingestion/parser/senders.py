"""Who sent a message: one table mapping bot display names and usernames to sources."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class SenderInfo:
    """``source`` is set for credited game bots; ``known_bot`` for any bot we recognise."""

    source: str | None
    known_bot: bool


# display names as in the history's `from`, and Telegram usernames (without "@").
# Keys are compared after `sender_key` (casefold, letters and digits only).
GAME_BOTS: Final[dict[str, tuple[str, ...]]] = {
    "gdcards": ("GDcards", "gdcards", "gdcardsBot", "gdcards_bot"),
    "gusya_cards": ("Гуся Cards", "Goose_CardBot", "goose_cardbot"),
    "shmalala": ("Shmalala", "shmalala_bot"),
    "true_mafia": ("🤵🏻 True Mafia", "True Mafia", "TrueMafiaBot", "truemafia_bot"),
    # The Bunker RP username is not in the history; bunkerrp_bot is what the old bot used.
    "bunker_rp": ("BunkerRP", "Bunker RP", "bunkerrp_bot", "BunkerRPBot"),
}

# Bots in the chat that are NOT credited games (messages from them are kind "none").
OTHER_BOTS: Final[tuple[str, ...]] = (
    "LucasTeamOloloGameProBot", "lt_lo_game_bot", "lt_lo_game_pro_bot",
    "Игра в слова",
    "Drawing Mafia — Рисующая Мафия", "drawing_mafia_bot",
    "Зазывала tag bot 3", "zazyvalatag3bot",
    "DND dice roll bot", "dicer_dnd_bot",
    "Сэм – ChatGPT нейросеть 🧠",
)  # fmt: skip

_NON_ALNUM: Final = re.compile(r"[\W_]+", re.UNICODE)


def sender_key(sender: str) -> str:
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", sender).casefold())


_TABLE: Final[dict[str, SenderInfo]] = {
    **{sender_key(n): SenderInfo(None, True) for n in OTHER_BOTS},
    **{sender_key(n): SenderInfo(src, True) for src, names in GAME_BOTS.items() for n in names},
}
_HUMAN: Final = SenderInfo(None, False)


def lookup(sender: str) -> SenderInfo:
    """Map a sender to its source. Anything unknown (people, `user-NNN`) is a non-bot."""
    key = sender_key(sender)
    return _TABLE.get(key, _HUMAN) if key else _HUMAN
