"""Benchmark of the game-bot message parser on the fixed held-out split.

    .venv/bin/python tests/bench/bench_parser.py [--json out.json] [--compare]

Reports, for the rules alone and for the hybrid (rules + MiniLM classifier, consulted only where
the rules did not recognise the format), and for the hybrid consulting the model on every game-bot
message (the behaviour before 2026-12-03, as the same-run baseline of the speed-up):
kind accuracy over game-bot messages, false credits on people's messages, amount
exact-match on messages carrying amounts, messages/second; baselines measured in the
same run (majority class, keywords, rules-only throughput) with ratios; a "format drift"
set (held-out bot messages with their layout perturbed) where the rules alone break;
and with --compare, TF-IDF char n-grams + logistic regression and MiniLM without
transliteration trained on the same examples.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from resolvers.ingestion.parser import Parser  # noqa: E402
from resolvers.ingestion.parser import data as pdata  # noqa: E402
from resolvers.ingestion.parser import model as ml  # noqa: E402
from resolvers.ingestion.parser.parser import REVIEW_THRESHOLD  # noqa: E402
from resolvers.ingestion.parser.result import CREDIT_KINDS  # noqa: E402
from resolvers.ingestion.parser.text import clean  # noqa: E402
from resolvers.ingestion.parser.train import evaluate, evaluate_unverified, training_examples  # noqa: E402

KEYWORDS: list[tuple[str, str]] = [
    (r"КАРТ|карточк", "card"),
    (r"сундук", "chest"),
    (r"ПРОФИЛЬ|Деньги:", "profile"),
    (r"Рыбалка", "fishing"),
    (r"рейтинг", "karma"),
    (r"окончена|бункер", "game_end"),
]


def keyword_kind(text: str) -> str:
    for pattern, kind in KEYWORDS:
        if re.search(pattern, text, re.I):
            return kind
    return "other"


def drift(text: str) -> str:
    """A plausible format change: header line dropped, label separators and wording changed."""
    lines = clean(text).split("\n")
    if len(lines) > 2:
        lines = lines[1:]
    out = "\n".join(lines)
    for old, new in (
        (":", " —"),
        ("•", "|"),
        ("открыл сундук и получил", "открыл(а) сундук, награда"),
        ("Лайк!", "👍"),
        ("Дизлайк!", "👎"),
        ("Теперь его рейтинг", "Рейтинг теперь"),
    ):
        out = out.replace(old, new)
    return out


def throughput(parser: Parser, items: Sequence[tuple[str, str | None]], batch: int = 64) -> float:
    started = time.perf_counter()
    for i in range(0, len(items), batch):
        parser.parse_many(items[i : i + batch])
    return len(items) / max(1e-9, time.perf_counter() - started)


def drift_figures(parser: Parser, game: Sequence[tuple[pdata.Message, pdata.Label]]) -> dict[str, Any]:
    items = [(drift(m.text), m.sender) for m, _ in game]
    results = parser.parse_many(items)
    correct = sum(1 for (_, lab), r in zip(game, results, strict=True) if r.kind == lab.kind)
    credit = [(lab, r) for (_, lab), r in zip(game, results, strict=True) if lab.kind in CREDIT_KINDS]
    silent = sum(1 for lab, r in credit if r.kind != lab.kind and r.confidence >= REVIEW_THRESHOLD)
    return {
        "n": len(game),
        "kind_accuracy": correct / max(1, len(game)),
        "n_credit": len(credit),
        "credit_silently_missed": silent,
        "credit_flagged_or_right": (len(credit) - silent) / max(1, len(credit)),
    }


def model_alone_accuracy(
    proba: Callable[[list[str]], Any], classes: Sequence[str], game: Sequence[Any]
) -> float:
    import numpy as np

    allowed = np.array([c != "none" for c in classes])
    rows = proba([m.text for m, _ in game])
    preds = [classes[int(np.argmax(np.where(allowed, row, -1.0)))] for row in rows]
    return sum(1 for p, (_, lab) in zip(preds, game, strict=True) if p == lab.kind) / max(1, len(game))


def compare(
    train_ex: Sequence[pdata.Example], game: Sequence[tuple[pdata.Message, pdata.Label]], hybrid: Parser
) -> dict[str, Any]:
    """TF-IDF char n-grams + LR, and MiniLM without transliteration, on the same examples."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from resolvers.ingestion.parser.text import for_embedding

    out: dict[str, Any] = {}
    texts = [for_embedding(e.text, use_translit=False) for e in train_ex]
    kinds = [e.kind for e in train_ex]
    t0 = time.perf_counter()
    vec = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2, max_features=30000
    )
    x = vec.fit_transform(texts)
    lr = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced", random_state=0).fit(x, kinds)
    fit_s = time.perf_counter() - t0
    classes = [str(c) for c in lr.classes_]

    def tfidf_proba(batch: list[str]) -> Any:
        return lr.predict_proba(vec.transform([for_embedding(t, use_translit=False) for t in batch]))

    t0 = time.perf_counter()
    acc = model_alone_accuracy(tfidf_proba, classes, game)
    rate = len(game) / max(1e-9, time.perf_counter() - t0)

    class TfidfEncoder:
        def encode(self, batch: Sequence[str]) -> Any:
            return np.asarray(vec.transform(list(batch)).toarray(), dtype=np.float32)

    clf = ml.KindClassifier(
        "tfidf-lr",
        tuple(classes),
        np.asarray(lr.coef_, np.float32),
        np.asarray(lr.intercept_, np.float32),
        False,
    )
    tfidf_hybrid = Parser.with_model(ml.LoadedModel(clf, TfidfEncoder()))
    hyb = evaluate(tfidf_hybrid, [m for m, _ in game], pdata.load_overrides())
    out["tfidf_lr"] = {
        "fit_seconds": fit_s,
        "model_alone_kind_accuracy": acc,
        "hybrid_kind_accuracy": hyb["kind_accuracy"],
        "classify_msgs_per_s": rate,
        "drift": drift_figures(tfidf_hybrid, game),
        "size_bytes": int(lr.coef_.size * 4 + sum(len(k) for k in vec.vocabulary_)),
    }
    enc = ml.get_encoder()
    from resolvers.ingestion.parser.train import fit

    t0 = time.perf_counter()
    plain = fit([e.text for e in train_ex], kinds, enc, use_translit=False)
    fit_s = time.perf_counter() - t0
    loaded = ml.LoadedModel(plain, enc)
    out["minilm_no_translit"] = {
        "fit_seconds_incl_embedding": fit_s,
        "model_alone_kind_accuracy": model_alone_accuracy(lambda b: plain.proba(b, enc), plain.classes, game),
        "drift": drift_figures(Parser.with_model(loaded), game),
    }
    cur = hybrid.loaded_model
    assert cur is not None
    out["minilm_translit"] = {
        "model_alone_kind_accuracy": model_alone_accuracy(
            lambda b: cur.classifier.proba(b, cur.encoder), cur.classifier.classes, game
        ),
        "drift": drift_figures(hybrid, game),
    }
    return out


