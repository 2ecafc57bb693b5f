"""Trade notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.notification_texts import define


def _message(d: Mapping[str, Any]) -> str:
    return f": {d['message']}" if d.get("message") else ""


def _who(d: Mapping[str, Any], fallback: str) -> str:
    who = d.get("by_username") or d.get("from_username")
    return fallback if not who or who == "someone" else str(who)


define(
    "trade.offered",
    en=lambda d: ("🤝 New trade offer", f"{_who(d, 'someone')} offers you a trade{_message(d)}"),
    ru=lambda d: ("🤝 Новое предложение обмена", f"{_who(d, 'Кто-то')} предлагает вам обмен{_message(d)}"),
)
define(
    "trade.accepted",
    en=lambda d: ("🤝 Trade accepted", f"{_who(d, 'someone')} accepted your trade offer"),
    ru=lambda d: ("🤝 Обмен принят", f"{_who(d, 'Кто-то')} принял ваше предложение обмена"),
)
define(
    "trade.declined",
    en=lambda d: ("🤝 Trade declined", f"{_who(d, 'someone')} declined your trade offer"),
    ru=lambda d: ("🤝 Обмен отклонён", f"{_who(d, 'Кто-то')} отклонил ваше предложение обмена"),
)
define(
    "trade.countered",
    en=lambda d: (
        "🤝 Trade countered",
        f"{_who(d, 'someone')} answered your trade offer with a counter-offer",
    ),
    ru=lambda d: (
        "🤝 Встречное предложение",
        f"{_who(d, 'Кто-то')} ответил на ваш обмен встречным предложением",
    ),
)
define(
    "trade.expired",
    en=lambda d: ("🤝 Trade expired", "Your trade offer expired; what you offered is back"),
    ru=lambda d: ("🤝 Обмен истёк", "Срок вашего предложения обмена истёк; предложенное вернулось к вам"),
)
