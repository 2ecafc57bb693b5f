"""Daily bonus notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from resolvers.notification_texts import define, plural_ru

define(
    "daily.milestone",
    en=lambda d: (
        f"🔥 {d['streak']}",
        f"A {d['streak']}-day streak: +{d['milestone']} COIN bonus.",
    ),
    ru=lambda d: (
        f"🔥 {d['streak']}",
        f"{d['streak']} {plural_ru(d['streak'], 'день', 'дня', 'дней')} подряд: "
        f"бонус +{d['milestone']} COIN.",
    ),
)
