"""Rule-based classification and extraction, one function per game bot.

Every rule works on `text.clean()`-ed text. A rule returns a `RuleMatch` whose
``strength`` says how sure the rules are:

* ``FULL``: the message's format was recognised and every field the kind needs was found;
* ``KNOWN_OTHER``: a recognised non-credit message (cooldown, miss, joke, game flow...);
* ``PARTIAL``: a credit format's header was found but a required field was missing;
* ``FALLBACK``: nothing recognised; the message is "other" (for a game bot) by default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

from .result import Amount
from .text import NUMBER, clean, nick, number

FULL: Final = 0.97
KNOWN_OTHER: Final = 0.95
PARTIAL: Final = 0.6
FALLBACK: Final = 0.55
GUESS_NONE: Final = 0.7


@dataclass(frozen=True, slots=True)
class RuleMatch:
    source: str | None
    kind: str
    players: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    totals: tuple[Amount, ...] = ()
    strength: float = FALLBACK
    details: tuple[tuple[str, str], ...] = ()


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.M | re.I)


def _amount(currency: str, raw: str | None) -> Amount | None:
    value = number(raw) if raw is not None else None
    return Amount(currency, value) if value is not None else None


def _keep(items: Iterable[Amount | None]) -> tuple[Amount, ...]:
    return tuple(a for a in items if a is not None)


def _players(names: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for n in names:
        p = nick(n)
        if p and p not in out:
            out.append(p)
    return tuple(out)


def _other(source: str, text: str, known: Iterable[re.Pattern[str]]) -> RuleMatch:
    strength = KNOWN_OTHER if any(p.search(text) for p in known) else FALLBACK
    return RuleMatch(source, "other", strength=strength)


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(1) if m else None


# ---------------------------------------------------------------- GD Cards
_N = f"({NUMBER})"
GD_CARD = _rx(r"НОВАЯ\s+КАРТА")
GD_PLAYER = _rx(r"^\W{0,8}Игрок:[ \t]*(.+)$")
GD_CARD_NAME = _rx(r"^\W{0,8}Карта:[ \t]*\"?(.+?)\"?$")
GD_POINTS = _rx(rf"^\W{{0,8}}Очки:[ \t]*{_N}")
GD_ORBS = _rx(rf"^\W{{0,8}}Орбы(?:[ \t]+за[ \t]+дроп)?:[ \t]*{_N}")
GD_PROFILE = _rx(r"^\W{0,8}ПРОФИЛЬ[ \t]+(.+)$")
GD_NICK = _rx(r"^\W{0,8}Ник:[ \t]*(.+)$")
GD_CHEST = _rx(rf"^\W{{0,8}}(.+?)[ \t]+открыл[ \t]+сундук[ \t]+и[ \t]+получил[ \t]+{_N}[ \t]*орб")
GD_OTHER = [
    _rx(p)
    for p in (
        r"карта будет доступна через",
        r"Сундук будет доступен",
        r"дневного лимита карт",
        r"Добро пожаловать в чат",
        r"^Откр(?:ыть|ой) .* ЛС",
        r"^Открыть карту",
        r"Ты собрал все",
        r"Выдача карты уже выполняется",
        r"Слишком быстро",
        r"^\W{0,8}(?-i:КОЛЛЕКЦИЯ)\s",  # the collection list; a card has "Коллекция:"
    )
]


def gdcards(text: str) -> RuleMatch:
    src = "gdcards"
    if GD_CARD.search(text):
        player = _first(GD_PLAYER, text)
        amounts = _keep((_amount("points", _first(GD_POINTS, text)), _amount("orbs", _first(GD_ORBS, text))))
        card = _first(GD_CARD_NAME, text)
        ok = player is not None and bool(amounts)
        return RuleMatch(
            src, "card", _players([player] if player else []), amounts,
            strength=FULL if ok else PARTIAL, details=(("card", card.strip()),) if card else (),
        )  # fmt: skip
    m = GD_PROFILE.search(text)
    if m and m.start() < 8:
        player = m.group(1) or _first(GD_NICK, text) or ""
        totals = _keep((_amount("points", _first(GD_POINTS, text)), _amount("orbs", _first(GD_ORBS, text))))
        return RuleMatch(src, "profile", _players([player]), (), totals, FULL if totals else PARTIAL)
    m = GD_CHEST.search(text)
    if m:
        got = _amount("orbs", m.group(2))
        return RuleMatch(
            src, "chest", _players([m.group(1)]), _keep([got]), strength=FULL if got else PARTIAL
        )
    return _other(src, text, GD_OTHER)


# ---------------------------------------------------------------- Гуся Cards
GUSYA_POINTS = _rx(rf"Очки[ \t]*•[ \t]*{_N}(?:[ \t]*\[{_N}\])?")
GUSYA_COINS = _rx(rf"Монеты[ \t]*•[ \t]*{_N}(?:[ \t]*\[{_N}\])?")
GUSYA_CARD_NAME = _rx(r"«([^»]+)»")
GUSYA_OTHER = [
    _rx(p)
    for p in (
        r"Гуся не (?:было|оказалось)",
        r"не (?:нашли|увидели)(?: рядом)? Гуся",
        r"Получение бонуса",
        r"работает только в ЛС",
        r"Новый сезон",
        r"^\W{0,8}Обновление",
        r"Маркетплейс",
        r"Я бот, в котором ты можешь собирать",
    )
]


def gusya_cards(text: str) -> RuleMatch:
    src = "gusya_cards"
    points, coins = GUSYA_POINTS.search(text), GUSYA_COINS.search(text)
    if points is None and coins is None:
        return _other(src, text, GUSYA_OTHER)
    amounts: list[Amount | None] = []
    totals: list[Amount | None] = []
    for currency, m in (("points", points), ("coins", coins)):
        if m is not None:
            amounts.append(_amount(currency, m.group(1)))
            totals.append(_amount(currency, m.group(2)))
    card = _first(GUSYA_CARD_NAME, text)
    return RuleMatch(
        src, "card", (), _keep(amounts), _keep(totals),
        strength=FULL if points is not None else PARTIAL, details=(("card", card),) if card else (),
    )  # fmt: skip


# ---------------------------------------------------------------- Shmalala
SHMA_KARMA = _rx(
    r"^\W{0,8}(Лайк|Дизлайк)!\s*Вы\s+(?:повысили|понизили)\s+(?:рейтинг|карму)\s+пользовател[юяь]\s+(.*?)\s*\.?\s*$"
)
SHMA_RATING = _rx(rf"Теперь\s+(?:его|её|ее)\s+рейтинг:[ \t]*{_N}")
SHMA_FISHING = _rx(r"\[\s*Рыбалка\s*\]")
SHMA_FISHER = _rx(r"^\W{0,8}Рыбак:[ \t]*(.+)$")
SHMA_COINS = _rx(rf"^\W{{0,8}}Монеты:[ \t]*{_N}(?:[ \t]*\({_N}\))?")
SHMA_OTHER = [
    _rx(p)
    for p in (
        r"Вот тебе анекдот",
        r"Самые крутые по Карме",
        r"слишком часто меняете рейтинг",
        r"меня зовут Shmalala",
        r"Карма пользователя:",
        r"\[\s*Настройки\s*\]",
    )
]


def shmalala(text: str) -> RuleMatch:
    src = "shmalala"
    m = SHMA_KARMA.search(text)
    if m:
        sign = "-" if m.group(1).lower().startswith("диз") else ""
        total = _amount("karma", _first(SHMA_RATING, text))
        players = _players([m.group(2)])
        ok = total is not None and bool(players)
        return RuleMatch(
            src, "karma", players, (Amount("karma", f"{sign}1"),), _keep([total]),
            strength=FULL if ok else PARTIAL, details=(("vote", "dislike" if sign else "like"),),
        )  # fmt: skip
    if SHMA_FISHING.search(text):
        fisher = _first(SHMA_FISHER, text)
        c = SHMA_COINS.search(text)
        if fisher is None and c is None:  # e.g. "out of energy": nothing was caught
            return RuleMatch(src, "other", strength=FALLBACK)
        amounts = _keep([_amount("coins", c.group(1))]) if c else ()
        totals = _keep([_amount("coins", c.group(2))]) if c else ()
        ok = fisher is not None and bool(amounts)
        return RuleMatch(
            src, "fishing", _players([fisher] if fisher else []), amounts, totals, FULL if ok else PARTIAL
        )
    return _other(src, text, SHMA_OTHER)


# ---------------------------------------------------------------- True Mafia
MAFIA_END = _rx(r"Игра\s+окончена!")
MAFIA_WINNERS = _rx(r"^\W{0,8}Победители:[ \t]*$")
MAFIA_TEAM = _rx(r"^\W{0,8}Побед(?:ила|или):?[ \t]*(.+)$")
MAFIA_SECTION_END = _rx(r"^\W{0,8}(?:Остальные участники|Игра длилась)")
PROFILE_HEAD = _rx(r"^\s*👤[ \t]*(.+)$")
MONEY = _rx(rf"^\W{{0,8}}Деньги:[ \t]*{_N}")
GEMS = _rx(rf"^\W{{0,8}}Камни:[ \t]*{_N}")
MAFIA_PRIZE = _rx(rf"начислили[ \t]*\W{{0,8}}[ \t]*{_N}")
MAFIA_OTHER = [
    _rx(p)
    for p in (
        r"Игра не запущена",
        r"Живые игроки",
        r"Наступает ночь",
        r"проголосовал(?:а)? за",
        r"Регистрация",
        r"Ведётся набор",
        r"#РЕКЛАМА",
        r"Голосование",
        r"Результаты голосования",
        r"^\W{0,8}День \d+",
        r"выбрала жертву",
        r"Доктор вышел",
        r"Комиссар .* ушёл",
        r"Сегодня был жестоко убит",
        r"наказать виновных",
        r"Игра начинается",
        r"Игра отменена",
        r"Недостаточно игроков",
        r"этой ночью все выжили",
        r"хотите линчевать",
        r"^.+ был(?:а)? \W{0,8}\w",
    )
]


def _section(text: str, header: re.Pattern[str], stop: re.Pattern[str]) -> list[str]:
    m = header.search(text)
    if not m:
        return []
    lines: list[str] = []
    for line in text[m.end() :].split("\n")[1:]:
        if stop.search(line):
            break
        if not line.strip():
            if lines:
                break
            continue
        lines.append(line)
    return lines


def true_mafia(text: str) -> RuleMatch:
    src = "true_mafia"
    if MAFIA_END.search(text) and MAFIA_WINNERS.search(text):
        names = [
            ln.rsplit(" - ", 1)[0] if " - " in ln else ln
            for ln in _section(text, MAFIA_WINNERS, MAFIA_SECTION_END)
        ]
        players = _players(names)
        team = _first(MAFIA_TEAM, text)
        details = (("winners", team.strip()),) if team else ()
        amounts = (Amount("wins", "1"),) if players else ()
        return RuleMatch(
            src, "game_end", players, amounts, strength=FULL if players else PARTIAL, details=details
        )
    head = PROFILE_HEAD.search(text)
    if head and MONEY.search(text) and GEMS.search(text):
        # The DM after a game: "За победу в роли … тебе начислили 💵 20!" above the profile.
        prize = _keep([_amount("money", _first(MAFIA_PRIZE, text))])
        totals = _keep((_amount("money", _first(MONEY, text)), _amount("gems", _first(GEMS, text))))
        return RuleMatch(src, "profile", _players([head.group(1)]), prize, totals, FULL)
    return _other(src, text, MAFIA_OTHER)


# ---------------------------------------------------------------- Bunker RP
BUNKER_IN = _rx(r"^\W{0,8}Прошли\s+в\s+бункер:?[ \t]*$")
BUNKER_OUT = _rx(r"^\W{0,8}Не\s+прошли\s+в\s+бункер")
BUNKER_ENTRY = re.compile(r"^\s*\d+[.)]\s*(.+?)\s*$")
CRYSTALS = _rx(rf"^\W{{0,8}}Кристаллики:[ \t]*{_N}")
BUNKER_WINS = _rx(rf"^\W{{0,8}}Побед:[ \t]*{_N}")
BUNKER_OTHER = [_rx(p) for p in (r"Набор не был объявлен", r"Набор игроков", r"Игра отменена")]


def bunker_rp(text: str) -> RuleMatch:
    src = "bunker_rp"
    m = BUNKER_IN.search(text)
    if m:
        names: list[str] = []
        for line in text[m.end() :].split("\n"):
            if BUNKER_OUT.search(line):
                break
            e = BUNKER_ENTRY.match(line)
            if e:
                names.append(e.group(1))
        players = _players(names)
        amounts = (Amount("wins", "1"),) if players else ()
        return RuleMatch(src, "game_end", players, amounts, strength=FULL if players else PARTIAL)
    head = PROFILE_HEAD.search(text)
    if head and MONEY.search(text) and (CRYSTALS.search(text) or BUNKER_WINS.search(text)):
        totals = _keep(
            (
                _amount("money", _first(MONEY, text)),
                _amount("crystals", _first(CRYSTALS, text)),
                _amount("wins", _first(BUNKER_WINS, text)),
            )
        )
        return RuleMatch(src, "profile", _players([head.group(1)]), (), totals, FULL)
    return _other(src, text, BUNKER_OTHER)


RULES: Final[dict[str, Callable[[str], RuleMatch]]] = {
    "gdcards": gdcards,
    "gusya_cards": gusya_cards,
    "shmalala": shmalala,
    "true_mafia": true_mafia,
    "bunker_rp": bunker_rp,
}


def apply(text: str, source: str) -> RuleMatch:
    """Run the rules of a known source on raw message text."""
    return RULES[source](clean(text))


def guess(text: str) -> RuleMatch:
    """Text only (sender unknown): the strongest fully matched credit format over all sources.

    Non-credit formats are not guessed (their patterns are too generic to trust without
    the sender), so anything else is "none" with a modest strength the model may overrule.
    """
    body = clean(text)
    for fn in RULES.values():
        r = fn(body)
        if r.kind != "other" and r.strength >= FULL:
            return r
    return RuleMatch(None, "none", strength=GUESS_NONE)
