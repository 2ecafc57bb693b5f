"""Challenge notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.challenges import catalog
from resolvers.notification_texts import define, plural_ru

_TIMES = ("раз", "раза", "раз")
# The Russian title of each template: (one, many); ``many`` takes the goal and its plural form.
_TITLES_RU: dict[str, tuple[str, str]] = {
    "daily": ("Получите ежедневный бонус", "Получите ежедневный бонус {goal} {times}"),
    "payments": ("Сделайте перевод", "Сделайте {goal} {payments}"),
    "purchases": ("Купите предмет в магазине", "Купите {goal} {items} в магазине"),
    "gifts": ("Отправьте подарок", "Отправьте {goal} {gifts}"),
    "trades": ("Предложите или примите обмен", "Предложите или примите обмен {goal} {times}"),
    "auctions": ("Сделайте ставку или выставьте лот", "Сделайте ставку или выставьте лот {goal} {times}"),
    "bank": ("Откройте вклад в банке", "Откройте {goal} {deposits} в банке"),
    "dnd": ("Бросьте кости за столом D&D", "Бросьте кости {goal} {times} за столами D&D"),
}
_PERIODS_RU = {catalog.DAILY: "ежедневные", catalog.WEEKLY: "еженедельные", catalog.MONTHLY: "ежемесячные"}


def _title_ru(kind: str, goal: int) -> str:
    one, many = _TITLES_RU[kind]
    if goal == 1:
        return one
    forms = {
        "times": plural_ru(goal, *_TIMES),
        "payments": plural_ru(goal, "перевод", "перевода", "переводов"),
        "items": plural_ru(goal, "предмет", "предмета", "предметов"),
        "gifts": plural_ru(goal, "подарок", "подарка", "подарков"),
        "deposits": plural_ru(goal, "вклад", "вклада", "вкладов"),
    }
    return many.format(goal=goal, **forms)


def _title(d: Mapping[str, Any], language: str) -> str:
    kind, goal = str(d["kind"]), int(d["goal"])
    if language == "ru" and kind in _TITLES_RU:
        return _title_ru(kind, goal)
    template = catalog.BY_KIND.get(kind)
    return template.title(goal) if template is not None else str(d.get("title") or kind)


define(
    "challenge.completed",
    en=lambda d: (f"🎯 {_title(d, 'en')}", f"Challenge done: +{d['reward']} COIN, +{d['xp']} XP."),
    ru=lambda d: (f"🎯 {_title(d, 'ru')}", f"Испытание выполнено: +{d['reward']} COIN, +{d['xp']} XP."),
)
define(
    "challenge.milestone",
    en=lambda d: (
        f"🔥 {d['streak']}",
        f"All {str(d['period']).lower()} challenges done {d['streak']} times in a row: +{d['bonus']} COIN.",
    ),
    ru=lambda d: (
        f"🔥 {d['streak']}",
        f"Все {_PERIODS_RU.get(str(d['period']), str(d['period']).lower())} испытания выполнены "
        f"{d['streak']} {plural_ru(d['streak'], *_TIMES)} подряд: +{d['bonus']} COIN.",
    ),
)
