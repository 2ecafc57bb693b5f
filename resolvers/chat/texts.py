"""The chat's notification texts, in English and Russian, rendered from each notification's data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers import notification_texts


def stamp(value: Any) -> str:
    """An ISO time as ``2026-12-03 10:00`` (UTC)."""
    return str(value or "")[:16].replace("T", " ")


def warning_en(d: Mapping[str, Any]) -> tuple[str, str]:
    return "⚠️ Mind your language", "Profanity is masked in the chat; next time you will be muted."


def muted_en(d: Mapping[str, Any]) -> tuple[str, str]:
    return "🔇 You are muted in the chat", f"Until {stamp(d['until'])} UTC. Reason: {d['reason']}"


def unmuted_en(d: Mapping[str, Any]) -> tuple[str, str]:
    return "🔈 You may write in the chat again", "A moderator ended your mute."


def dm_en(d: Mapping[str, Any]) -> tuple[str, str]:
    return f"✉️ New message from {d['from']}", str(d["preview"])


notification_texts.define(
    "chat.warning",
    en=warning_en,
    ru=lambda d: ("⚠️ Следите за языком", "Мат в чате скрывается; в следующий раз вы получите мут."),
)
notification_texts.define(
    "chat.muted",
    en=muted_en,
    ru=lambda d: ("🔇 Вам запрещено писать в чат", f"До {stamp(d['until'])} UTC. Причина: {d['reason']}"),
)
notification_texts.define(
    "chat.unmuted",
    en=unmuted_en,
    ru=lambda d: ("🔈 Вы снова можете писать в чат", "Модератор снял ограничение."),
)
notification_texts.define(
    "chat.dm",
    en=dm_en,
    ru=lambda d: (f"✉️ Новое сообщение от {d['from']}", str(d["preview"])),
)
