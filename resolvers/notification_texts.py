"""Notification titles and bodies in the reader's language, rendered from the kind and the data.

A domain declares its texts next to the code that notifies: ``define("gift.received", en=…, ru=…)``
with one function per language from the notification's data to ``(title, body)``. Readers get
them in their language (the request's ``Accept-Language``, else their account's); the stored
English title and body are what a kind without texts, or data a text cannot use, falls back to.

A package keeps its texts in ``resolvers/<domain>/texts.py``, imported by its ``__init__``; a
one-module domain in ``resolvers/<domain>_texts.py``, imported by that module, so they are defined
wherever the domain is loaded. ``tests/notifications/test_every_kind.py`` checks every kind the code
creates has both languages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Render = Callable[[Mapping[str, Any]], tuple[str, str]]
LANGUAGES = ("en", "ru")
_TEXTS: dict[str, dict[str, Render]] = {}


def define(kind: str, *, en: Render, ru: Render) -> None:
    _TEXTS[kind] = {"en": en, "ru": ru}


def defined(kind: str) -> bool:
    return kind in _TEXTS


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian form for ``n``: 1 монета, 2 монеты, 5 монет (21 монета, 11 монет)."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def language_of(value: str | None) -> str | None:
    """``ru-RU,ru;q=0.9`` → ``ru``; None for a language we do not write."""
    if not value:
        return None
    first = value.split(",", 1)[0].split(";", 1)[0].strip().lower()
    code = first.split("-", 1)[0].split("_", 1)[0]
    return code if code in LANGUAGES else None


def render(
    kind: str, data: Mapping[str, Any], language: str | None, *, title: str, body: str
) -> tuple[str, str]:
    texts = _TEXTS.get(kind)
    code = language_of(language)
    if texts is None or code is None:
        return title, body
    try:
        return texts[code](data)
    except (KeyError, TypeError, ValueError, IndexError):
        return title, body


_TIERS_RU: dict[str, str] = {"bronze": "Бронза", "silver": "Серебро", "gold": "Золото", "platinum": "Платина"}


def _memo(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return f": {value}" if value else ""


define(
    "wallet.received",
    en=lambda d: (
        f"+{d['amount']} {d['currency']}",
        f"{d['from_username']} sent you {d['amount']} {d['currency']}{_memo(d, 'memo')}",
    ),
    ru=lambda d: (
        f"+{d['amount']} {d['currency']}",
        f"{d['from_username']} перевёл вам {d['amount']} {d['currency']}{_memo(d, 'memo')}",
    ),
)
define(
    "wallet.granted",
    en=lambda d: (f"+{d['amount']} {d['currency']}", str(d.get("reason") or "A grant from the admins.")),
    ru=lambda d: (f"+{d['amount']} {d['currency']}", str(d.get("reason") or "Начисление от администрации.")),
)
define(
    "gift.received",
    en=lambda d: (
        f"🎁 {d['amount']} × {d['name']}",
        f"{d['from_username']} sent you a gift{_memo(d, 'message')}",
    ),
    ru=lambda d: (
        f"🎁 {d['amount']} × {d['name']}",
        f"{d['from_username']} прислал вам подарок{_memo(d, 'message')}",
    ),
)
define(
    "friend.request",
    en=lambda d: (
        f"{d['from_username']} wants to be friends",
        "Accept or decline the request on the Friends page.",
    ),
    ru=lambda d: (
        f"{d['from_username']} хочет дружить",
        "Примите или отклоните заявку на странице «Друзья».",
    ),
)
define(
    "friend.accepted",
    en=lambda d: (f"{d['by_username']} accepted your friend request", ""),
    ru=lambda d: (f"{d['by_username']} принял вашу заявку в друзья", ""),
)
define(
    "progression.level_up",
    en=lambda d: (f"⭐ Level {d['level']}", f"You reached level {d['level']}."),
    ru=lambda d: (f"⭐ Уровень {d['level']}", f"Вы достигли уровня {d['level']}."),
)
define(
    "progression.tier_up",
    en=lambda d: (f"🏅 {str(d['tier']).capitalize()}", f"Your loyalty tier is now {d['tier']}."),
    ru=lambda d: (
        f"🏅 {_TIERS_RU.get(str(d['tier']), str(d['tier']))}",
        f"Ваш уровень лояльности теперь — {_TIERS_RU.get(str(d['tier']), str(d['tier'])).lower()}.",
    ),
)
