"""Quest notifications in English and Russian (see ``resolvers.notification_texts``); quest titles
are the admins' own words and stay as written."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.notification_texts import define
from resolvers.quests.common import COMPLETED_KIND


def _unlocked(d: Mapping[str, Any], label: str) -> str:
    titles = [str(t) for t in d.get("unlocked") or []]
    return f" {label}: {', '.join(titles)}." if titles else ""


define(
    COMPLETED_KIND,
    en=lambda d: (f"📜 {d['title']}", "Quest completed." + _unlocked(d, "Unlocked")),
    ru=lambda d: (f"📜 {d['title']}", "Задание выполнено." + _unlocked(d, "Открыты новые задания")),
)
