"""The model registry and the weekly retraining (a reconciler), the shadow model and its
disagreements. One test trains a real model on a small slice of the history (it loads MiniLM)."""

from __future__ import annotations

import asyncio
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.engine import Database
from db.models import IngestedMessage, ParserModel, ParserTrainingRun
from resolvers.clock import ManualClock
from resolvers.ingestion import cache, registry, training
from resolvers.ingestion.parser import Amount, ModelInfo, ParseResult, promote_if_better
from server.settings import Settings
from tests.conftest import GraphQLClient, make_admin
from tests.ingestion.support import GD_CARD, configure_bots, link_as, message, rules_only, submit_as

__all__ = ["rules_only"]

PACKAGED = Path(training.PACKAGE_DIR) / "models" / "current.npz"
MODELS = "{ adminParserModels { version status metrics } }"
SHADOW = """mutation($v: String) { adminParserModelSetShadow(input: {version: $v}) {
  model { version status } errors { code field } } }"""


def fake_trainer(version: str, metrics: dict[str, Any]) -> Any:
    """Stands in for ``train`` where only the registry is under test: copies the packaged model."""

    def trainer(history: Path, extra: Any, out_dir: Path) -> ModelInfo:
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"{version}.npz"
        shutil.copyfile(PACKAGED, path)
        shutil.copyfile(PACKAGED.with_suffix(".json"), path.with_suffix(".json"))
        metrics_path = path.with_suffix(".metrics.json")
        metrics_path.write_text(json.dumps(metrics))
        return ModelInfo(version, path, metrics_path, metrics)

    return trainer


def failing_trainer(history: Path, extra: Any, out_dir: Path) -> ModelInfo:
    raise RuntimeError("out of memory")


GOOD = {"false_credits": 0, "kind_accuracy": 1.0, "unverified_false_credits": 0}
WORSE = {"false_credits": 0, "kind_accuracy": 0.5, "unverified_false_credits": 0}


async def _registry(db: Database) -> dict[str, str]:
    async with db.reader() as s:
        return {m.version: m.status for m in (await s.execute(select(ParserModel))).scalars()}


async def test_retraining_is_a_weekly_reconciler(database_url: str, tmp_path: Path) -> None:
    db, clock = Database(database_url), ManualClock()
    try:
        out = tmp_path / "models"
        first = await training.retrain(db, clock=clock, out_dir=out, trainer=fake_trainer("m1", GOOD))
        assert (first.ran, first.version, first.promoted) == (True, "m1", True)
        again = await training.retrain(db, clock=clock, out_dir=out, trainer=fake_trainer("m2", GOOD))
        assert again.ran is False  # this week's run is done: a repeated message changes nothing
        clock.advance(days=7)
        worse = await training.retrain(db, clock=clock, out_dir=out, trainer=fake_trainer("m2", WORSE))
        assert (worse.ran, worse.promoted) == (True, False)
        assert await _registry(db) == {"m1": "current", "m2": "candidate"}
        clock.advance(days=7)
        with pytest.raises(RuntimeError):
            await training.retrain(db, clock=clock, out_dir=out, trainer=failing_trainer)
        async with db.reader() as s:
            runs = {
                r.run_key: (r.status, r.version, r.promoted)
                for r in (await s.execute(select(ParserTrainingRun))).scalars()
            }
        assert sorted(v for v in runs.values()) == [
            ("done", "m1", True),
            ("done", "m2", False),
            ("failed", None, False),
        ]
        retry = await training.retrain(db, clock=clock, out_dir=out, trainer=fake_trainer("m3", GOOD))
        assert retry.ran is False  # a failed week is tried again a day later, not at once
        clock.advance(hours=25)
        better = await training.retrain(db, clock=clock, out_dir=out, trainer=fake_trainer("m3", GOOD))
        assert better.ran and better.promoted
        assert await _registry(db) == {"m1": "retired", "m2": "candidate", "m3": "current"}
    finally:
        await db.dispose()


