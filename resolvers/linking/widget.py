"""The Telegram Login Widget: its data is signed with the bot token (HMAC-SHA256 over the sorted
``key=value`` lines, keyed by SHA-256 of the token), and is fresh for a short while."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.linking import AccountLink
from resolvers.clock import Clock
from resolvers.errors import DomainError
from resolvers.linking import common
from resolvers.linking.common import ERRORS
from resolvers.linking.connect import connect

MAX_AGE = timedelta(hours=1)
CLOCK_SKEW = timedelta(minutes=1)


def bot_id(bot_token: str | None) -> str | None:
    """The bot's id, which Telegram's sign-in page asks for: its token is ``<id>:<secret>``."""
    head, colon, _ = (bot_token or "").partition(":")
    return head if colon and head.isdigit() else None


def check_string(data: Mapping[str, str | None]) -> str:
    return "\n".join(f"{k}={v}" for k, v in sorted(data.items()) if k != "hash" and v is not None)


def sign(data: Mapping[str, str | None], bot_token: str) -> str:
    key = hashlib.sha256(bot_token.encode()).digest()
    return hmac.new(key, check_string(data).encode(), hashlib.sha256).hexdigest()


def verify(data: Mapping[str, str | None], *, bot_token: str | None, clock: Clock) -> int:
    """The Telegram id the data vouches for; a refusal otherwise."""
    if not bot_token:
        raise DomainError("TELEGRAM_NOT_CONFIGURED", "Telegram sign-in is not configured here.", None)
    given = (data.get("hash") or "").lower()
    if not hmac.compare_digest(sign(data, bot_token), given):
        raise DomainError("WIDGET_HASH_INVALID", "Telegram's signature does not match this data.", "hash")
    try:
        telegram_id, auth_date = int(data.get("id") or ""), int(data.get("auth_date") or "")
        signed_at = datetime.fromtimestamp(auth_date, UTC)
    except (ValueError, OverflowError, OSError):
        raise DomainError("WIDGET_HASH_INVALID", "Telegram's data is malformed.", "hash") from None
    now = clock.now()
    if signed_at < now - MAX_AGE or signed_at > now + CLOCK_SKEW:
        raise DomainError("WIDGET_AUTH_EXPIRED", "Telegram's sign-in is too old; sign in again.", "authDate")
    return telegram_id


async def link(
    session: AsyncSession,
    *,
    actor_id: int,
    via_telegram: bool,
    data: Mapping[str, str | None],
    bot_token: str | None,
    clock: Clock,
) -> AccountLink:
    if via_telegram:
        raise DomainError("WEB_ONLY", "The Telegram Login Widget is used from the web app.", None)
    telegram_id = verify(data, bot_token=bot_token, clock=clock)
    await common.require_unlinked(session, actor_id, telegram_id)
    return await connect(
        session,
        web_user_id=actor_id,
        telegram_id=telegram_id,
        telegram_username=(data.get("username") or None),
        method="widget",
        actor_id=actor_id,
        clock=clock,
    )


__all__ = ["ERRORS"]
