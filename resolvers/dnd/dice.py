"""Dice notation: ``d20``, ``2d6+3``, ``1d8-1``, ``4d6kh3`` (keep highest), ``2d20kl1`` (keep
lowest), ``4d6dl1`` / ``4d6dh1`` (drop lowest / highest), ``d%`` (a d100) and several terms
(``1d20+1d4+2``). Case and spaces do not matter.

``parse`` checks a notation against the limits (at most 100 dice in all, sides up to 1000, twenty
terms); ``roll`` throws the dice with a ``random.Random`` — the system's CSPRNG
(``secrets.SystemRandom``) unless a test passes a seeded one.
"""

from __future__ import annotations

import random
import re
import secrets
from dataclasses import dataclass
from typing import Any

from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("dice", "INVALID_DICE")

MAX_DICE = 100
MAX_SIDES = 1000
MAX_TERMS = 20
MAX_MODIFIER = 10_000
MAX_LENGTH = 100
SYSTEM_RANDOM: random.Random = secrets.SystemRandom()

_TERM = re.compile(r"([+-])?(?:(\d*)d(\d+|%)(?:(kh|kl|dh|dl|k|d)(\d+))?|(\d+))")
_SHORT_MODES = {"k": "kh", "d": "dl"}


@dataclass(frozen=True)
class Dice:
    """``count`` dice of ``sides`` faces; ``mode`` keeps or drops ``n`` of them (kh, kl, dh, dl)."""

    sign: int
    count: int
    sides: int
    mode: str | None = None
    n: int = 0

    def kept(self, values: list[int]) -> list[bool]:
        """Which of the rolled values count (ties broken by the order they were rolled)."""
        if self.mode is None:
            return [True] * len(values)
        order = sorted(range(len(values)), key=lambda i: (values[i], i))
        keep = {
            "kh": order[len(values) - self.n :],
            "kl": order[: self.n],
            "dh": order[: len(values) - self.n],
            "dl": order[self.n :],
        }[self.mode]
        chosen = set(keep)
        return [i in chosen for i in range(len(values))]


@dataclass(frozen=True)
class Constant:
    sign: int
    value: int


Term = Dice | Constant


@dataclass(frozen=True)
class Notation:
    text: str
    terms: tuple[Term, ...]

    @property
    def dice(self) -> int:
        return sum(t.count for t in self.terms if isinstance(t, Dice))

    def bounds(self) -> tuple[int, int]:
        """The lowest and the highest total this notation can roll."""
        low = high = 0
        for term in self.terms:
            if isinstance(term, Constant):
                low += term.sign * term.value
                high += term.sign * term.value
                continue
            counted = term.count if term.mode is None else _counted(term)
            lo, hi = counted, counted * term.sides
            low, high = (low + lo, high + hi) if term.sign > 0 else (low - hi, high - lo)
        return low, high


@dataclass(frozen=True)
class TermResult:
    notation: str
    sign: int
    sides: int
    rolls: list[int]
    kept: list[bool]
    subtotal: int

    def json(self) -> dict[str, Any]:
        return {
            "notation": self.notation,
            "sign": self.sign,
            "sides": self.sides,
            "rolls": self.rolls,
            "kept": self.kept,
            "subtotal": self.subtotal,
        }


@dataclass(frozen=True)
class Roll:
    notation: str
    total: int
    terms: list[TermResult]

    @property
    def rolls(self) -> list[int]:
        """Every die's value, in the order thrown (dropped dice included)."""
        return [value for term in self.terms for value in term.rolls]

    def detail(self) -> dict[str, Any]:
        return {"terms": [t.json() for t in self.terms]}


def _counted(term: Dice) -> int:
    return term.n if term.mode in ("kh", "kl") else term.count - term.n


def _invalid(message: str) -> DomainError:
    return DomainError("INVALID_DICE", message, "notation")


def parse(raw: str) -> Notation:
    if re.search(r"[0-9a-z%]\s+[0-9a-z%]", (raw or "").lower()):
        raise _invalid(f"“{raw.strip()}” is not dice notation: spaces may only surround + and -.")
    text = re.sub(r"\s+", "", raw or "").lower()
    if not text:
        raise _invalid("Write the dice to roll, for example 2d6+3 or d20.")
    if len(text) > MAX_LENGTH:
        raise _invalid(f"A dice notation is at most {MAX_LENGTH} characters.")
    terms: list[Term] = []
    at = 0
    while at < len(text):
        match = _TERM.match(text, at)
        if match is None or match.end() == at or (terms and match.group(1) is None):
            raise _invalid(f"“{raw.strip()}” is not dice notation; write it like 2d6+3, d20 or 4d6kh3.")
        terms.append(_term(match))
        at = match.end()
        if len(terms) > MAX_TERMS:
            raise _invalid(f"Roll at most {MAX_TERMS} terms at once.")
    notation = Notation(text=text, terms=tuple(terms))
    if not any(isinstance(t, Dice) for t in terms):
        raise _invalid("Roll at least one die, for example 1d20+5.")
    if notation.dice > MAX_DICE:
        raise DomainError("INVALID_DICE", f"Roll at most {MAX_DICE} dice at once.", "notation")
    return notation


def _term(match: re.Match[str]) -> Term:
    sign = -1 if match.group(1) == "-" else 1
    if match.group(6) is not None:
        value = int(match.group(6))
        if value > MAX_MODIFIER:
            raise _invalid(f"A modifier is at most {MAX_MODIFIER}.")
        return Constant(sign=sign, value=value)
    count = int(match.group(2)) if match.group(2) else 1
    sides = 100 if match.group(3) == "%" else int(match.group(3))
    if count < 1:
        raise _invalid("Roll at least one die of each kind (1d6, not 0d6).")
    if count > MAX_DICE:
        raise DomainError("INVALID_DICE", f"Roll at most {MAX_DICE} dice at once.", "notation")
    if sides < 1:
        raise _invalid("A die has at least one side.")
    if sides > MAX_SIDES:
        raise DomainError("INVALID_DICE", f"A die has at most {MAX_SIDES} sides.", "notation")
    if match.group(4) is None:
        return Dice(sign=sign, count=count, sides=sides)
    mode = _SHORT_MODES.get(match.group(4), match.group(4))
    n = int(match.group(5))
    if mode in ("kh", "kl") and not 1 <= n <= count:
        raise _invalid(f"Keep between 1 and {count} of {count} dice.")
    if mode in ("dh", "dl") and not 1 <= n < count:
        raise _invalid(
            f"Drop between 1 and {count - 1} of {count} dice." if count > 1 else "Nothing to drop."
        )
    return Dice(sign=sign, count=count, sides=sides, mode=mode, n=n)


def roll(notation: Notation, rng: random.Random | None = None) -> Roll:
    source = rng or SYSTEM_RANDOM
    results: list[TermResult] = []
    for term in notation.terms:
        if isinstance(term, Constant):
            results.append(TermResult(str(term.value), term.sign, 0, [], [], term.sign * term.value))
            continue
        values = [source.randint(1, term.sides) for _ in range(term.count)]
        kept = term.kept(values)
        subtotal = term.sign * sum(v for v, k in zip(values, kept, strict=True) if k)
        label = f"{term.count}d{term.sides}" + (f"{term.mode}{term.n}" if term.mode else "")
        results.append(TermResult(label, term.sign, term.sides, values, kept, subtotal))
    return Roll(notation=notation.text, total=sum(r.subtotal for r in results), terms=results)


def roll_text(raw: str, rng: random.Random | None = None) -> Roll:
    return roll(parse(raw), rng)