def run(do_compare: bool = False) -> dict[str, Any]:
    overrides = pdata.load_overrides()
    train_msgs, heldout = pdata.split(pdata.load_history())
    pairs = list(pdata.labelled(heldout, overrides))
    game = [(m, lab) for m, lab in pairs if lab.source is not None]
    all_items = [(m.text, m.sender) for m, _ in pairs]
    game_items = [(m.text, m.sender) for m, _ in game]
    train_ex = training_examples(train_msgs, overrides) + pdata.load_examples(pdata.SEED_EXAMPLES_PATH)
    majority = Counter(e.kind for e in train_ex if e.kind != "none").most_common(1)[0][0]

    rules = Parser(use_model=False)
    t0 = time.perf_counter()
    hybrid = Parser(use_model=True)
    load_s = time.perf_counter() - t0
    if not hybrid.has_model or hybrid.loaded_model is None:
        raise SystemExit(f"model not loaded: {hybrid.model_error}")
    always = Parser.with_model(hybrid.loaded_model, consult="always")

    res: dict[str, Any] = {
        "split": {"heldout": len(pairs), "game_bot_heldout": len(game), "train": len(train_msgs)},
        "model_version": hybrid.model_version,
        "model_load_seconds": load_s,
        "baselines": {
            "majority_kind": majority,
            "majority_accuracy": sum(1 for _, lab in game if lab.kind == majority) / len(game),
            "keyword_accuracy": sum(1 for m, lab in game if keyword_kind(m.text) == lab.kind) / len(game),
        },
        "rules": evaluate(rules, heldout, overrides),
        "hybrid": evaluate(hybrid, heldout, overrides),
        "hybrid_always": evaluate(always, heldout, overrides),
        "hybrid_unverified": evaluate_unverified(hybrid, heldout),
        "rules_unverified": evaluate_unverified(rules, heldout),
    }
    unverified_game = hybrid.parse_many([(m.text, None) for m, _ in game])
    res["hybrid_unverified"]["game_kind_accuracy"] = sum(
        1 for (_, lab), r in zip(game, unverified_game, strict=True) if r.kind == lab.kind
    ) / len(game)
    res["throughput"] = {
        "rules_all_msgs_per_s": throughput(rules, all_items),
        "hybrid_all_msgs_per_s": throughput(hybrid, all_items),
        "always_all_msgs_per_s": throughput(always, all_items),
        "rules_game_msgs_per_s": throughput(rules, game_items),
        "hybrid_game_msgs_per_s": throughput(hybrid, game_items),
        "always_game_msgs_per_s": throughput(always, game_items),
    }
    res["drift"] = {
        "rules": drift_figures(rules, game),
        "hybrid": drift_figures(hybrid, game),
        "always": drift_figures(always, game),
    }
    if do_compare:
        res["compare"] = compare(train_ex, game, hybrid)
    return res


