"""Builds Killer Words' shipped word lists (resolvers/games/data/words_*.txt).

Russian: the 20,000 most frequent words of wordfreq's Russian list that pymorphy3's dictionary
reads as a common noun in the nominative singular (no names, places or abbreviations), 5 to 10
letters. English: the 10,000 most frequent words of wordfreq's English list, 5 to 10 letters.
The lists ship with the code, so a game never loads a dictionary or touches the network.
Word frequencies: wordfreq (Robyn Speer), CC BY-SA 4.0; morphology: pymorphy3 with OpenCorpora.

    pip install wordfreq pymorphy3 pymorphy3-dicts-ru && python ops/build_word_lists.py
"""

from __future__ import annotations

from pathlib import Path

import pymorphy3
import wordfreq

OUT = Path(__file__).resolve().parents[1] / "resolvers" / "games" / "data"
PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad", "Erro", "Dist", "Infr", "Slng"}
HEADER = "# Killer Words, {lang}: built by ops/build_word_lists.py from wordfreq (CC BY-SA 4.0){extra}\n"


def russian() -> list[str]:
    morph = pymorphy3.MorphAnalyzer()
    found = []
    for word in wordfreq.top_n_list("ru", 20_000):
        if not 5 <= len(word) <= 10 or not all("а" <= c <= "я" or c == "ё" for c in word):
            continue
        parse = morph.parse(word)[0]
        tag = parse.tag
        if tag.POS == "NOUN" and {"nomn", "sing"} <= tag.grammemes and parse.normal_form == word:
            if not PROPER & tag.grammemes:
                found.append(word)
    return found


def english() -> list[str]:
    return [w for w in wordfreq.top_n_list("en", 10_000) if 5 <= len(w) <= 10 and w.isascii() and w.isalpha()]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang, words, extra in (("ru", russian(), " and pymorphy3"), ("en", english(), "")):
        text = HEADER.format(lang=lang, extra=extra) + "\n".join(words) + "\n"
        (OUT / f"words_{lang}.txt").write_text(text, encoding="utf-8")
        print(lang, len(words))


if __name__ == "__main__":
    main()
