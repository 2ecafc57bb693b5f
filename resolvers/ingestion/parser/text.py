"""Text clean-up shared by the rules and the embedding model."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# The Telegram export appends inline buttons and reactions after a run of
# whitespace-only lines ("\n       \n\n       \n ... 🎁 Получить бонус").
_TAIL_RE: Final = re.compile(r"\n[ \t]{3,}\n")
# Zero-width and filler characters people put in nicknames (Hangul fillers, BOM,
# invisible separators) and the replacement char left where the export lost an emoji.
_INVISIBLE_RE: Final = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u3164\uffa0\u115f\u1160\ufffd\u00ad]")
_SPACES_RE: Final = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_RULE_LINE_RE: Final = re.compile(r"^[ \t─━—–\-=_]{3,}$", re.M)

MAX_TEXT_CHARS: Final = 20_000


def strip_tail(text: str) -> str:
    """Drop the buttons/reactions tail that the export appended to a message."""
    m = _TAIL_RE.search(text)
    return text[: m.start()] if m else text


def clean(text: str) -> str:
    """The message body the rules look at: tail dropped, NFC, unusual spaces made plain."""
    text = unicodedata.normalize("NFC", strip_tail(text[:MAX_TEXT_CHARS]))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES_RE.sub(" ", line).rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def nick(raw: str) -> str:
    """Normalise an in-game nickname: invisible/filler characters removed, spaces collapsed."""
    s = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", raw))
    return _SPACES_RE.sub(" ", s).strip()


# A number as game bots write it: optional sign (ASCII, en/em dash, minus sign), digits
# with optional thousands separators (comma, space, nbsp, thin space, apostrophe; groups of
# exactly three digits) and an optional fraction written with "." or ",". ASCII digits only.
_SEP: Final = ",'\u2019 \u00a0\u2009\u202f"
NUMBER: Final = (
    rf"(?:[+\-\u2212\u2013\u2014] ?)?(?:[0-9]{{1,3}}(?:[{_SEP}][0-9]{{3}})+|[0-9]+)(?:[.,][0-9]+)?(?![0-9])"
)
_GROUPED_RE: Final = re.compile(rf"^[0-9]{{1,3}}(?:[{_SEP}][0-9]{{3}})+")


def number(raw: str) -> str | None:
    """Normalise a written number to a plain decimal string, keeping the fraction as written.

    "+1,000" -> "1000", "—3,000" -> "-3000", "1.5" -> "1.5", "1,5" -> "1.5",
    "41 454" -> "41454", "1,234.50" -> "1234.50". Returns None when it is not a number.
    """
    s = raw.strip()
    negative = s[:1] in "-\u2212\u2013\u2014"
    if s[:1] in "+-\u2212\u2013\u2014":
        s = s[1:].strip()
    m = _GROUPED_RE.match(s)
    if m:
        whole = re.sub(f"[{_SEP}]", "", m.group(0))
        s = whole + s[m.end() :].replace(",", ".")
    else:
        s = s.replace(",", ".")
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", s):  # ASCII digits only
        return None
    if negative and re.fullmatch(r"0+(\.0+)?", s) is None:
        return "-" + s
    return s


_TRANSLIT: Final[dict[str, str]] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def translit(text: str) -> str:
    """Cyrillic to Latin. MiniLM's English word-piece vocabulary splits Cyrillic into single
    letters; transliterated words become a few pieces each, so 128 tokens see far more text."""
    out: list[str] = []
    for ch in text:
        low = ch.lower()
        t = _TRANSLIT.get(low)
        if t is None:
            out.append(ch)
        else:
            out.append(t.capitalize() if ch != low else t)
    return "".join(out)


def for_embedding(text: str, *, use_translit: bool = True, max_chars: int = 300) -> str:
    """The text the sentence model embeds: cleaned, ruler lines dropped, optionally transliterated."""
    s = _RULE_LINE_RE.sub("", clean(text))
    s = re.sub(r"\n{2,}", "\n", s).strip()[:max_chars]
    return translit(s) if use_translit else s
