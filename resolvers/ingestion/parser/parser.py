"""The entry point: rules + model combined into one `ParseResult`."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import numpy as np

from . import model as ml
from . import rules, senders
from .result import KINDS, RULES_MODEL, ParseResult
from .rules import FULL, KNOWN_OTHER, RuleMatch

# Confidence is calibrated around the API's review threshold of 0.8: agreement of rules
# and model lifts it towards 1, any disagreement caps it below the threshold.
REVIEW_THRESHOLD: Final = 0.8
DISAGREE_CAP: Final = 0.75
UNVERIFIED_FACTOR: Final = 0.6  # sender unknown: classified by text only
MODEL_OVERRIDE_P: Final = 0.5
# With the sender unknown the rules' "none" is the safe answer; the model may only overrule it
# when it is sure (people's chat otherwise drifts into "other" at p 0.5-0.75).
UNVERIFIED_OVERRIDE_P: Final = 0.8


# When the model is consulted: "unsure" (default) only for messages whose format the rules did not
# recognise (there the model can change the kind; elsewhere it could only move the confidence);
# "always" for every message that may be a game bot's (the behaviour before 2026-12-03, kept for
# the benchmark and for reading the classifier's opinion on every message).
Consult = Literal["unsure", "always"]
CONSULT_MODES: Final[tuple[Consult, ...]] = ("unsure", "always")


def recognised(rule: RuleMatch) -> bool:
    """The rules matched a known format fully (a credit format, or a known non-credit notice)."""
    return rule.strength >= FULL or (rule.kind == "other" and rule.strength >= KNOWN_OTHER)


@dataclass(frozen=True, slots=True)
class Decision:
    kind: str
    confidence: float
    model_kind: str | None


def combine(
    rule: RuleMatch, probs: dict[str, float] | None, override_p: float = MODEL_OVERRIDE_P
) -> Decision:
    """Merge the rules' kind (with its strength) and the model's distribution over kinds."""
    r = rule.strength
    if not probs:
        return Decision(rule.kind, r, None)
    m = max(probs, key=lambda k: probs[k])
    p = probs[m]
    if m == rule.kind:
        return Decision(rule.kind, min(0.99, 1 - (1 - r) * (1 - p)), m)
    if not recognised(rule) and p >= override_p:
        # The rules did not recognise the format; trust the model's kind, flag for review.
        return Decision(m, min(DISAGREE_CAP, p * 0.8), m)
    return Decision(rule.kind, min(DISAGREE_CAP, max(0.2, r - p / 2)), m)


def _restrict(row: np.ndarray, classes: Sequence[str], allowed: frozenset[str]) -> dict[str, float]:
    probs = {c: float(v) for c, v in zip(classes, row, strict=True) if c in allowed}
    total = sum(probs.values())
    return {c: v / total for c, v in probs.items()} if total > 0 else {}


_GAME_KINDS: Final = frozenset(k for k in KINDS if k != "none")
_ALL_KINDS: Final = frozenset(KINDS)


class Parser:
    """Holds the (optional) loaded model. ``use_model=False`` gives the rules only;
    ``consult`` says which messages the model reads (see ``Consult``)."""

    def __init__(
        self, *, use_model: bool = True, model_path: Path | None = None, consult: Consult = "unsure"
    ) -> None:
        if consult not in CONSULT_MODES:
            raise ValueError(f"consult must be one of {CONSULT_MODES}, not {consult!r}")
        self.consult: Consult = consult
        self._model: ml.LoadedModel | None = None
        self.model_error: str | None = "model not requested (rules only)"
        if use_model:
            self._model, self.model_error = ml.load(model_path)

    @classmethod
    def with_model(cls, loaded: ml.LoadedModel, *, consult: Consult = "unsure") -> Parser:
        """A parser around an already loaded model (used by training and the benchmark)."""
        p = cls(use_model=False, consult=consult)
        p._model, p.model_error = loaded, None
        return p

    @property
    def model_version(self) -> str:
        return self._model.classifier.version if self._model else RULES_MODEL

    @property
    def loaded_model(self) -> ml.LoadedModel | None:
        return self._model

    @property
    def has_model(self) -> bool:
        return self._model is not None

    def parse(self, text: str, sender: str | None) -> ParseResult:
        return self.parse_many([(text, sender)])[0]

    def parse_many(self, items: Sequence[tuple[str, str | None]]) -> list[ParseResult]:
        """Parse a batch; the model embeds, in one go, the game-bot (and unknown-sender) texts
        it is consulted on."""
        texts = [t if isinstance(t, str) else "" for t, _ in items]
        plans: list[tuple[RuleMatch | None, bool]] = []
        for text, (_, sender) in zip(texts, items, strict=True):
            if sender is None:
                plans.append((rules.guess(text), True))
                continue
            source = senders.lookup(sender).source if isinstance(sender, str) else None
            plans.append((rules.apply(text, source) if source else None, False))
        always = self.consult == "always"
        need = [
            i for i, (rule, _) in enumerate(plans) if rule is not None and (always or not recognised(rule))
        ]
        probs: dict[int, dict[str, float]] = {}
        version, error = self.model_version, self.model_error
        if self._model is not None and need:
            clf = self._model.classifier
            try:
                rows = clf.proba([texts[i] for i in need], self._model.encoder)
            except Exception as exc:  # inference failure: answer with the rules for this batch
                version, error = RULES_MODEL, f"inference failed: {type(exc).__name__}: {exc}"[:500]
            else:
                for i, row in zip(need, rows, strict=True):
                    probs[i] = _restrict(row, clf.classes, _ALL_KINDS if plans[i][1] else _GAME_KINDS)
        return [
            self._result(rule, unverified, probs.get(i), version, error)
            for i, (rule, unverified) in enumerate(plans)
        ]

    def _result(
        self,
        rule: RuleMatch | None,
        unverified: bool,
        probs: dict[str, float] | None,
        version: str,
        error: str | None,
    ) -> ParseResult:
        if rule is None:  # a person or a bot whose games are not credited
            return ParseResult(None, "none", confidence=1.0, model=version, model_error=error)
        d = combine(rule, probs, UNVERIFIED_OVERRIDE_P if unverified else MODEL_OVERRIDE_P)
        keep_fields = d.kind == rule.kind
        conf = d.confidence * (UNVERIFIED_FACTOR if unverified else 1.0)
        return ParseResult(
            source=rule.source if d.kind != "none" else None,
            kind=d.kind,
            players=rule.players if keep_fields else (),
            amounts=rule.amounts if keep_fields else (),
            totals=rule.totals if keep_fields else (),
            confidence=round(max(0.0, min(1.0, conf)), 4),
            model=version,
            model_error=error,
            rule_kind=rule.kind,
            model_kind=d.model_kind,
            details=rule.details if keep_fields else (),
        )


_DEFAULT: Parser | None = None
_DEFAULT_LOCK: Final = threading.Lock()


def default_parser() -> Parser:
    """The process-wide parser; the model (if any) is loaded on first use, once."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Parser(use_model=True)
        return _DEFAULT


def parse_message(text: str, sender: str | None) -> ParseResult:
    """Parse one chat message. ``sender`` is the display name or bot username (None: unknown)."""
    return default_parser().parse(text, sender)