async def test_shadow_model_and_disagreements(
    app: Any, gql: GraphQLClient, settings: Settings, tmp_path: Path
) -> None:
    db = app.state.services.db
    admin, _ = await make_admin(app, gql)
    await training.retrain(
        db, clock=ManualClock(), out_dir=tmp_path, trainer=fake_trainer("cand-1", WORSE), run_key="w1"
    )
    models = (await gql(MODELS, token=admin))["data"]["adminParserModels"]
    assert [(m["version"], m["status"]) for m in models] == [("cand-1", "CANDIDATE")]
    assert (await gql(SHADOW, {"v": "nope"}, token=admin))["data"]["adminParserModelSetShadow"]["errors"] == [
        {"code": "UNKNOWN_MODEL", "field": "version"}
    ]
    body = await gql(SHADOW, {"v": "cand-1"}, token=admin)
    assert body["data"]["adminParserModelSetShadow"] == {
        "model": {"version": "cand-1", "status": "SHADOW"},
        "errors": [],
    }
    # A disagreement on the kind is stored beside the ingestion and listed for admins.
    parsed = registry.Parsed(
        result=ParseResult("gdcards", "card", ("EnidBlaito",), (Amount("points", "1"),), confidence=0.97),
        shadow=ParseResult("gdcards", "other", confidence=0.9, model="cand-1"),
    )
    async with db.transaction() as s:
        row = IngestedMessage(
            chat_id=1,
            message_id=2,
            source="gdcards",
            sender_telegram_id=7001,
            text="t",
            kind="card",
            confidence=0.97,
            model="rules",
            status="CREDITED",
        )
        s.add(row)
        await s.flush()
        assert await registry.record_disagreement(
            s,
            ingestion_id=int(row.id or 0),
            chat_id=1,
            message_id=2,
            source="gdcards",
            parsed=parsed,
            clock=ManualClock(),
        )
        same = replace(parsed, shadow=replace(parsed.result, model="cand-1"))
        assert not await registry.record_disagreement(
            s,
            ingestion_id=int(row.id or 0),
            chat_id=1,
            message_id=3,
            source="gdcards",
            parsed=same,
            clock=ManualClock(),
        )
    listed = await gql(
        "{ adminParserDisagreements { edges { node { messageRef currentKind shadowKind "
        "shadowVersion currentVersion } } } }",
        token=admin,
    )
    assert [e["node"] for e in listed["data"]["adminParserDisagreements"]["edges"]] == [
        {
            "messageRef": "tg:1:2",
            "currentKind": "CARD",
            "shadowKind": "OTHER",
            "shadowVersion": "cand-1",
            "currentVersion": "rules",
        }
    ]
    stop = await gql(SHADOW, {"v": None}, token=admin)
    assert stop["data"]["adminParserModelSetShadow"] == {"model": None, "errors": []}
    assert await _registry(db) == {"cand-1": "candidate"}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_weekly_job_trains_a_real_model_and_the_shadow_runs_on_ingestion(
    app: Any, gql: GraphQLClient, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trains MiniLM + logistic regression on a small real slice of the history through the job."""
    from workers import runtime
    from workers.ingestion import parser_retrain

    db = app.state.services.db
    lines = training.DEFAULT_HISTORY.read_text(encoding="utf-8").splitlines()
    game = [ln for ln in lines if '"from_bot": true' in ln][::25]
    people = [ln for ln in lines if '"from_bot": false' in ln][::500]
    subset = tmp_path / "history.jsonl"
    subset.write_text("\n".join(game + people) + "\n", encoding="utf-8")
    monkeypatch.setenv("LUCAS_PARSER_HISTORY", str(subset))
    runtime.configure(settings, clock=ManualClock())

    await parser_retrain()

    async with db.reader() as s:
        (model,) = (await s.execute(select(ParserModel))).scalars().all()
        run = (await s.execute(select(ParserTrainingRun))).scalar_one()
    assert run.status == "done" and run.version == model.version
    assert Path(model.path).parent == settings.data_dir / "models"
    assert await asyncio.to_thread(Path(model.path).exists)
    assert model.metrics["n_heldout"] > 0 and "kind_accuracy" in model.metrics
    assert run.promoted == promote_if_better(model.metrics, training.packaged_metrics())
    assert model.status == ("current" if run.promoted else "candidate")

    admin, _ = await make_admin(app, gql)
    if model.status == "current":  # make it a candidate again, to shadow it
        async with db.transaction() as s:
            row = await s.get(ParserModel, model.version)
            assert row is not None
            row.status = "candidate"
    body = await gql(SHADOW, {"v": model.version}, token=admin)
    assert body["data"]["adminParserModelSetShadow"]["errors"] == []
    await configure_bots(db)
    await link_as(app, gql, settings, 901, "GDCARDS", "EnidBlaito")
    result = await submit_as(gql, settings, 901, GD_CARD, msg_id=10303)
    assert result["status"] == "CREDITED" and result["creditedCoin"] == 2
    _, text = message(GD_CARD)
    shadow_entry = await cache.SqlParseCache(db, clock=ManualClock()).get(
        cache.cache_key("gdcards", model.version, text)
    )
    assert shadow_entry is not None and shadow_entry["model"] == model.version
    assert shadow_entry["kind"] == "card"  # it agreed with the rules, so no disagreement was stored
