"""Training, held-out evaluation and promotion of the kind classifier."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np

from . import data, senders
from . import model as ml
from .parser import REVIEW_THRESHOLD, Parser
from .result import KINDS

HUMAN_TRAIN_CAP: Final = 1200  # people's messages sampled (by hash) into the "none" class
SEED: Final = 0


@dataclass(frozen=True, slots=True)
class ModelInfo:
    version: str
    model_path: Path
    metrics_path: Path
    metrics: dict[str, Any]


def _hash_order(m: data.Message) -> str:
    return hashlib.sha256(f"order:{m.key}".encode()).hexdigest()


def training_examples(
    train_msgs: Sequence[data.Message], overrides: dict[str, dict[str, Any]]
) -> list[data.Example]:
    game: list[data.Example] = []
    humans: list[data.Message] = []
    for m, lab in data.labelled(train_msgs, overrides):
        info = senders.lookup(m.sender)
        if lab.kind != "none" or info.known_bot:
            game.append(data.Example(m.text, m.sender, lab.kind))
        else:
            humans.append(m)
    humans.sort(key=_hash_order)
    return game + [data.Example(m.text, m.sender, "none") for m in humans[:HUMAN_TRAIN_CAP]]


def fit(
    texts: Sequence[str], kinds: Sequence[str], encoder: ml.Encoder, *, use_translit: bool = True
) -> ml.KindClassifier:
    from sklearn.linear_model import LogisticRegression

    prep = ml.KindClassifier("tmp", (), np.zeros((0, 0), np.float32), np.zeros(0, np.float32), use_translit)
    x = encoder.encode(prep.prepare(texts))
    lr = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced", random_state=SEED)
    lr.fit(x, list(kinds))
    classes = tuple(str(c) for c in lr.classes_)
    coef = np.asarray(lr.coef_, dtype=np.float32)
    intercept = np.asarray(lr.intercept_, dtype=np.float32)
    if len(classes) == 2:  # sklearn stores one row for a binary problem
        coef = np.vstack([-coef[0], coef[0]]).astype(np.float32)
        intercept = np.array([-intercept[0], intercept[0]], dtype=np.float32)
    h = hashlib.sha256(coef.tobytes() + intercept.tobytes() + "|".join(classes).encode()).hexdigest()[:8]
    version = f"minilm-lr-{dt.datetime.now(dt.UTC):%Y%m%d}-{h}"
    return ml.KindClassifier(version, classes, coef, intercept, use_translit)


def _same(a: Iterable[Any], b: Iterable[Any]) -> bool:
    return list(a) == list(b)


def classifier_kinds(parser: Parser, texts: Sequence[str]) -> list[str | None]:
    """The classifier's own kind for known game bots' texts (``none`` masked out), read on every
    text whatever messages the parser consults it on; all None without a model."""
    loaded = parser.loaded_model
    if loaded is None or not texts:
        return [None] * len(texts)
    clf = loaded.classifier
    allowed = np.array([c != "none" for c in clf.classes])
    rows = clf.proba(texts, loaded.encoder)
    return [clf.classes[int(np.argmax(np.where(allowed, row, -1.0)))] for row in rows]


def evaluate(
    parser: Parser, heldout: Sequence[data.Message], overrides: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """Held-out figures for a parser (rules-only or hybrid)."""
    pairs = list(data.labelled(heldout, overrides))
    results = parser.parse_many([(m.text, m.sender) for m, _ in pairs])
    game = [(lab, r) for (_, lab), r in zip(pairs, results, strict=True) if lab.source is not None]
    correct = sum(1 for lab, r in game if r.kind == lab.kind)
    rule_correct = sum(1 for lab, r in game if r.rule_kind == lab.kind)
    model_kinds = classifier_kinds(parser, [m.text for (m, lab) in pairs if lab.source is not None])
    model_correct = sum(1 for (lab, _), k in zip(game, model_kinds, strict=True) if k == lab.kind)
    false_credits = [
        m.key
        for (m, lab), r in zip(pairs, results, strict=True)
        if r.credits and not (lab.kind == r.kind and (lab.amounts or lab.totals))
    ]
    with_amounts = [(lab, r) for lab, r in game if lab.amounts or lab.totals]
    exact = sum(
        1
        for lab, r in with_amounts
        if _same(lab.amounts, r.amounts) and _same(lab.totals, r.totals) and _same(lab.players, r.players)
    )
    confident = [(lab, r) for lab, r in game if r.confidence >= REVIEW_THRESHOLD]
    confusion: Counter[str] = Counter(f"{lab.kind}->{r.kind}" for lab, r in game if r.kind != lab.kind)
    n = max(1, len(game))
    return {
        "n_heldout": len(pairs),
        "n_game_heldout": len(game),
        "kind_counts": dict(Counter(lab.kind for lab, _ in game)),
        "kind_accuracy": correct / n,
        "rules_kind_accuracy": rule_correct / n,
        "model_kind_accuracy": model_correct / n if parser.has_model else None,
        "false_credits": len(false_credits),
        "false_credit_keys": false_credits[:20],
        "n_with_amounts": len(with_amounts),
        "amount_exact_match": exact / max(1, len(with_amounts)),
        "n_confident": len(confident),
        "confident_precision": sum(1 for lab, r in confident if r.kind == lab.kind) / max(1, len(confident)),
        "confusion": dict(confusion),
    }


def evaluate_unverified(parser: Parser, heldout: Sequence[data.Message]) -> dict[str, Any]:
    """People's held-out messages parsed with the sender unknown (text only)."""
    humans = [m for m in heldout if not senders.lookup(m.sender).known_bot]
    results = parser.parse_many([(m.text, None) for m in humans])
    credited = [m.key for m, r in zip(humans, results, strict=True) if r.credits]
    return {
        "n_human_heldout": len(humans),
        "unverified_false_credits": len(credited),
        "unverified_false_credit_keys": credited[:20],
        "unverified_kind_none_rate": sum(1 for r in results if r.kind == "none") / max(1, len(humans)),
    }


