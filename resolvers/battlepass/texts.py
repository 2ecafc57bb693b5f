"""Battle pass notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.notification_texts import define, plural_ru


def _items_ru(d: Mapping[str, Any]) -> str:
    items = int(d["items"])
    return f" и {items} {plural_ru(items, 'предмет', 'предмета', 'предметов')}" if items else ""


define(
    "battlepass.reward",
    en=lambda d: (
        f"🎟 Battle pass level {d['level']}",
        f"Rewards unlocked: {d['coins']} COIN" + (f" and {d['items']} item(s)" if d["items"] else "") + ".",
    ),
    ru=lambda d: (
        f"🎟 Боевой пропуск: уровень {d['level']}",
        f"Открыты награды: {d['coins']} COIN{_items_ru(d)}.",
    ),
)
define(
    "battlepass.season_ended",
    en=lambda d: (
        f"🏁 Season {d['season']} ended",
        f"You finished battle pass season {d['season']} at level {d['level']}.",
    ),
    ru=lambda d: (
        f"🏁 Сезон {d['season']} завершён",
        f"Вы закончили {d['season']}-й сезон боевого пропуска на уровне {d['level']}.",
    ),
)
