"""Mini-game notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from resolvers.notification_texts import define

define(
    "game.won",
    en=lambda d: (f"🏆 +{d['amount']} COIN", "You won the game."),
    ru=lambda d: (f"🏆 +{d['amount']} COIN", "Вы выиграли партию."),
)
