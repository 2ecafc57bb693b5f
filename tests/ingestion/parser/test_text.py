"""Number, nickname and text clean-up helpers; the sender table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from resolvers.ingestion.parser.senders import lookup
from resolvers.ingestion.parser.text import clean, for_embedding, nick, number, strip_tail


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+1,000", "1000"),
        ("—3,000", "-3000"),
        ("1.5", "1.5"),
        ("1,5", "1.5"),
        ("41\u202f454", "41454"),
        ("1,234.50", "1234.50"),
        ("15,000", "15000"),
        ("0.2", "0.2"),
        ("-0", "0"),
        ("1 000 000", "1000000"),
        ("abc", None),
        ("", None),
        ("١٢", None),
        ("+", None),
    ],
)
def test_number(raw: str, expected: str | None) -> None:
    assert number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Roman Khrushchev\ufffd", "Roman Khrushchev"),
        ("Оᅠлег Чекмарев", "Олег Чекмарев"),
        ("Никита ", "Никита"),
        ("Олег Чекмарев\u3164\u3164\u2063\ufeff\u200d", "Олег Чекмарев"),
        (".", "."),
        ("Roman\ufffd \ufffd Kh🐜", "Roman Kh🐜"),
    ],
)
def test_nick(raw: str, expected: str) -> None:
    assert nick(raw) == expected


def test_tail_and_clean() -> None:
    text = "Очки • +1,000 [2,000]\n       \n\n       \n\n        \n🎁 Получить бонус"
    assert strip_tail(text) == "Очки • +1,000 [2,000]"
    assert clean("  a\u00a0\u00a0b \r\nc  ") == "a b\nc"
    assert for_embedding("ПРОФИЛЬ x\n───────\nОчки: 1") == "PROFIL x\nOchki: 1"


@pytest.mark.parametrize(
    ("sender", "source", "bot"),
    [
        ("GDcards", "gdcards", True),
        ("@gdcardsBot", "gdcards", True),
        ("Гуся Cards", "gusya_cards", True),
        ("Goose_CardBot", "gusya_cards", True),
        ("Shmalala", "shmalala", True),
        ("🤵🏻 True Mafia", "true_mafia", True),
        ("BunkerRP", "bunker_rp", True),
        ("LucasTeamOloloGameProBot", None, True),
        ("Игра в слова", None, True),
        ("user-001", None, False),
        ("", None, False),
        ("🤵🏻", None, False),
    ],
)
def test_sender_table(sender: str, source: str | None, bot: bool) -> None:
    info = lookup(sender)
    assert (info.source, info.known_bot) == (source, bot)


def test_package_is_pure() -> None:
    """No web/database imports, and nothing heavy at import time (the model loads lazily)."""
    code = (
        "import sys, resolvers.ingestion.parser, resolvers.ingestion.parser.cli, resolvers.ingestion.parser.train;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'strawberry', 'starlette', 'sqlmodel', 'server',"
        " 'schema', 'db', 'sqlalchemy', 'torch', 'sentence_transformers', 'sklearn'}))"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
