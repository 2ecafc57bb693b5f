"""Who a command's ``@username`` names: the account a Telegram user with that @username linked,
before any account that merely has that name (security finding 8)."""

from __future__ import annotations

from typing import Any

from bot.context import Context, api
from bot.operations.recipient import RECIPIENT


async def recipient(context: Context, actor: Any, username: str) -> tuple[dict[str, Any] | None, str]:
    """The player (with its ``id`` and ``username``) or None, and the name to show in replies."""
    found = await api(context).execute(RECIPIENT({"username": username}), actor)
    if found["byTelegram"] is not None:
        return dict(found["byTelegram"]), username
    by_name = found["byName"]
    return (dict(by_name), by_name["username"]) if by_name is not None else (None, username)
