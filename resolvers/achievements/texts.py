"""Achievement notifications in English and Russian (see ``resolvers.notification_texts``): titles
come from the catalog in the reader's language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from resolvers.achievements.catalog import BY_KEY
from resolvers.notification_texts import define

_TIERS = {
    "en": {"bronze": "bronze", "silver": "silver", "gold": "gold"},
    "ru": {"bronze": "бронза", "silver": "серебро", "gold": "золото"},
}


def _unlocked(language: str) -> Callable[[Mapping[str, Any]], tuple[str, str]]:
    def render(d: Mapping[str, Any]) -> tuple[str, str]:
        tier = d.get("tier")
        title = BY_KEY[str(d["key"])].title.get(language)
        title += f" ({_TIERS[language].get(str(tier), str(tier))})" if tier else ""
        return f"🏆 {title}", f"{title}: +{d['coin']} COIN, +{d['xp']} XP."

    return render


define("achievement.unlocked", en=_unlocked("en"), ru=_unlocked("ru"))
