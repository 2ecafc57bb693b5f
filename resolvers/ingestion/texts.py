"""Notifications of credited game messages and nickname claims in English and Russian (see
``resolvers.notification_texts``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.notification_texts import define


def _source(d: Mapping[str, Any]) -> str:
    from resolvers.ingestion import payout  # imported late: payout's package imports these texts

    return payout.SOURCE_NAMES.get(str(d["source"]), str(d["source"]))


define(
    "ingestion.credited",
    en=lambda d: (f"+{d['amount']} COIN", f"{_source(d)}: {d['kind']} ({d['ref']})"),
    ru=lambda d: (f"+{d['amount']} COIN", f"{_source(d)}: {d['kind']} ({d['ref']})"),
)
define(
    "ingestion.rejected",
    en=lambda d: ("A game message was not credited", f"{_source(d)} ({d['ref']})"),
    ru=lambda d: ("Сообщение из игры не засчитано", f"{_source(d)} ({d['ref']})"),
)
define(
    "ingestion.nickname_approved",
    en=lambda d: (f"Nickname {d['nickname']}: claim approved", f"{_source(d)}"),
    ru=lambda d: (f"Ник {d['nickname']}: заявка одобрена", f"{_source(d)}"),
)
define(
    "ingestion.nickname_rejected",
    en=lambda d: (f"Nickname {d['nickname']}: claim rejected", f"{_source(d)}"),
    ru=lambda d: (f"Ник {d['nickname']}: заявка отклонена", f"{_source(d)}"),
)
define(
    "ingestion.nickname_lost",
    en=lambda d: (f"Nickname {d['nickname']} was moved to another player by a moderator", f"{_source(d)}"),
    ru=lambda d: (f"Модератор передал ник {d['nickname']} другому игроку", f"{_source(d)}"),
)
