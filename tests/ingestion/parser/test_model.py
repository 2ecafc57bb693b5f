"""The few tests that need the real MiniLM model; they share one session-scoped parser."""

from __future__ import annotations

import json

import pytest

from resolvers.ingestion.parser import Parser, parse_message
from resolvers.ingestion.parser import data as pdata
from resolvers.ingestion.parser import model as ml

pytestmark = pytest.mark.model


def test_packaged_model_parses_real_messages_with_high_confidence(
    model_parser: Parser, history: dict[str, pdata.Message]
) -> None:
    keys = [
        "messages4:10303",
        "messages13:28688",
        "messages7:15474",
        "messages12:26396",
        "messages14:29610",
        "messages15:31058",
        "messages6:13414",
        "messages4:10353",
        "messages15:30280",
    ]
    results = model_parser.parse_many([(history[k].text, history[k].sender) for k in keys])
    version = json.loads(ml.DEFAULT_MODEL.with_suffix(".json").read_text("utf-8"))["version"]
    for key, r in zip(keys, results, strict=True):
        assert r.model == version and r.model_error is None
        assert r.model_kind == r.rule_kind == r.kind, key
        assert r.confidence >= 0.8, key


def test_model_reads_unknown_senders_and_people(
    model_parser: Parser, history: dict[str, pdata.Message]
) -> None:
    card = history["messages15:31248"].text
    r = model_parser.parse(card, None)
    assert r.kind == "card" and r.model_kind == "card" and r.confidence < 0.8
    assert model_parser.parse("у меня 500 орбов, а у тебя?", None).kind == "none"
    assert model_parser.parse(card, "user-002").kind == "none"


def test_parse_message_uses_the_same_loaded_encoder(model_parser: Parser) -> None:
    r = parse_message("Romankhrus открыл сундук и получил 96 орб", "GDcards")
    assert r.kind == "chest" and r.model == model_parser.model_version
    assert len(ml._ENCODERS) == 1
