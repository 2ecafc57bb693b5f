"""Combining rules and model, model loading and fallbacks, training and promotion.

Everything here runs without MiniLM: a hashed-trigram encoder stands in for it. The few
tests that need the real model are in test_model.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from resolvers.ingestion.parser import Example, Parser, promote_if_better, senders, train
from resolvers.ingestion.parser import data as pdata
from resolvers.ingestion.parser import model as ml
from resolvers.ingestion.parser.parser import REVIEW_THRESHOLD, combine
from resolvers.ingestion.parser.result import KINDS
from resolvers.ingestion.parser.rules import FALLBACK, FULL, KNOWN_OTHER, RuleMatch

CHEST = "EnidBlaito открыл сундук и получил 1.5 орб"


def _probs(kind: str, p: float) -> dict[str, float]:
    rest = (1 - p) / (len(KINDS) - 2)
    return {k: (p if k == kind else rest) for k in KINDS if k != "none"}


def test_agreement_raises_and_disagreement_lowers_confidence() -> None:
    rule = RuleMatch("gdcards", "chest", ("x",), strength=FULL)
    agree = combine(rule, _probs("chest", 0.9))
    assert agree.kind == "chest" and agree.confidence > FULL
    disagree = combine(rule, _probs("card", 0.9))
    assert disagree.kind == "chest" and disagree.confidence < REVIEW_THRESHOLD
    assert combine(rule, None).confidence == FULL


def test_model_overrules_only_unrecognised_formats() -> None:
    fallback = RuleMatch("gdcards", "other", strength=FALLBACK)
    d = combine(fallback, _probs("card", 0.9))
    assert d.kind == "card" and d.confidence < REVIEW_THRESHOLD
    known = RuleMatch("gdcards", "other", strength=KNOWN_OTHER)
    assert combine(known, _probs("card", 0.9)).kind == "other"
    assert combine(fallback, _probs("card", 0.3)).kind == "other"


class Zero:
    """An encoder of zeros that remembers the texts it embedded."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Any) -> Any:
        self.seen += list(texts)
        return np.zeros((len(texts), 384), dtype=np.float32)


def _fixed_model(kind: str) -> ml.LoadedModel:
    """A classifier that always prefers ``kind`` (bias only)."""
    classes = tuple(KINDS)
    coef = np.zeros((len(classes), 384), dtype=np.float32)
    intercept = np.array([4.0 if c == kind else 0.0 for c in classes], dtype=np.float32)
    return ml.LoadedModel(ml.KindClassifier("test-model", classes, coef, intercept), Zero())


UNKNOWN_FORMAT = "Карточка тебе досталась, поздравляем"


def test_model_is_consulted_only_where_the_rules_are_unsure() -> None:
    loaded = _fixed_model("card")
    assert isinstance(loaded.encoder, Zero)
    parser = Parser.with_model(loaded)
    assert parser.consult == "unsure"
    known, unknown, person, guessed = parser.parse_many(
        [(CHEST, "GDcards"), (UNKNOWN_FORMAT, "GDcards"), (CHEST, "user-042"), ("привет всем", None)]
    )
    # A recognised format: the rules decide alone, with their own strength.
    assert (known.kind, known.model_kind, known.confidence, known.model) == (
        "chest",
        None,
        FULL,
        "test-model",
    )
    assert known.amounts and known.confidence >= REVIEW_THRESHOLD
    # An unrecognised one is read by the model, which renames it, credits nothing, flags review.
    assert (unknown.kind, unknown.model_kind, unknown.credits) == ("card", "card", False)
    assert unknown.confidence < REVIEW_THRESHOLD
    assert (person.kind, person.model_kind) == ("none", None)
    assert guessed.model_kind is not None  # unknown sender, no format matched: the model reads it
    assert len(loaded.encoder.seen) == 2 and loaded.encoder.seen[0].startswith("Kartochka")


def test_consult_mode_is_checked() -> None:
    with pytest.raises(ValueError, match="consult"):
        Parser(use_model=False, consult="sometimes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="consult"):
        Parser.with_model(_fixed_model("card"), consult="")  # type: ignore[arg-type]


def test_inference_threads_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ml.ENV_THREADS, raising=False)
    assert ml.inference_threads() == 1
    monkeypatch.setenv(ml.ENV_THREADS, "2")
    assert ml.inference_threads() == 2
    for bad in ("0", "two", "-1", "65"):
        monkeypatch.setenv(ml.ENV_THREADS, bad)
        with pytest.raises(ValueError, match=ml.ENV_THREADS):
            ml.inference_threads()


def test_model_kind_disagreement_keeps_rule_fields_but_flags_review() -> None:
    parser = Parser.with_model(_fixed_model("card"), consult="always")
    r = parser.parse(CHEST, "GDcards")
    assert (r.kind, r.rule_kind, r.model_kind, r.model) == ("chest", "chest", "card", "test-model")
    assert r.amounts and r.confidence < REVIEW_THRESHOLD
    # A format the rules do not know, which the model calls a card: kind card, nothing to credit.
    drift = parser.parse(UNKNOWN_FORMAT, "GDcards")
    assert drift.kind == "card" and not drift.credits and drift.confidence < REVIEW_THRESHOLD


def test_people_skip_the_model_entirely() -> None:
    parser = Parser.with_model(_fixed_model("card"))
    r = parser.parse(CHEST, "user-042")
    assert (r.kind, r.source, r.model_kind, r.amounts) == ("none", None, None, ())


