"""Killer Words' dictionaries: the most frequent common nouns of Russian (1,500, checked against
pymorphy3's dictionary) and the most frequent English words (7,300), five to ten letters, built
from wordfreq by ``ops/build_word_lists.py`` into ``data/``; and the community's "deadly" themes.
Shipped with the code, so a game never loads a dictionary or needs a network."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _load(language: str) -> tuple[str, ...]:
    lines = (DATA / f"words_{language}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(w for w in (line.strip() for line in lines) if w and not w.startswith("#"))


RU = _load("ru")
EN = _load("en")
DEADLY: dict[str, tuple[str, ...]] = {
    "яды": ("мышьяк", "цианид", "стрихнин", "рицин", "белладонна", "цикута", "аконит", "кураре"),
    "оружие": ("арбалет", "кинжал", "револьвер", "алебарда", "рапира", "гарпун", "булава", "катана"),
    "хищники": ("крокодил", "акула", "гиена", "пиранья", "скорпион", "кобра", "тарантул", "ягуар"),
    "катастрофы": ("цунами", "лавина", "ураган", "извержение", "землетрясение", "наводнение", "торнадо"),
    "болезни": ("чума", "холера", "оспа", "малярия", "тиф", "бешенство", "лихорадка", "дифтерия"),
}
