"""Command-line entry points (the lead wires them into `lucas parse` / `lucas parser-train`).

python -m resolvers.ingestion.parser.cli parse [--rules-only] < in.jsonl > out.jsonl
python -m resolvers.ingestion.parser.cli train [--history P] [--extra P] [--out DIR] [--promote]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import data
from . import model as ml

BATCH: int = 64


def _decode(line: str) -> tuple[str, str | None]:
    """One input line -> (text, sender); raises ValueError with a message for a bad line."""
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    text = obj.get("text")
    sender = obj.get("from", obj.get("sender"))
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    if sender is not None and not isinstance(sender, str):
        raise ValueError('"from" must be a string or null')
    return text, sender


def parse_stream(stdin: TextIO, stdout: TextIO, *, use_model: bool = True) -> int:
    """Read JSON lines ``{"text", "from"}``; write one JSON line per input line, in order.

    A malformed line gets ``{"error": ...}`` on its own output line; the exit code is 1 when
    any line was bad, else 0. Blank input lines are skipped.
    """
    from .parser import Parser, default_parser

    parser = default_parser() if use_model else Parser(use_model=False)
    bad = False
    pending: list[tuple[str, str | None] | str] = []

    def flush() -> None:
        good = [p for p in pending if isinstance(p, tuple)]
        results = iter(parser.parse_many(good))
        for p in pending:
            out = {"error": p} if isinstance(p, str) else next(results).to_json()
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
        pending.clear()

    for line in stdin:
        if not line.strip():
            continue
        try:
            pending.append(_decode(line))
        except ValueError as exc:
            bad = True
            pending.append(str(exc))
        if len(pending) >= BATCH:
            flush()
    flush()
    return 1 if bad else 0


def train_command(argv: Sequence[str]) -> int:
    """Train a candidate model; with --promote install it as current if it is at least as good."""
    from .train import current_metrics, install_as_current, promote_if_better, train

    ap = argparse.ArgumentParser(prog="parser-train", description=train_command.__doc__)
    ap.add_argument("--history", type=Path, default=data.HISTORY_PATH, help="chat history JSON lines")
    ap.add_argument(
        "--extra", type=Path, action="append", default=[], help='JSON lines {"text","from","kind"}'
    )
    ap.add_argument(
        "--out", type=Path, default=ml.MODELS_DIR / "candidates", help="where candidates are written"
    )
    ap.add_argument("--promote", action="store_true", help="install as models/current.* if not worse")
    ap.add_argument("--no-seed", action="store_true", help="do not add the packaged seed examples")
    args = ap.parse_args(list(argv))
    extra: list[data.Example] = []
    for p in args.extra:
        extra += data.load_examples(p)
    info = train(args.history, extra, args.out, use_seed_examples=not args.no_seed)
    m = info.metrics
    print(f"model {info.version}: {info.model_path}")
    print(
        f"held-out kind accuracy {m['kind_accuracy']:.4f} (rules {m['rules_kind_accuracy']:.4f}, "
        f"model alone {m['model_kind_accuracy']:.4f}); false credits {m['false_credits']}; "
        f"unverified false credits {m['unverified_false_credits']}"
    )
    if args.promote:
        current = current_metrics()
        if promote_if_better(m, current):
            install_as_current(info)
            print("promoted to models/current.npz")
        else:
            print("not promoted: not at least as good as the current model")
            return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if args else 2
    cmd, rest = args[0], args[1:]
    if cmd == "parse":
        return parse_stream(sys.stdin, sys.stdout, use_model="--rules-only" not in rest)
    if cmd == "train":
        return train_command(rest)
    print(f"unknown command {cmd!r}; use parse or train", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