def train(
    history_path: Path | str,
    extra_examples: Sequence[data.Example],
    out_dir: Path | str,
    *,
    use_seed_examples: bool = True,
    use_translit: bool = True,
    encoder: ml.Encoder | None = None,
) -> ModelInfo:
    """Embed the training split (+ seed and extra examples), fit, evaluate on held-out, save."""
    overrides = data.load_overrides()
    train_msgs, heldout = data.split(data.load_history(history_path))
    examples = training_examples(train_msgs, overrides)
    if use_seed_examples and data.SEED_EXAMPLES_PATH.exists():
        examples += data.load_examples(data.SEED_EXAMPLES_PATH)
    examples += [e for e in extra_examples if e.kind in KINDS]
    enc = encoder or ml.get_encoder()
    clf = fit([e.text for e in examples], [e.kind for e in examples], enc, use_translit=use_translit)
    parser = Parser.with_model(ml.LoadedModel(clf, enc))
    metrics: dict[str, Any] = {
        "version": clf.version,
        "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "n_train_examples": len(examples),
        "n_extra_examples": len(extra_examples),
        "train_kind_counts": dict(Counter(e.kind for e in examples)),
        "split": f"sha256(export:id) % 100 < {data.HELDOUT_PERCENT} is held out",
        **evaluate(parser, heldout, overrides),
        **evaluate_unverified(parser, heldout),
    }
    out = Path(out_dir)
    model_path = out / f"{clf.version}.npz"
    clf.save(model_path, {"metrics": metrics})
    metrics_path = out / f"{clf.version}.metrics.json"
    metrics_path.write_text(json.dumps(metrics, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
    return ModelInfo(clf.version, model_path, metrics_path, metrics)


def promote_if_better(candidate_metrics: dict[str, Any], current_metrics: dict[str, Any] | None) -> bool:
    """A candidate replaces the current model when it makes no false credit on the held-out
    split, is at least as accurate on the held-out kinds, and does not credit more people's
    messages in the text-only (unknown sender) check. A missing current model is always beaten."""
    if int(candidate_metrics.get("false_credits", 1)) != 0:
        return False
    if not current_metrics:
        return True
    if int(candidate_metrics.get("unverified_false_credits", 0)) > int(
        current_metrics.get("unverified_false_credits", 0)
    ):
        return False
    cand = float(candidate_metrics.get("kind_accuracy", 0.0))
    return cand >= float(current_metrics.get("kind_accuracy", 0.0))


def current_metrics(models_dir: Path = ml.MODELS_DIR) -> dict[str, Any] | None:
    meta = models_dir / "current.json"
    if not meta.exists():
        return None
    loaded: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8")).get("metrics") or {}
    return loaded


def install_as_current(info: ModelInfo, models_dir: Path = ml.MODELS_DIR) -> None:
    models_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(info.model_path, models_dir / "current.npz")
    shutil.copyfile(info.model_path.with_suffix(".json"), models_dir / "current.json")
