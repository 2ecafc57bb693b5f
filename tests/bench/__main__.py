"""``./dev bench``: every benchmark, each reported as a ratio against a baseline measured in the
same run. Figures go to standard output and to artifacts/bench/*.json."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from tests.bench import bench_api, bench_fanout

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(prog="./dev bench")
    parser.add_argument("--only", choices=["api", "parser", "fanout"], help="run one benchmark")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--transfers", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="serve --workers values for the API bench"
    )
    parser.add_argument("--subscribers", type=int, default=1000, help="fan-out: WebSocket subscribers")
    parser.add_argument("--rounds", type=int, default=100, help="fan-out: measured rounds per configuration")
    parser.add_argument(
        "--fanout-channel",
        choices=sorted(bench_fanout.SPECS),
        default="chat",
        help="fan-out: the subscription",
    )
    parser.add_argument(
        "--fanout-client",
        choices=sorted(bench_fanout.CLIENTS),
        default="raw",
        help="fan-out: the subscribers' WebSocket client (raw: a minimal reader; websockets: the library)",
    )
    args = parser.parse_args()
    out = ROOT / "artifacts" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "api"):
        results = bench_api.run(
            requests=args.requests,
            transfers=args.transfers,
            concurrency=args.concurrency,
            workers=tuple(args.workers),
        )
        (out / "api.json").write_text(json.dumps(results, indent=2))
        print(bench_api.report(results))
    if args.only in (None, "fanout"):
        fanout = bench_fanout.run(
            subscribers=args.subscribers,
            rounds=args.rounds,
            channel=args.fanout_channel,
            client=args.fanout_client,
        )
        (out / "fanout.json").write_text(json.dumps(fanout, indent=2))
        print(bench_fanout.report(fanout))
    if args.only in (None, "parser"):
        code = subprocess.call(
            [
                sys.executable,
                str(ROOT / "tests" / "bench" / "bench_parser.py"),
                "--json",
                str(out / "parser.json"),
            ],
            cwd=ROOT,
        )
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
