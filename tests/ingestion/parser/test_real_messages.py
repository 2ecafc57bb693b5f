"""Real messages from the chat history, one or more per source and kind (rules only)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from resolvers.ingestion.parser import Parser
from resolvers.ingestion.parser import data as pdata


def am(currency: str, value: str) -> dict[str, str]:
    return {"currency": currency, "amount": value}


# (export:id, source, kind, players, amounts, totals)
CASES: list[tuple[str, str | None, str, list[str], list[dict[str, str]], list[dict[str, str]]]] = [
    # GD Cards: the three card formats, profiles, chests, notices
    ("messages4:10303", "gdcards", "card", ["EnidBlaito"], [am("points", "1")], []),
    ("messages13:28041", "gdcards", "card", ["LucasTeam"], [am("points", "3"), am("orbs", "10")], []),
    ("messages15:30764", "gdcards", "card", ["LucasTeam"], [am("points", "5"), am("orbs", "35")], []),
    ("messages15:31122", "gdcards", "card", ["Romankhrus"], [am("points", "3"), am("orbs", "10")], []),
    ("messages7:15474", "gdcards", "profile", ["EnidBlaito"], [], [am("points", "135"), am("orbs", "133.8")]),
    ("messages15:31068", "gdcards", "profile", ["LucasTeam"], [], [am("points", "76"), am("orbs", "121")]),
    ("messages13:28688", "gdcards", "chest", ["Nikiktosik"], [am("orbs", "200")], []),
    ("messages4:10353", "gdcards", "other", [], [], []),
    ("messages10:23828", "gdcards", "other", [], [], []),
    ("messages13:28023", "gdcards", "other", [], [], []),
    # Гуся Cards: card (gain and new total), penalty, duplicate, misses, bonus, adverts
    (
        "messages12:26396",
        "gusya_cards",
        "card",
        [],
        [am("points", "5000"), am("coins", "7")],
        [am("points", "15000"), am("coins", "33")],
    ),
    ("messages12:26802", "gusya_cards", "card", [], [am("points", "-3000")], [am("points", "52000")]),
    (
        "messages12:26283",
        "gusya_cards",
        "card",
        [],
        [am("points", "1000"), am("coins", "4")],
        [am("points", "25000"), am("coins", "58")],
    ),
    ("messages12:25992", "gusya_cards", "other", [], [], []),
    ("messages12:26351", "gusya_cards", "other", [], [], []),
    ("messages12:25966", "gusya_cards", "other", [], [], []),
    ("messages14:29641", "gusya_cards", "other", [], [], []),
    # Shmalala: karma like and dislike, fishing, jokes, tops
    ("messages14:29610", "shmalala", "karma", ["Никита"], [am("karma", "1")], [am("karma", "16")]),
    ("messages15:31045", "shmalala", "karma", ["Олег Чекмарев"], [am("karma", "1")], [am("karma", "27")]),
    (
        "messages15:30877",
        "shmalala",
        "karma",
        ["LucasTeamOloloGameProBot"],
        [am("karma", "-1")],
        [am("karma", "-1")],
    ),
    (
        "messages15:31058",
        "shmalala",
        "fishing",
        ["LucasTeam Luke"],
        [am("coins", "14")],
        [am("coins", "3947")],
    ),
    ("messages14:29379", "shmalala", "other", [], [], []),
    ("messages14:30200", "shmalala", "other", [], [], []),
    ("messages15:30272", "shmalala", "other", [], [], []),
    # True Mafia: game end (winners only), game flow
    ("messages6:13414", "true_mafia", "game_end", ["Олег Чекмарев"], [am("wins", "1")], []),
    ("messages6:13593", "true_mafia", "game_end", ["Sasha"], [am("wins", "1")], []),
    ("messages7:15067", "true_mafia", "game_end", ["LucasTeam Luke"], [am("wins", "1")], []),
    ("messages:999973306", "true_mafia", "other", [], [], []),
    # Bunker RP: adverts and notices only in this history
    ("messages15:30751", "bunker_rp", "other", [], [], []),
    ("messages15:30280", "bunker_rp", "other", [], [], []),
    # not game bots: the old community bot reporting a credit, people, other bots
    ("messages15:31087", None, "none", [], [], []),
    ("messages2:4275", None, "none", [], [], []),
    ("messages:999973413", None, "none", [], [], []),
]


@pytest.mark.parametrize(
    ("key", "source", "kind", "players", "amounts", "totals"), CASES, ids=[c[0] for c in CASES]
)
def test_real_message(
    rules_parser: Parser,
    history: dict[str, pdata.Message],
    key: str,
    source: str | None,
    kind: str,
    players: list[str],
    amounts: list[dict[str, str]],
    totals: list[dict[str, str]],
) -> None:
    msg = history[key]
    out: dict[str, Any] = rules_parser.parse(msg.text, msg.sender).to_json()
    assert (out["source"], out["kind"]) == (source, kind)
    assert out["players"] == players
    assert out["amounts"] == amounts
    assert out["totals"] == totals
    assert out["model"] == "rules"


def test_pasted_bot_message_is_read_by_text_but_not_trusted(
    rules_parser: Parser, history: dict[str, pdata.Message]
) -> None:
    # A person pasted True Mafia's DM ("тебе начислили 💵 20", then the profile).
    msg = history["messages2:4275"]
    assert rules_parser.parse(msg.text, msg.sender).kind == "none"
    out = rules_parser.parse(msg.text, None).to_json()
    assert (out["source"], out["kind"], out["players"]) == ("true_mafia", "profile", ["LucasTeam Luke"])
    assert out["amounts"] == [am("money", "20")]
    assert out["confidence"] < 0.8


def test_whole_history_every_game_bot_message_has_a_kind(
    rules_parser: Parser, history: dict[str, pdata.Message]
) -> None:
    counts: Counter[tuple[str | None, str]] = Counter()
    msgs = list(history.values())
    for m, r in zip(msgs, rules_parser.parse_many([(m.text, m.sender) for m in msgs]), strict=True):
        counts[(r.source, r.kind)] += 1
        if r.kind in {"card", "chest", "karma", "fishing", "game_end"}:
            assert r.amounts, m.key
        if r.kind == "profile":
            assert r.totals and r.players, m.key
    assert counts[("gdcards", "card")] == 533
    assert counts[("gdcards", "chest")] == 261
    assert counts[("gdcards", "profile")] == 11
    assert counts[("gusya_cards", "card")] == 91
    assert counts[("shmalala", "karma")] == 44
    assert counts[("shmalala", "fishing")] == 1
    assert counts[("true_mafia", "game_end")] == 3
    # everything but the 1,381 messages of the five credited game bots
    assert counts[(None, "none")] == 14053 - 1381


def test_labels_overrides_are_hand_checked_and_current(history: dict[str, pdata.Message]) -> None:
    overrides = pdata.load_overrides()
    assert overrides, "the hand-checked override file is packaged"
    for key, o in overrides.items():
        msg = history[key]
        assert o["note"]
        label = pdata.label(msg, overrides)
        assert label.overridden and label.kind == o["kind"]
        # The rules agree with every hand-checked decision; a rule change that flips one fails here.
        ruled = pdata.rule_label(msg.text, msg.sender)
        assert (ruled.kind, list(ruled.players)) == (o["kind"], o["players"]), key
        assert [a.to_json() for a in ruled.amounts] == o["amounts"], key
        assert [a.to_json() for a in ruled.totals] == o["totals"], key


def test_split_is_fixed_and_about_a_quarter(history: dict[str, pdata.Message]) -> None:
    train, heldout = pdata.split(history.values())
    assert len(train) + len(heldout) == len(history) == 14053
    assert 0.23 < len(heldout) / len(history) < 0.27
    assert pdata.is_heldout("messages2", 4275) is True
    assert [pdata.is_heldout("messages", i) for i in range(8)] == [
        pdata.is_heldout("messages", i) for i in range(8)
    ]
    assert {m.key for m in heldout}.isdisjoint({m.key for m in train})