def test_model_can_be_switched_off_or_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LUCAS_PARSER_MODEL", "off")
    p = Parser()
    assert not p.has_model and p.model_version == "rules" and "LUCAS_PARSER_MODEL" in (p.model_error or "")
    out = p.parse(CHEST, "GDcards").to_json()
    assert (out["model"], out["kind"], out["amounts"]) == (
        "rules",
        "chest",
        [{"currency": "orbs", "amount": "1.5"}],
    )
    assert out["model_error"]
    monkeypatch.setenv("LUCAS_PARSER_MODEL", str(tmp_path / "missing.npz"))
    p = Parser()
    assert not p.has_model and "FileNotFoundError" in (p.model_error or "")
    assert p.parse(CHEST, "GDcards").kind == "chest"


def test_broken_encoder_leaves_rules_working(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LUCAS_PARSER_MODEL", raising=False)

    def boom(path: str | None = None) -> ml.Encoder:
        raise ImportError("No module named 'sentence_transformers'")

    monkeypatch.setattr(ml, "get_encoder", boom)
    p = Parser()
    assert not p.has_model and "sentence_transformers" in (p.model_error or "")
    assert p.parse(CHEST, "GDcards").to_json()["model"] == "rules"


def test_packaged_model_file_is_small_and_loads_without_pickle() -> None:
    clf = ml.KindClassifier.load(ml.DEFAULT_MODEL)
    assert clf.version.startswith("minilm-lr-")
    assert set(clf.classes) == set(KINDS)
    assert ml.DEFAULT_MODEL.stat().st_size < 100_000
    meta = json.loads(ml.DEFAULT_MODEL.with_suffix(".json").read_text("utf-8"))
    assert meta["metrics"]["false_credits"] == 0


def test_train_with_a_stand_in_encoder(tmp_path: Path, hash_encoder: Any) -> None:
    extra = [Example("Карточка «Гусь» теперь ваша, очков стало больше", "Гуся Cards", "card")]
    info = train(pdata.HISTORY_PATH, extra, tmp_path, encoder=hash_encoder)
    assert info.model_path.exists() and info.metrics_path.exists()
    assert info.version.startswith("minilm-lr-") and info.model_path.name == f"{info.version}.npz"
    m = json.loads(info.metrics_path.read_text("utf-8"))
    assert m == info.metrics
    assert m["false_credits"] == 0 and m["n_extra_examples"] == 1
    assert m["kind_accuracy"] >= 0.95 and 0.0 <= m["model_kind_accuracy"] <= 1.0
    assert m["n_game_heldout"] > 300 and m["amount_exact_match"] == 1.0
    loaded = ml.LoadedModel(ml.KindClassifier.load(info.model_path), hash_encoder)
    assert Parser.with_model(loaded).parse(CHEST, "GDcards").kind == "chest"
    # Held-out messages are never trained on: the split is fixed by hash.
    _, heldout = pdata.split(pdata.load_history())
    assert m["n_heldout"] == len(heldout)


def test_promote_if_better() -> None:
    cur = {"kind_accuracy": 0.99, "false_credits": 0, "unverified_false_credits": 1}
    assert promote_if_better({"kind_accuracy": 0.99, "false_credits": 0, "unverified_false_credits": 1}, cur)
    assert promote_if_better({"kind_accuracy": 1.0, "false_credits": 0, "unverified_false_credits": 0}, cur)
    assert not promote_if_better({"kind_accuracy": 0.98, "false_credits": 0}, cur)
    assert not promote_if_better({"kind_accuracy": 1.0, "false_credits": 1}, cur)
    assert not promote_if_better(
        {"kind_accuracy": 1.0, "false_credits": 0, "unverified_false_credits": 2}, cur
    )
    assert promote_if_better({"kind_accuracy": 0.5, "false_credits": 0}, None)


def test_inference_failure_falls_back_to_rules_for_the_batch() -> None:
    loaded = _fixed_model("chest")

    class Broken:
        def encode(self, texts: Any) -> Any:
            raise RuntimeError("out of memory")

    for consult in ("always", "unsure"):
        parser = Parser.with_model(ml.LoadedModel(loaded.classifier, Broken()), consult=consult)  # type: ignore[arg-type]
        r, unsure = parser.parse_many([(CHEST, "GDcards"), ("Сундук? Какой сундук", "GDcards")])
        assert (r.kind, r.model, r.model_kind) == ("chest", "rules", None)
        assert "out of memory" in (r.model_error or "") and r.amounts
        assert (unsure.kind, unsure.model, unsure.model_kind) == ("other", "rules", None)


@pytest.mark.parametrize("model_kind", [k for k in KINDS if k != "none"])
def test_consulting_only_where_unsure_changes_no_kind_and_no_figure(
    model_kind: str, history: dict[str, pdata.Message]
) -> None:
    """Where the rules recognise a format the model could only move the confidence, so skipping
    it there gives the same kinds, players and amounts as consulting it on every message, for
    every game-bot message of the history (and every one read with the sender unknown)."""
    loaded = _fixed_model(model_kind)
    unsure, always = Parser.with_model(loaded), Parser.with_model(loaded, consult="always")
    bots = [m for m in history.values() if senders.lookup(m.sender).source is not None]
    items = [(m.text, m.sender) for m in bots] + [(m.text, None) for m in bots[::7]]
    for (text, sender), a, b in zip(items, unsure.parse_many(items), always.parse_many(items), strict=True):
        assert (a.kind, a.source, a.players, a.amounts, a.totals, a.details) == (
            b.kind, b.source, b.players, b.amounts, b.totals, b.details,
        ), (sender, text[:80])  # fmt: skip
        assert a.model_kind in (None, b.model_kind)
        if a.model_kind is None and sender is not None:
            assert a.confidence >= REVIEW_THRESHOLD  # recognised: the rules' own strength
