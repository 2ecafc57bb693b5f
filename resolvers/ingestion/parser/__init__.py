"""Game-bot message parser: rules + MiniLM embeddings + a small kind classifier.

Pure Python (no web/database imports). Entry points:

* ``parse_message(text, sender) -> ParseResult`` (process-wide parser, model loaded lazily);
* ``Parser(use_model=...)`` with ``parse`` and ``parse_many``;
* ``train(history_path, extra_examples, out_dir) -> ModelInfo`` and ``promote_if_better``.
"""

from .data import Example
from .parser import Parser, default_parser, parse_message
from .result import CREDIT_KINDS, CURRENCIES, KINDS, SOURCES, Amount, ParseResult
from .train import ModelInfo, promote_if_better, train

__all__ = [
    "CREDIT_KINDS",
    "CURRENCIES",
    "KINDS",
    "SOURCES",
    "Amount",
    "Example",
    "ModelInfo",
    "ParseResult",
    "Parser",
    "default_parser",
    "parse_message",
    "promote_if_better",
    "train",
]
