"""The parser's output type and the closed vocabularies it uses."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final, Literal

Source = Literal["gdcards", "gusya_cards", "shmalala", "true_mafia", "bunker_rp"]
Kind = Literal["card", "chest", "profile", "fishing", "karma", "game_end", "other", "none"]

SOURCES: Final[tuple[str, ...]] = ("gdcards", "gusya_cards", "shmalala", "true_mafia", "bunker_rp")
# Order matters: it is the class order of the stored classifier.
KINDS: Final[tuple[str, ...]] = ("card", "chest", "profile", "fishing", "karma", "game_end", "other", "none")
# Kinds whose amounts/totals may be credited by the API side.
CREDIT_KINDS: Final[frozenset[str]] = frozenset({"card", "chest", "profile", "fishing", "karma", "game_end"})

# Stable currency codes. The pair (source, currency) is what the API converts.
CURRENCIES: Final[dict[str, str]] = {
    "points": "GD Cards «Очки» / Гуся Cards «Очки»",
    "orbs": "GD Cards «Орбы» (may be fractional)",
    "coins": "Гуся Cards «Монеты» / Shmalala fishing «Монеты»",
    "karma": "Shmalala karma (rating)",
    "wins": "a game won (True Mafia winner, Bunker RP survivor)",
    "money": "True Mafia / Bunker RP «Деньги» (profile totals only)",
    "gems": "True Mafia «Камни» (profile totals only)",
    "crystals": "Bunker RP «Кристаллики» (profile totals only)",
}

RULES_MODEL: Final[str] = "rules"


@dataclass(frozen=True, slots=True)
class Amount:
    """A currency amount as written: a decimal string, sign kept, separators removed."""

    currency: str
    amount: str

    def to_json(self) -> dict[str, str]:
        return {"currency": self.currency, "amount": self.amount}


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What one message says. ``amounts`` apply to every player in ``players``."""

    source: str | None
    kind: str
    players: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    totals: tuple[Amount, ...] = ()
    confidence: float = 1.0
    model: str = RULES_MODEL
    model_error: str | None = None
    rule_kind: str | None = None
    model_kind: str | None = None
    details: tuple[tuple[str, str], ...] = field(default=())

    @property
    def credits(self) -> bool:
        """True when the message would credit something (a credit kind with amounts or totals)."""
        return self.kind in CREDIT_KINDS and bool(self.amounts or self.totals)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "players": list(self.players),
            "amounts": [a.to_json() for a in self.amounts],
            "totals": [a.to_json() for a in self.totals],
            "confidence": round(self.confidence, 4),
            "model": self.model,
            "model_error": self.model_error,
            "rule_kind": self.rule_kind,
            "model_kind": self.model_kind,
            "details": dict(self.details),
        }

    def to_json_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)
