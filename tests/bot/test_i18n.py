"""The catalogs: fresh .pot/.po/.mo, every Russian text present, every error code a player can meet
readable (texts keyed by error type and code, declared by each domain)."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLEnumType, build_schema

from bot import catalogs
from bot.domains import commands, error_texts
from bot.i18n import Texts, language_for

# The codes a player can meet through the bot's mutations, by payload error type (the enums also
# hold admins' and moderators' codes, which the bot shows with the server's own message).
PLAYER_CODES = {
    "WalletError": (
        "INVALID_AMOUNT",
        "AMOUNT_TOO_LARGE",
        "UNKNOWN_USER",
        "UNKNOWN_CURRENCY",
        "SELF_TRANSFER",
        "INSUFFICIENT_FUNDS",
        "INVALID_MEMO",
        "IDEMPOTENCY_KEY_REUSED",
        "INVALID_IDEMPOTENCY_KEY",
    ),
    "ShopError": (
        "UNKNOWN_ITEM",
        "INVALID_QUANTITY",
        "OUT_OF_STOCK",
        "INSUFFICIENT_FUNDS",
        "LIMIT_REACHED",
        "ON_COOLDOWN",
        "ITEM_INACTIVE",
        "IDEMPOTENCY_KEY_REUSED",
        "INVALID_IDEMPOTENCY_KEY",
    ),
    "NotificationError": ("NOTHING_TO_MARK", "TOO_MANY_IDS", "NOT_FOUND"),
    "IngestionError": (
        "NOT_A_GAME_BOT",
        "WRONG_PLAYER",
        "NOTHING_TO_CREDIT",
        "INVALID_TEXT",
        "UNKNOWN_SOURCE",
        "INVALID_NICKNAME",
        "TOO_MANY_NICKNAMES",
        "NICKNAME_RACE",
    ),
}
SDL = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_catalogs_are_complete_and_compiled() -> None:
    assert catalogs.check() == []


@pytest.mark.parametrize(
    ("code", "language"),
    [("ru", "ru"), ("ru-RU", "ru"), ("RU", "ru"), ("en", "en"), ("uk", "en"), ("", "en"), (None, "en")],
)
def test_language_choice(code: str | None, language: str) -> None:
    assert language_for(code) == language


def test_every_error_code_the_bot_can_meet_has_a_text() -> None:
    schema = build_schema(SDL.read_text())
    texts = error_texts()
    for error_type, codes in PLAYER_CODES.items():
        enum = schema.type_map[f"{error_type}Code"]
        assert isinstance(enum, GraphQLEnumType)
        assert set(codes) <= set(enum.values), error_type
        missing = {c for c in codes if (error_type, c) not in texts}
        assert not missing, (error_type, sorted(missing))


def test_every_text_is_for_a_real_error_type_and_code() -> None:
    schema = build_schema(SDL.read_text())
    for error_type, code in error_texts():
        enum = schema.type_map.get(f"{error_type}Code")
        assert isinstance(enum, GraphQLEnumType), error_type
        assert code in enum.values, (error_type, code)


def test_russian_differs_from_english() -> None:
    english, russian = Texts("en"), Texts("ru")
    for text in [*error_texts().values(), *(c.description for c in commands())]:
        assert english(text) == text
        assert russian(text) != text, text
