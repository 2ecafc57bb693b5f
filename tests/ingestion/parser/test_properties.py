"""Property tests (rules only): complete output for any input, exact extraction on
generated messages of every known format, and no credit ever for people."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolvers.ingestion.parser import KINDS, SOURCES, Parser
from resolvers.ingestion.parser.senders import lookup
from resolvers.ingestion.parser.text import nick

RULES = Parser(use_model=False)
SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("PARSER_HYPO_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# ------------------------------------------------------------------ numbers
SEPARATORS = [",", " ", "\u00a0", "\u202f", "\u2009"]


@st.composite
def written_number(draw: st.DrawFn, *, signed: bool = False) -> tuple[str, str]:
    """(as a bot might write it, the normalised decimal string)."""
    whole = draw(st.integers(min_value=0, max_value=10**9))
    digits = str(whole)
    written = digits
    if whole >= 1000 and draw(st.booleans()):
        sep = draw(st.sampled_from(SEPARATORS))
        groups: list[str] = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        written = sep.join([digits, *groups])
    expected = str(whole)
    if draw(st.booleans()):
        frac = draw(st.from_regex(r"[0-9]{1,2}", fullmatch=True))
        written += draw(st.sampled_from([".", ","])) + frac
        expected += "." + frac
    if signed and draw(st.booleans()):
        written = draw(st.sampled_from(["-", "—", "–", "−"])) + written
        if expected.strip("0.") != "":
            expected = "-" + expected
    return written, expected


# ------------------------------------------------------------------ nicknames
_NICK_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZабвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЕКМН0123456789_"
)


@st.composite
def nickname(draw: st.DrawFn) -> tuple[str, str]:
    """(raw nickname as shown, normalised nickname)."""
    words = draw(st.lists(st.text(_NICK_ALPHABET, min_size=1, max_size=10), min_size=1, max_size=3))
    raw = " ".join(words)
    if draw(st.booleans()):
        raw += draw(st.sampled_from(["🐜", "\ufffd", "\u3164\u3164", "\u200d\ufeff", " ⭐"]))
    return raw, nick(raw)


@dataclass(frozen=True)
class Case:
    sender: str
    text: str
    kind: str
    players: list[str]
    amounts: list[dict[str, str]]
    totals: list[dict[str, str]]


def am(currency: str, value: str) -> dict[str, str]:
    return {"currency": currency, "amount": value}


TAIL = "\n       \n\n       \n\n        \n\n         \n🔕 Выключить уведомления"


@st.composite
def gd_card(draw: st.DrawFn) -> Case:
    raw, n = draw(nickname())
    (pw, pe), (ow, oe) = draw(written_number()), draw(written_number())
    fmt = draw(st.sampled_from(["old", "drop", "new"]))
    sep = "─" * 15
    if fmt == "old":
        text = (
            f'🃏 НОВАЯ КАРТА 🃏\n{sep}\nИгрок: {raw}\n{sep}\nКарта: "Zodiac"\nОписание: Коллаб.\n'
            f"Категория: Демоны\n{sep}\nРедкость: Эпическая (5/55) (17.0%) 🟣\nОчки: +{pw}\n"
            f"Коллекция: 61/213 карт\n{sep}\nЛимит карт сегодня: 2 из 8"
        )
        return Case("GDcards", text, "card", [n], [am("points", pe)], [])
    if fmt == "drop":
        text = (
            f'🃏 НОВАЯ КАРТА 🃏\n{sep}\nИгрок: {raw}\n{sep}\nКарта: "rare"\nОписание: x\n{sep}\n'
            f"Редкость: Обычная (24/33) (40.0%) ⚪️\nОчки: +{pw}\nОрбы за дроп: +{ow}\nКоллекция: 1/2 карт"
        )
    else:
        text = (
            f"🃏 НОВАЯ КАРТА 🃏\n{sep}\nИгрок: {raw}\nКарта: AeonAir\nКатегория: Медийные\n{sep}\n"
            f"Описание: ютубер.\n{sep}\n🔵 Редкость: Редкая (1/75) • 30.0%\n⭐️ Очки: +{pw}\n🤩 Орбы: +{ow}\n"
            f"🃏 Коллекция: 1/249 карт\n{sep}\n👥 Карта есть у: 254 игроков{TAIL}"
        )
    return Case("GDcards", text, "card", [n], [am("points", pe), am("orbs", oe)], [])


@st.composite
def gd_profile(draw: st.DrawFn) -> Case:
    raw, n = draw(nickname())
    (pw, pe), (ow, oe) = draw(written_number()), draw(written_number())
    prefix = draw(st.sampled_from(["", "🖥 "]))
    text = (
        f"{prefix}ПРОФИЛЬ {raw}\n───────────────\nID: 8685 (23.08.2025)\nНик: {raw}\nСтатусы: Игрок\n"
        f"Карт собрано: 124/213\nОчки: {pw} (#701)\nОрбы: {ow} (#342)\n"
        "Клан: LucasTeamGD (#50)\n───────────────"
    )
    return Case("GDcards", text, "profile", [n], [], [am("points", pe), am("orbs", oe)])


@st.composite
def gd_chest(draw: st.DrawFn) -> Case:
    raw, n = draw(nickname())
    ow, oe = draw(written_number())
    prefix = draw(st.sampled_from(["", "🎁 "]))
    return Case(
        "GDcards", f"{prefix}{raw} открыл сундук и получил {ow} орб", "chest", [n], [am("orbs", oe)], []
    )


@st.composite
def gusya_card(draw: st.DrawFn) -> Case:
    (pw, pe), (pt, pte) = draw(written_number(signed=True)), draw(written_number())
    (cw, ce), (ct, cte) = draw(written_number()), draw(written_number())
    plus = "" if pw[:1] in "-—–−" else draw(st.sampled_from(["+", ""]))
    text = (
        f"🪄 Вы нашли карточку «Гусь в руке»\n\n💎 Редкость • Обычная\n✨ Очки • {plus}{pw} [{pt}]\n"
        f"💰 Монеты • +{cw} [{ct}]\n\n🎁 Получай карточку раз в 12 часов с /bonus!{TAIL}"
    )
    return Case(
        "Гуся Cards",
        text,
        "card",
        [],
        [am("points", pe), am("coins", ce)],
        [am("points", pte), am("coins", cte)],
    )


@st.composite
def shmalala_karma(draw: st.DrawFn) -> Case:
    raw, n = draw(nickname())
    rw, re_ = draw(written_number(signed=True))
    like = draw(st.booleans())
    gap = draw(st.sampled_from(["", " "]))
    head = "Лайк! Вы повысили рейтинг пользователя" if like else "Дизлайк! Вы понизили карму пользователю"
    text = f"{head} {raw}{gap}.\nТеперь его рейтинг: {rw} {'❤️' if like else '❌'}"
    return Case("Shmalala", text, "karma", [n], [am("karma", "1" if like else "-1")], [am("karma", re_)])


@st.composite
def shmalala_fishing(draw: st.DrawFn) -> Case:
    raw, n = draw(nickname())
    (cw, ce), (tw, te) = draw(written_number()), draw(written_number())
    text = (
        f"🎣 [Рыбалка] 🎣\n\nРыбак: {raw}\nОпыт: +4 (405 / 782)🔋\n\nНа крючке: 🐉 Судак (2.23 кг)\n\n"
        f"Погода: ☀️ Солнечно\nМесто: Городское озеро\n\nМонеты: +{cw} ({tw})💰\nЭнергии осталось: 6 ⚡️"
    )
    return Case("Shmalala", text, "fishing", [n], [am("coins", ce)], [am("coins", te)])


@st.composite
def mafia_end(draw: st.DrawFn) -> Case:
    names = draw(st.lists(nickname(), min_size=1, max_size=4, unique_by=lambda x: x[1]))
    winners = "\n".join(f"    {raw} - 👨🏼 Мирный житель" for raw, _ in names)
    text = (
        f"Игра окончена!\nПобедили: Мирные жители\n\nПобедители:\n{winners}\n\nОстальные участники:\n"
        f"    Crazy Time - 🤵🏻 Дон\n\nИгра длилась: 2 мин. 35 сек."
    )
    return Case("🤵🏻 True Mafia", text, "game_end", [n for _, n in names], [am("wins", "1")], [])


@st.composite
def bunker_end(draw: st.DrawFn) -> Case:
    names = draw(st.lists(nickname(), min_size=1, max_size=4, unique_by=lambda x: x[1]))
    entries = "\n\n".join(
        f"{i}. {raw}\n💼Профессия: Судья\n👥Био: Мужчина, 32 года" for i, (raw, _) in enumerate(names, 1)
    )
    text = f"Прошли в бункер:\n{entries}\n\nНе прошли в бункер:\n1. Crazy\n💼Профессия: Дерматолог"
    return Case("BunkerRP", text, "game_end", [n for _, n in names], [am("wins", "1")], [])


@st.composite
def mafia_profile(draw: st.DrawFn) -> Case:
    raw, n = draw(nickname())
    (mw, me), (gw, ge) = draw(written_number()), draw(written_number())
    text = f"👤 {raw}\n\n💵 Деньги: {mw}\n💎 Камни: {gw}\n\n🛡 Защита: 0\n📂 Документы: 0\n🎎 Активная роль: 0"
    return Case("🤵🏻 True Mafia", text, "profile", [n], [], [am("money", me), am("gems", ge)])


@st.composite
def bunker_profile(draw: st.DrawFn) -> Case:
    raw, n = draw(nickname())
    (mw, me), (cw, ce) = draw(written_number()), draw(written_number())
    wins = draw(st.integers(0, 5000))
    text = (
        f"👤 {raw}\n\n💵 Деньги: {mw}\n💎 Кристаллики: {cw}\n\n"
        f"🎯 Побед: {wins} (с финалом: 1)\n🎲 Всего игр: 16"
    )
    return Case(
        "BunkerRP", text, "profile", [n], [], [am("money", me), am("crystals", ce), am("wins", str(wins))]
    )


ANY_FORMAT = st.one_of(
    gd_card(),
    gd_profile(),
    gd_chest(),
    gusya_card(),
    shmalala_karma(),
    shmalala_fishing(),
    mafia_end(),
    bunker_end(),
    mafia_profile(),
    bunker_profile(),
)

KNOWN_SENDERS = [
    "GDcards",
    "Гуся Cards",
    "Shmalala",
    "🤵🏻 True Mafia",
    "BunkerRP",
    "LucasTeamOloloGameProBot",
]
HUMAN_SENDER = st.one_of(
    st.from_regex(r"user-\d{3}", fullmatch=True),
    st.text(max_size=30).filter(lambda s: not lookup(s).known_bot),
)


def _check_structure(out: dict[str, object]) -> None:
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out
    assert out["source"] is None or out["source"] in SOURCES
    assert out["kind"] in KINDS
    assert isinstance(out["players"], list) and all(isinstance(p, str) for p in out["players"])
    for key in ("amounts", "totals"):
        items = out[key]
        assert isinstance(items, list)
        for a in items:
            assert set(a) == {"currency", "amount"}
            assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", a["amount"]), a
    conf = out["confidence"]
    assert isinstance(conf, float) and 0.0 <= conf <= 1.0
    assert out["model"] == "rules" and isinstance(out["model_error"], str)
    if out["kind"] == "none":
        assert out["source"] is None and not out["amounts"] and not out["totals"]


@SETTINGS
@given(
    text=st.text(max_size=3000),
    sender=st.one_of(st.none(), st.sampled_from(KNOWN_SENDERS), st.text(max_size=40)),
)
def test_output_is_always_complete(text: str, sender: str | None) -> None:
    _check_structure(RULES.parse(text, sender).to_json())


@SETTINGS
@given(
    case=ANY_FORMAT, junk=st.text(max_size=200), sender=st.one_of(st.none(), st.sampled_from(KNOWN_SENDERS))
)
def test_output_complete_on_mangled_formats(case: Case, junk: str, sender: str | None) -> None:
    cut = len(case.text) // 2
    for text in (case.text[:cut] + junk, junk + case.text, case.text.replace("\n", junk[:3])):
        _check_structure(RULES.parse(text, sender).to_json())


def test_huge_emoji_and_pathological_inputs_are_fast() -> None:
    texts = [
        "🃏" * 200_000,
        "Очки: +" + "9" * 50_000,
        "\n" * 100_000,
        "",
        "\x00\ud7ff\U0010ffff",
        "a\n" + "-\n" * 20_000,
        " открыл " * 5_000,
        "Игрок: " * 5_000,
        "начислили " + "🃏" * 20_000,
        "Лайк! Вы повысили рейтинг пользователя " + ". " * 10_000,
        "Очки • " + "1," * 10_000,
    ]
    started = time.perf_counter()
    for text in texts:
        for sender in ("GDcards", "Гуся Cards", "Shmalala", "🤵🏻 True Mafia", "BunkerRP", None, "user-001"):
            _check_structure(RULES.parse(text, sender).to_json())
    assert time.perf_counter() - started < 5.0  # no quadratic regex backtracking


@SETTINGS
@given(case=ANY_FORMAT)
def test_every_defined_amount_is_extracted_exactly(case: Case) -> None:
    out = RULES.parse(case.text, case.sender).to_json()
    assert out["kind"] == case.kind
    assert out["source"] == lookup(case.sender).source
    assert out["players"] == case.players
    assert out["amounts"] == case.amounts
    assert out["totals"] == case.totals
    assert out["confidence"] >= 0.9


@SETTINGS
@given(case=ANY_FORMAT)
def test_unknown_sender_classifies_by_text_with_reduced_confidence(case: Case) -> None:
    out = RULES.parse(case.text, None).to_json()
    assert out["kind"] == case.kind
    assert out["amounts"] == case.amounts
    assert out["confidence"] < 0.8


@SETTINGS
@given(
    text=st.one_of(
        ANY_FORMAT.map(lambda c: c.text),
        st.text(max_size=500),
        written_number().map(lambda n: f"у меня {n[0]} орбов"),
    ),
    sender=HUMAN_SENDER,
)
def test_people_are_never_credited(text: str, sender: str) -> None:
    r = RULES.parse(text, sender)
    assert r.kind == "none" and r.source is None
    assert r.players == () and r.amounts == () and r.totals == () and not r.credits


@SETTINGS
@given(case=ANY_FORMAT)
def test_non_game_bots_are_never_credited(case: Case) -> None:
    for sender in (
        "LucasTeamOloloGameProBot",
        "Игра в слова",
        "DND dice roll bot",
        "Сэм – ChatGPT нейросеть 🧠",
    ):
        r = RULES.parse(case.text, sender)
        assert r.kind == "none" and not r.credits
