"""Referral notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.notification_texts import define
from resolvers.referrals.common import CURRENCY, QUALIFYING_LEVEL, SAME_CLIENT, VALUE_BACK

_REASONS = {
    SAME_CLIENT: (
        "the two accounts signed in from the same client",
        "оба аккаунта входили с одного устройства",
    ),
    VALUE_BACK: ("value went back to the referrer", "ценности вернулись к пригласившему"),
}


def _reason(d: Mapping[str, Any], language: int) -> str:
    reason = str(d["reason"])
    return _REASONS[reason][language] if reason in _REASONS else reason


define(
    "referral.joined",
    en=lambda d: (f"🤝 {d['username']}", f"{d['username']} joined with your referral code."),
    ru=lambda d: (f"🤝 {d['username']}", f"Новый игрок по вашему реферальному коду: {d['username']}."),
)
define(
    "referral.held",
    en=lambda d: (f"⏸ {d['username']}", f"The referral of {d['username']} waits for a moderator's review."),
    ru=lambda d: (f"⏸ {d['username']}", f"Приглашение игрока {d['username']} ждёт проверки модератором."),
)
define(
    "referral.review",
    en=lambda d: (
        f"⏸ Referral #{d['referral_id']} to review",
        f"{d['username']} joined with a referral code; held because {_reason(d, 0)}.",
    ),
    ru=lambda d: (
        f"⏸ Приглашение №{d['referral_id']} на проверку",
        f"Игрок {d['username']} пришёл по реферальному коду; приглашение задержано: {_reason(d, 1)}.",
    ),
)
define(
    "referral.qualified",
    en=lambda d: (
        f"+{d['amount']} {CURRENCY}",
        f"{d['username']} reached level {QUALIFYING_LEVEL}: your referral reward.",
    ),
    ru=lambda d: (
        f"+{d['amount']} {CURRENCY}",
        f"Игрок {d['username']} достиг {QUALIFYING_LEVEL}-го уровня: ваша награда за приглашение.",
    ),
)
define(
    "referral.milestone",
    en=lambda d: (
        f"🏆 {d['milestone']}",
        f"{d['milestone']} qualified referrals: +{d['amount']} {CURRENCY} bonus.",
    ),
    ru=lambda d: (
        f"🏆 {d['milestone']}",
        f"Приглашённых игроков, достигших цели: {d['milestone']}. Бонус +{d['amount']} {CURRENCY}.",
    ),
)


def _why(d: Mapping[str, Any]) -> str:
    return f": {d['reason']}" if d.get("reason") else "."


define(
    "referral.approved",
    en=lambda d: (f"✅ {d['username']}", f"A moderator approved the referral of {d['username']}{_why(d)}"),
    ru=lambda d: (f"✅ {d['username']}", f"Модератор одобрил приглашение игрока {d['username']}{_why(d)}"),
)
define(
    "referral.rejected",
    en=lambda d: (f"❌ {d['username']}", f"A moderator rejected the referral of {d['username']}{_why(d)}"),
    ru=lambda d: (f"❌ {d['username']}", f"Модератор отклонил приглашение игрока {d['username']}{_why(d)}"),
)
