"""The chat history as labelled data: loading, the fixed held-out split, the labels."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from . import rules, senders
from .result import Amount

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
HISTORY_PATH: Final = DATA_DIR / "chat-history.jsonl"
OVERRIDES_PATH: Final = DATA_DIR / "labels_overrides.jsonl"
SEED_EXAMPLES_PATH: Final = DATA_DIR / "seed_examples.jsonl"

HELDOUT_PERCENT: Final = 25


@dataclass(frozen=True, slots=True)
class Message:
    export: str
    id: int
    sender: str
    text: str

    @property
    def key(self) -> str:
        return f"{self.export}:{self.id}"


@dataclass(frozen=True, slots=True)
class Label:
    """Ground truth for one message. ``source`` is None for people and non-game bots."""

    source: str | None
    kind: str
    players: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    totals: tuple[Amount, ...] = ()
    overridden: bool = False


@dataclass(frozen=True, slots=True)
class Example:
    """A training example: a text, who sent it, and its kind."""

    text: str
    sender: str | None
    kind: str


def load_history(path: Path | str = HISTORY_PATH) -> list[Message]:
    out: list[Message] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out.append(Message(str(d["export"]), int(d["id"]), str(d["from"]), str(d.get("text") or "")))
    return out


def is_heldout(export: str, msg_id: int) -> bool:
    """The fixed split: sha256("<export>:<id>"), first 4 bytes as an integer, mod 100 < 25."""
    digest = hashlib.sha256(f"{export}:{msg_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELDOUT_PERCENT


def split(messages: Iterable[Message]) -> tuple[list[Message], list[Message]]:
    train: list[Message] = []
    heldout: list[Message] = []
    for m in messages:
        (heldout if is_heldout(m.export, m.id) else train).append(m)
    return train, heldout


def _amounts(raw: Any) -> tuple[Amount, ...]:
    return tuple(Amount(str(a["currency"]), str(a["amount"])) for a in raw or ())


def load_overrides(path: Path | str = OVERRIDES_PATH) -> dict[str, dict[str, Any]]:
    """``{"export", "id", "kind", [players, amounts, totals], "note"}`` per line, keyed export:id."""
    out: dict[str, dict[str, Any]] = {}
    p = Path(path)
    if not p.exists():
        return out
    for line in p.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            d = json.loads(line)
            out[f"{d['export']}:{d['id']}"] = d
    return out


def rule_label(text: str, sender: str) -> Label:
    info = senders.lookup(sender)
    if info.source is None:
        return Label(None, "none")
    r = rules.apply(text, info.source)
    return Label(r.source, r.kind, r.players, r.amounts, r.totals)


def label(msg: Message, overrides: dict[str, dict[str, Any]]) -> Label:
    base = rule_label(msg.text, msg.sender)
    o = overrides.get(msg.key)
    if o is None:
        return base
    return Label(
        source=base.source,
        kind=str(o["kind"]),
        players=tuple(o["players"]) if "players" in o else base.players,
        amounts=_amounts(o["amounts"]) if "amounts" in o else base.amounts,
        totals=_amounts(o["totals"]) if "totals" in o else base.totals,
        overridden=True,
    )


def labelled(
    messages: Iterable[Message], overrides: dict[str, dict[str, Any]] | None = None
) -> Iterator[tuple[Message, Label]]:
    ov = load_overrides() if overrides is None else overrides
    for m in messages:
        yield m, label(m, ov)


def load_examples(path: Path | str) -> list[Example]:
    """Extra examples as JSON lines ``{"text", "from"|"sender", "kind"}``."""
    out: list[Example] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Example(str(d["text"]), d.get("from", d.get("sender")), str(d["kind"])))
    return out
