"""The CLI: JSON lines in, one JSON line out per input, errors in place (rules only)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from resolvers.ingestion.parser import cli
from resolvers.ingestion.parser import model as ml


def _run(lines: list[str]) -> tuple[int, list[dict[str, Any]]]:
    out = io.StringIO()
    rc = cli.parse_stream(io.StringIO("\n".join(lines) + "\n"), out, use_model=False)
    return rc, [json.loads(x) for x in out.getvalue().splitlines()]


def test_parse_stream_good_lines() -> None:
    lines = [
        json.dumps(
            {"text": "LucasTeam открыл сундук и получил 1.5 орб", "from": "GDcards"}, ensure_ascii=False
        ),
        json.dumps({"text": "у меня 500 орбов", "from": "user-003"}, ensure_ascii=False),
        json.dumps(
            {"text": "Лайк! Вы повысили рейтинг пользователя X.\nТеперь его рейтинг: 11", "from": None}
        ),
    ]
    rc, out = _run(lines)
    assert rc == 0 and len(out) == 3
    assert out[0]["kind"] == "chest" and out[0]["amounts"] == [{"currency": "orbs", "amount": "1.5"}]
    assert out[1]["kind"] == "none" and out[1]["amounts"] == []
    assert out[2]["kind"] == "karma" and out[2]["confidence"] < 0.8
    assert all(
        set(o) >= {"source", "kind", "players", "amounts", "totals", "confidence", "model", "model_error"}
        for o in out
    )


def test_parse_stream_bad_lines_keep_going_and_exit_1() -> None:
    good = json.dumps({"text": "Сундук будет доступен через 5м 1с", "from": "GDcards"}, ensure_ascii=False)
    rc, out = _run(
        ["{not json", good, "[1, 2]", '{"text": 5, "from": "GDcards"}', '{"text": "x", "from": 7}', good]
    )
    assert rc == 1 and len(out) == 6
    assert [("error" in o) for o in out] == [True, False, True, True, True, False]
    assert out[1]["kind"] == out[5]["kind"] == "other"


def test_parse_stream_many_lines_in_order() -> None:
    lines = [
        json.dumps({"text": f"N{i} открыл сундук и получил {i} орб", "from": "GDcards"}, ensure_ascii=False)
        for i in range(150)
    ]
    rc, out = _run(lines)
    assert rc == 0 and [o["amounts"][0]["amount"] for o in out] == [str(i) for i in range(150)]


def test_main_dispatch(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert cli.main(["nope"]) == 2
    assert cli.main(["--help"]) == 0
    assert "parse" in capsys.readouterr().out


def test_train_command_with_stand_in_encoder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, hash_encoder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(ml, "get_encoder", lambda path=None: hash_encoder)
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        json.dumps({"text": "Новая карточка!", "from": "Гуся Cards", "kind": "card"}) + "\n", "utf-8"
    )
    assert cli.train_command(["--out", str(tmp_path / "out"), "--extra", str(extra)]) == 0
    assert "held-out kind accuracy" in capsys.readouterr().out
    assert len(list((tmp_path / "out").glob("minilm-lr-*.npz"))) == 1
    assert len(list((tmp_path / "out").glob("minilm-lr-*.metrics.json"))) == 1