def _ratio(a: float, b: float) -> str:
    if not b or not a:
        return "n/a"
    return f"{a / b:.2f}x" if a / b >= 0.1 else f"1/{b / a:.0f}"


def table(res: dict[str, Any]) -> str:
    r, h, b, t = res["rules"], res["hybrid"], res["baselines"], res["throughput"]
    a, d = res["hybrid_always"], res["drift"]
    n_game = max(1, res["split"]["game_bot_heldout"])
    rows = [
        ("figure", "value", "baseline", "ratio"),
        ("held-out game-bot messages", str(res["split"]["game_bot_heldout"]), "", ""),
        ("kind accuracy, hybrid", f"{h['kind_accuracy']:.4f}", f"{b['majority_accuracy']:.4f} majority",
         _ratio(h["kind_accuracy"], b["majority_accuracy"])),
        ("kind accuracy, hybrid, model on every message", f"{a['kind_accuracy']:.4f}",
         f"{h['kind_accuracy']:.4f} only where unsure", ""),
        ("kind accuracy, rules alone", f"{r['kind_accuracy']:.4f}", f"{b['keyword_accuracy']:.4f} keywords",
         _ratio(r["kind_accuracy"], b["keyword_accuracy"])),
        ("kind accuracy, classifier alone", f"{h['model_kind_accuracy']:.4f}",
         f"{b['keyword_accuracy']:.4f} keywords", _ratio(h["model_kind_accuracy"], b["keyword_accuracy"])),
        ("false credits (real senders)", str(h["false_credits"]), f"{r['false_credits']} rules",
         f"{a['false_credits']} model on every message; goal 0"),
        ("false credits, people, sender unknown", str(res["hybrid_unverified"]["unverified_false_credits"]),
         f"{res['rules_unverified']['unverified_false_credits']} rules",
         f"of {res['hybrid_unverified']['n_human_heldout']}"),
        ("amount exact match", f"{h['amount_exact_match']:.4f}", f"{r['amount_exact_match']:.4f} rules",
         f"n={h['n_with_amounts']}"),
        ("share with confidence >= 0.8 (no review)", f"{h['n_confident'] / n_game:.4f}",
         f"{r['n_confident'] / n_game:.4f} rules", f"precision {h['confident_precision']:.4f}"),
        ("msgs/s all held-out, hybrid", f"{t['hybrid_all_msgs_per_s']:.0f}", f"{t['rules_all_msgs_per_s']:.0f} rules",
         _ratio(t["hybrid_all_msgs_per_s"], t["rules_all_msgs_per_s"])),
        ("msgs/s game-bot only, hybrid", f"{t['hybrid_game_msgs_per_s']:.0f}",
         f"{t['rules_game_msgs_per_s']:.0f} rules", _ratio(t["hybrid_game_msgs_per_s"], t["rules_game_msgs_per_s"])),
        ("msgs/s all held-out, hybrid vs model on every message", f"{t['hybrid_all_msgs_per_s']:.0f}",
         f"{t['always_all_msgs_per_s']:.0f} every", _ratio(t["hybrid_all_msgs_per_s"], t["always_all_msgs_per_s"])),
        ("msgs/s game-bot only, hybrid vs model on every message", f"{t['hybrid_game_msgs_per_s']:.0f}",
         f"{t['always_game_msgs_per_s']:.0f} every",
         _ratio(t["hybrid_game_msgs_per_s"], t["always_game_msgs_per_s"])),
        ("drift set kind accuracy, hybrid", f"{d['hybrid']['kind_accuracy']:.4f}",
         f"{d['rules']['kind_accuracy']:.4f} rules", _ratio(d["hybrid"]["kind_accuracy"], d["rules"]["kind_accuracy"])),
        ("drift set kind accuracy, model on every message", f"{d['always']['kind_accuracy']:.4f}",
         f"{d['hybrid']['kind_accuracy']:.4f} only where unsure", ""),
        ("drift credit msgs wrong at conf >= 0.8", str(d["hybrid"]["credit_silently_missed"]),
         f"{d['always']['credit_silently_missed']} every; {d['rules']['credit_silently_missed']} rules",
         f"of {d['hybrid']['n_credit']}"),
        ("model load (s)", f"{res['model_load_seconds']:.1f}", "", ""),
    ]  # fmt: skip
    if "compare" in res:
        c = res["compare"]
        rows += [
            ("classifier alone: MiniLM+translit", f"{c['minilm_translit']['model_alone_kind_accuracy']:.4f}", "", ""),
            ("classifier alone: MiniLM, no translit", f"{c['minilm_no_translit']['model_alone_kind_accuracy']:.4f}",
             "", ""),
            ("classifier alone: TF-IDF char+LR", f"{c['tfidf_lr']['model_alone_kind_accuracy']:.4f}", "", ""),
            ("hybrid with TF-IDF+LR", f"{c['tfidf_lr']['hybrid_kind_accuracy']:.4f}", "", ""),
            ("classify msgs/s: TF-IDF+LR vs MiniLM hybrid", f"{c['tfidf_lr']['classify_msgs_per_s']:.0f}",
             f"{t['hybrid_game_msgs_per_s']:.0f} MiniLM",
             _ratio(c["tfidf_lr"]["classify_msgs_per_s"], t["hybrid_game_msgs_per_s"])),
            ("drift accuracy: MiniLM+translit / no translit / TF-IDF",
             f"{c['minilm_translit']['drift']['kind_accuracy']:.4f}",
             f"{c['minilm_no_translit']['drift']['kind_accuracy']:.4f}",
             f"{c['tfidf_lr']['drift']['kind_accuracy']:.4f}"),
        ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", type=Path, help="write all figures as JSON here")
    ap.add_argument(
        "--compare", action="store_true", help="also TF-IDF+LR and MiniLM without transliteration"
    )
    args = ap.parse_args(argv)
    res = run(args.compare)
    print(table(res))
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
