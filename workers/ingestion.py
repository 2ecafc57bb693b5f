"""Ingestion's jobs: the weekly retraining of the message parser (a reconciler keyed by ISO week)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from resolvers.ingestion import training
from workers import runtime
from workers.broker import job

log = logging.getLogger("lucas.workers")


@job("parser_retrain", every=3600.0, at_start=False, max_retries=1, time_limit=3_600_000)
async def parser_retrain() -> dict[str, object]:
    rt = runtime.get()
    history = os.environ.get("LUCAS_PARSER_HISTORY")
    result = await training.retrain(
        rt.db,
        clock=rt.clock,
        out_dir=rt.settings.data_dir / "models",
        history_path=Path(history) if history else training.DEFAULT_HISTORY,
    )
    if result.ran:
        log.info("parser retrained: %s (promoted: %s)", result.version, result.promoted)
    return {"ran": result.ran, "version": result.version, "promoted": result.promoted}
