"""The catalogs: fresh .pot/.po/.mo, every Russian text present, every API error code readable."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLEnumType, build_schema

from bot import catalogs
from bot.i18n import Texts, language_for
from bot.messages import COMMANDS, ERROR_TEXTS

INGESTION_PLAYER_CODES = (
    "NOT_A_GAME_BOT",
    "WRONG_PLAYER",
    "NOTHING_TO_CREDIT",
    "INVALID_TEXT",
    "UNKNOWN_SOURCE",
    "INVALID_NICKNAME",
    "TOO_MANY_NICKNAMES",
    "NICKNAME_RACE",
)
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
    codes = set()
    for name in ("WalletErrorCode", "ShopErrorCode", "NotificationErrorCode"):
        enum = schema.type_map[name]
        assert isinstance(enum, GraphQLEnumType)
        codes |= set(enum.values)
    assert codes <= set(ERROR_TEXTS), sorted(codes - set(ERROR_TEXTS))
    # Ingestion's enum also holds moderators' and admins' codes: these are the ones a player meets
    # through ingestionSubmit and ingestionNicknameClaim (the rest are the bot's own bugs).
    ingestion = schema.type_map["IngestionErrorCode"]
    assert isinstance(ingestion, GraphQLEnumType)
    player_codes = set(INGESTION_PLAYER_CODES)
    assert player_codes <= set(ingestion.values) and player_codes <= set(ERROR_TEXTS)


def test_russian_differs_from_english() -> None:
    english, russian = Texts("en"), Texts("ru")
    for text in [*ERROR_TEXTS.values(), *(d for _, d in COMMANDS)]:
        assert english(text) == text
        assert russian(text) != text, text
