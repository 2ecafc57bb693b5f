"""Fixtures for the parser tests.

Almost every test runs the rules only (fast). Tests that need the sentence model are marked
``model`` and share one session-scoped loaded parser (MiniLM loads once per process).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt
import pytest

from resolvers.ingestion.parser import Parser
from resolvers.ingestion.parser import data as pdata


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "model: needs the sentence-transformers model (slow to load)")


@pytest.fixture(scope="session")
def rules_parser() -> Parser:
    return Parser(use_model=False)


@pytest.fixture(scope="session")
def history() -> dict[str, pdata.Message]:
    return {m.key: m for m in pdata.load_history()}


@pytest.fixture(scope="session")
def model_parser() -> Iterator[Parser]:
    saved = os.environ.pop("LUCAS_PARSER_MODEL", None)
    try:
        parser = Parser(use_model=True)
    finally:
        if saved is not None:
            os.environ["LUCAS_PARSER_MODEL"] = saved
    assert parser.has_model, parser.model_error
    yield parser


class HashEncoder:
    """A deterministic stand-in for MiniLM: hashed character trigrams, L2-normalised (384 dims)."""

    dim = 384

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            s = f"  {t.lower()}  "
            for j in range(len(s) - 2):
                h = int.from_bytes(hashlib.blake2b(s[j : j + 3].encode(), digest_size=4).digest(), "big")
                out[i, h % self.dim] += 1.0
            n = float(np.linalg.norm(out[i]))
            if n:
                out[i] /= n
        return out


@pytest.fixture
def hash_encoder() -> HashEncoder:
    return HashEncoder()
