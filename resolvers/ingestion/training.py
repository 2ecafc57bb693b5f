"""Retraining the parser's kind classifier, once a week, as a reconciler.

A run is keyed by ISO week and claimed by inserting its row, so a repeated, lost or concurrent job
message trains at most once per week and the scheduler may tick often (a run left ``running`` for
six hours, or ``failed`` a day ago, is taken over). It trains on the chat history plus the
moderators' labelled examples, evaluates on the parser's fixed held-out split (``train`` does
both), records the candidate in the registry, and promotes it to ``current`` only when
``promote_if_better`` says so.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.engine import Database
from db.models import IngestionExample, ParserModel, ParserTrainingRun
from resolvers import audit
from resolvers.clock import Clock
from resolvers.ingestion import parser as parser_pkg
from resolvers.ingestion.parser import Example, promote_if_better, train
from resolvers.ingestion.registry import CANDIDATE, CURRENT, RETIRED, model_with_status

log = logging.getLogger("lucas.ingestion")

STALE = timedelta(hours=6)  # a run still "running" after this is taken over
RETRY = timedelta(hours=24)  # a failed run is tried again after this
PACKAGE_DIR = Path(parser_pkg.__file__).resolve().parent
DEFAULT_HISTORY = PACKAGE_DIR / "data" / "chat-history.jsonl"
PACKAGED_METRICS = PACKAGE_DIR / "models" / "current.json"

Trainer = Callable[[Path, Sequence[Example], Path], Any]


@dataclass(frozen=True, kw_only=True)
class RunResult:
    run_key: str
    ran: bool
    version: str | None = None
    promoted: bool = False


def week_key(clock: Clock) -> str:
    year, week, _ = clock.now().isocalendar()
    return f"{year}-W{week:02d}"


async def _claim(session: AsyncSession, run_key: str, clock: Clock) -> bool:
    now = clock.now()
    stmt = insert_for(session, ParserTrainingRun).values(
        run_key=run_key, status="running", promoted=False, started_at=now
    )
    if (
        await session.execute(stmt.on_conflict_do_nothing().returning(col(ParserTrainingRun.run_key)))
    ).scalar_one_or_none():
        return True
    taken = await session.execute(
        update(ParserTrainingRun)
        .where(
            col(ParserTrainingRun.run_key) == run_key,
            ((col(ParserTrainingRun.status) == "failed") & (col(ParserTrainingRun.started_at) < now - RETRY))
            | (
                (col(ParserTrainingRun.status) == "running")
                & (col(ParserTrainingRun.started_at) < now - STALE)
            ),
        )
        .values(status="running", started_at=now, error=None)
    )
    return bool(taken.rowcount)  # type: ignore[attr-defined]


async def examples(session: AsyncSession) -> list[Example]:
    rows = await session.execute(
        select(col(IngestionExample.text), col(IngestionExample.sender), col(IngestionExample.kind)).order_by(
            col(IngestionExample.id)
        )
    )
    return [Example(text, sender, kind) for text, sender, kind in rows.all()]


def packaged_metrics() -> dict[str, Any] | None:
    """The metrics of the model shipped with the parser, the current one until a promotion."""
    try:
        metrics = json.loads(PACKAGED_METRICS.read_text(encoding="utf-8")).get("metrics")
    except (OSError, ValueError):
        return None
    return metrics if isinstance(metrics, dict) else None


async def retrain(
    db: Database,
    *,
    clock: Clock,
    out_dir: Path,
    history_path: Path = DEFAULT_HISTORY,
    run_key: str | None = None,
    trainer: Trainer = train,
) -> RunResult:
    key = run_key or week_key(clock)
    async with db.transaction() as session:
        if not await _claim(session, key, clock):
            return RunResult(run_key=key, ran=False)
        extra = await examples(session)
        current = await model_with_status(session, CURRENT)
        current_metrics = dict(current.metrics) if current is not None else packaged_metrics()
    try:
        await asyncio.to_thread(out_dir.mkdir, parents=True, exist_ok=True)
        info = await asyncio.to_thread(trainer, history_path, extra, out_dir)
    except Exception as exc:
        log.exception("parser retraining failed")
        async with db.transaction() as session:
            await session.execute(
                update(ParserTrainingRun)
                .where(col(ParserTrainingRun.run_key) == key)
                .values(status="failed", error=f"{type(exc).__name__}: {exc}"[:500], finished_at=clock.now())
            )
        raise
    metrics = json.loads(json.dumps(info.metrics, default=str))
    promote = promote_if_better(metrics, current_metrics)
    async with db.transaction() as session:
        now = clock.now()
        row = await session.get(ParserModel, info.version, with_for_update=True)
        if row is None:
            row = ParserModel(
                version=info.version,
                path=str(info.model_path),
                status=CANDIDATE,
                metrics=metrics,
                created_at=now,
            )
            session.add(row)
        elif row.status == CURRENT:
            promote = False
        if promote:
            await session.execute(
                update(ParserModel)
                .where(col(ParserModel.status) == CURRENT)
                .values(status=RETIRED, updated_at=now)
            )
            row.status = CURRENT
        row.updated_at = now
        await session.execute(
            update(ParserTrainingRun)
            .where(col(ParserTrainingRun.run_key) == key)
            .values(status="done", version=info.version, promoted=promote, finished_at=now)
        )
        await session.flush()
        await audit.append(
            session,
            action="parser.retrain",
            clock=clock,
            actor_id=None,
            subject=f"parser_model:{info.version}",
            data={
                "run": key,
                "promoted": promote,
                "extra_examples": len(extra),
                "kind_accuracy": metrics.get("kind_accuracy"),
                "false_credits": metrics.get("false_credits"),
            },
        )
    return RunResult(run_key=key, ran=True, version=info.version, promoted=promote)
