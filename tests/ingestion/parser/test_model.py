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
    items = [(history[k].text, history[k].sender) for k in keys]
    version = json.loads(ml.DEFAULT_MODEL.with_suffix(".json").read_text("utf-8"))["version"]
    # By default the model is consulted only where no rule recognises the format: here the
    # Bunker RP advert, where its agreement lifts the rules' "other" above the review line.
    unsure = {"messages15:30280"}
    for key, r in zip(keys, model_parser.parse_many(items), strict=True):
        assert r.model == version and r.model_error is None
        assert r.rule_kind == r.kind and r.model_kind == (r.kind if key in unsure else None), key
        assert r.confidence >= 0.8, key
    # Consulted on every message, the classifier agrees with the rules and lifts the confidence.
    assert model_parser.loaded_model is not None
    always = Parser.with_model(model_parser.loaded_model, consult="always")
    for key, r in zip(keys, always.parse_many(items), strict=True):
        assert r.model == version and r.model_error is None
        assert r.model_kind == r.rule_kind == r.kind, key
        assert r.confidence >= (0.8 if key in unsure else 0.97), key


def test_model_reads_unknown_senders_and_people(
    model_parser: Parser, history: dict[str, pdata.Message]
) -> None:
    card = history["messages15:31248"].text
    r = model_parser.parse(card, None)
    assert r.kind == "card" and r.model_kind is None and r.confidence < 0.8  # the rules matched it fully
    assert model_parser.loaded_model is not None
    r = Parser.with_model(model_parser.loaded_model, consult="always").parse(card, None)
    assert r.kind == "card" and r.model_kind == "card" and r.confidence < 0.8
    assert model_parser.parse("у меня 500 орбов, а у тебя?", None).kind == "none"
    assert model_parser.parse(card, "user-002").kind == "none"


def test_parse_message_uses_the_same_loaded_encoder(model_parser: Parser) -> None:
    r = parse_message("Romankhrus открыл сундук и получил 96 орб", "GDcards")
    assert r.kind == "chest" and r.model == model_parser.model_version
    assert len(ml._ENCODERS) == 1
