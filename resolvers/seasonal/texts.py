"""Seasonal event notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from resolvers.notification_texts import define


def _ends(d: Mapping[str, Any]) -> str:
    return f"{datetime.fromisoformat(str(d['ends_at'])):%Y-%m-%d %H:%M}"


def _currency(d: Mapping[str, Any]) -> str:
    return str(d.get("currency_name") or d["currency"])


define(
    "seasonal.started",
    en=lambda d: (f"🎉 {d['name']}", f"Earn {_currency(d)} by playing until {_ends(d)} UTC."),
    ru=lambda d: (f"🎉 {d['name']}", f"Играйте и зарабатывайте {_currency(d)} до {_ends(d)} UTC."),
)
define(
    "seasonal.ended",
    en=lambda d: (f"🏁 {d['name']}", "The event is over: your limited editions stay yours."),
    ru=lambda d: (f"🏁 {d['name']}", "Событие завершилось: ваши лимитированные предметы остаются у вас."),
)
define(
    "seasonal.converted",
    en=lambda d: (
        f"💱 +{d['coins']} COIN",
        f"{d['amount']} {_currency(d)} left from {d['name']} became {d['coins']} COIN.",
    ),
    ru=lambda d: (
        f"💱 +{d['coins']} COIN",
        f"Остаток валюты события «{d['name']}» ({d['amount']} {_currency(d)}) обменян на {d['coins']} COIN.",
    ),
)
