"""The chat's profanity filter: words of ``profanity.txt`` (Russian and English) are masked with ``*``.

A word is compared in two spellings: its Cyrillic skeleton (latin lookalikes and digits read as
Cyrillic letters: ``xyй`` → ``хуй``) and its Latin one (``fuсk`` with a Cyrillic ``с``, ``sh1t``,
``$hit``). Each entry is a pattern in which a letter may repeat (``fuuuck``), and letters spelled
out one by one with separators between them (``f u c k``, ``х.у.й``) are read as one word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

WORDS = Path(__file__).with_name("profanity.txt")
_TOKEN = re.compile(r"[@$]?[^\W_]+(?:[@$!]+[^\W_]*)*")
_SEPARATOR = re.compile(r"[\s.\-_*·,/|]{1,3}")
_CYRILLIC = re.compile(r"[а-яё]")
_TO_CYRILLIC = str.maketrans(
    {
        "a": "а", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "n": "п", "o": "о", "p": "р",
        "r": "г", "t": "т", "x": "х", "y": "у", "0": "о", "3": "з", "4": "ч", "6": "б", "@": "а",
        "ё": "е",
    }
)  # fmt: skip
_TO_LATIN = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "и": "u", "п": "n", "г": "r", "ш": "w", "ь": "b",
        "і": "i", "ѕ": "s", "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
        "$": "s", "!": "i",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Filtered:
    text: str
    masked: bool


def _pattern(entry: str) -> tuple[re.Pattern[str], bool] | None:
    entry = entry.strip().lower().replace("ё", "е")
    if not entry or entry.startswith("#"):
        return None
    inside, prefix = entry.startswith("*"), entry.endswith("*")
    word = entry.strip("*")
    body = "".join(f"{re.escape(c)}{{{len(list(run))},}}" for c, run in groupby(word))
    if inside:
        regex = f".*{body}"
    elif prefix:
        regex = body
    else:
        regex = f"{body}$"
    return re.compile(regex), bool(_CYRILLIC.search(word))


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    cyrillic: list[re.Pattern[str]] = []
    latin: list[re.Pattern[str]] = []
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        found = _pattern(line)
        if found is not None:
            (cyrillic if found[1] else latin).append(found[0])
    return tuple(cyrillic), tuple(latin)


def is_profane(word: str) -> bool:
    lower = word.lower()
    cyrillic, latin = _patterns()
    as_cyrillic = lower.translate(_TO_CYRILLIC)
    as_latin = lower.translate(_TO_LATIN)
    return any(p.match(as_cyrillic) for p in cyrillic) or any(p.match(as_latin) for p in latin)


def _tokens(text: str) -> list[tuple[int, int]]:
    spans = []
    for found in _TOKEN.finditer(text):
        start, end = found.span()
        while end > start and text[end - 1] == "!":
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _spelled_out(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of three or more one-letter tokens with only separators between them."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for span in spans:
        single = span[1] - span[0] == 1
        joined = bool(current) and _SEPARATOR.fullmatch(text[current[-1][1] : span[0]]) is not None
        if single and (not current or joined):
            current.append(span)
            continue
        if len(current) >= 3:
            runs.append(current)
        current = [span] if single else []
    if len(current) >= 3:
        runs.append(current)
    return runs


def mask(text: str) -> Filtered:
    """The text with each profane word replaced by as many ``*``, and whether any was."""
    chars = list(text)
    spans = _tokens(text)
    hit = False
    for start, end in spans:
        if is_profane(text[start:end]):
            chars[start:end] = "*" * (end - start)
            hit = True
    for run in _spelled_out(text, spans):
        if is_profane("".join(text[s:e] for s, e in run)):
            for s, e in run:
                chars[s:e] = "*" * (e - s)
            hit = True
    return Filtered(text="".join(chars), masked=hit)
