"""Every notification kind the code creates has texts in Russian and English.

The kinds are read from the source: the ``kind=`` of every ``Note(...)``, ``notify(...)``,
``notify_admins(...)`` and ``staff_notes(...)`` call under resolvers/ and workers/, following
helpers that pass their own ``kind`` parameter on (``_paid(kind=…)``, ``notify_clan(kind=…)``).
Kinds built from a variable the scan cannot follow are listed in ``BUILT`` with their values."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import schema  # noqa: F401  (what the API loads: every domain, and so their texts)
from resolvers import notification_texts as texts

ROOT = Path(__file__).resolve().parents[2]
Fn = ast.FunctionDef | ast.AsyncFunctionDef
CREATORS = {"Note", "notify", "notify_admins", "staff_notes"}
# Kinds made from a variable: (file, function) → every value it takes.
BUILT: dict[tuple[str, str], set[str]] = {
    ("resolvers/trading/common.py", "note"): {
        f"trade.{v}" for v in ("accepted", "declined", "countered", "expired")
    },
    ("resolvers/ingestion/nicknames.py", "review_claim"): {
        "ingestion.nickname_approved",
        "ingestion.nickname_rejected",
    },
    ("resolvers/referrals/rewards.py", "review"): {"referral.approved", "referral.rejected"},
}
# Domains being written right now whose engineers add their own texts; a kind of theirs without
# texts is reported by name here instead of failing, so nothing is skipped silently. Empty the
# tuple once they are done.
IN_PROGRESS: tuple[str, ...] = ()


def _called(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _functions(tree: ast.AST, fn: Fn | None = None) -> Iterator[tuple[ast.AST, Fn | None]]:
    """Every node with its innermost enclosing function."""
    for child in ast.iter_child_nodes(tree):
        inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else fn
        yield child, inner
        yield from _functions(child, inner)


class Scan:
    def __init__(self) -> None:
        self.kinds: dict[str, list[str]] = {}
        self.wrappers: set[str] = set()
        self.unresolved: list[str] = []
        self.used: set[tuple[str, str]] = set()

    def resolve(self, node: ast.expr, path: str, module: str, fn: Fn | None) -> set[str] | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            a, b = self.resolve(node.body, path, module, fn), self.resolve(node.orelse, path, module, fn)
            return a | b if a is not None and b is not None else None
        if isinstance(node, ast.Name) and fn is not None:
            if node.id in {a.arg for a in (*fn.args.args, *fn.args.kwonlyargs)}:
                self.wrappers.add(fn.name)
                return set()  # its callers' kinds are collected where they call it
            for stmt in ast.walk(fn):
                if isinstance(stmt, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == node.id for t in stmt.targets
                ):
                    return self.resolve(stmt.value, path, module, fn)
        if isinstance(node, ast.Name | ast.Attribute):
            try:
                value = eval(ast.unparse(node), vars(importlib.import_module(module)))
            except (NameError, AttributeError):
                value = None
            if isinstance(value, str):
                return {value}
        key = (path, fn.name if fn is not None else "")
        if key in BUILT:
            self.used.add(key)
            return BUILT[key]
        return None

    def run(self) -> None:
        files = sorted(p for d in ("resolvers", "workers") for p in (ROOT / d).rglob("*.py"))
        trees = {p: ast.parse(p.read_text()) for p in files}
        seen = -1
        while seen != len(self.wrappers):  # until no new helper passes its kind on
            seen = len(self.wrappers)
            self.kinds, self.unresolved = {}, []
            for p, tree in trees.items():
                path = str(p.relative_to(ROOT))
                module = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
                for node, fn in _functions(tree):
                    if not isinstance(node, ast.Call) or _called(node) not in CREATORS | self.wrappers:
                        continue
                    for kw in node.keywords:
                        if kw.arg != "kind":
                            continue
                        found = self.resolve(kw.value, path, module, fn)
                        if found is None:
                            self.unresolved.append(f"{path}:{node.lineno} {ast.unparse(kw.value)}")
                        for kind in found or ():
                            self.kinds.setdefault(kind, []).append(f"{path}:{node.lineno}")


@pytest.fixture(scope="module")
def scan() -> Scan:
    found = Scan()
    found.run()
    return found


def test_the_scan_follows_every_kind(scan: Scan) -> None:
    assert scan.unresolved == [], "add these to BUILT with every value they take"
    assert set(BUILT) <= scan.used, "BUILT lists a place that no longer makes a kind"
    assert len(scan.kinds) > 40
    # It sees the kinds of each way of notifying: literal, helper parameter, constant, admins
    for kind in (
        "gift.received",
        "loan.payment",
        "quest.completed",
        "achievement.unlocked",
        "gdboard.submitted",
    ):
        assert kind in scan.kinds


def test_every_kind_has_texts_in_both_languages(scan: Scan) -> None:
    missing = {k: at for k, at in scan.kinds.items() if not texts.defined(k)}
    waiting = {
        k: at for k, at in missing.items() if any(f"resolvers/{d}" in a for a in at for d in IN_PROGRESS)
    }
    assert {k: at for k, at in missing.items() if k not in waiting} == {}
    assert set(texts.LANGUAGES) == {"en", "ru"}
    for kind in scan.kinds:
        if kind not in waiting:
            assert set(texts._TEXTS[kind]) == {"en", "ru"}, kind
