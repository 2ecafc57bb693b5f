"""One-time codes: a signed-in web player asks for one and sends ``/link <code>`` to the bot."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.linking import AccountLink, LinkCode
from resolvers import audit
from resolvers.accounts import tokens
from resolvers.clock import Clock
from resolvers.errors import DomainError
from resolvers.linking import common
from resolvers.linking.common import ERRORS
from resolvers.linking.connect import connect

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
LIFETIME = timedelta(minutes=10)
CODE_RE = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


@dataclass(frozen=True, kw_only=True)
class NewCode:
    code: str
    expires_at: datetime


def normalize(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").upper()


def _hash(code: str) -> str:
    return tokens.digest("link:" + code)


async def create(session: AsyncSession, *, user_id: int, via_telegram: bool, clock: Clock) -> NewCode:
    """A fresh code for the web account; earlier unused codes of the account stop working."""
    if via_telegram:
        raise DomainError("WEB_ONLY", "Ask for a code in the web app, then send it to the bot.", None)
    await common.require_unlinked(session, user_id, None)
    now = clock.now()
    await session.execute(
        update(LinkCode)
        .where(
            col(LinkCode.user_id) == user_id, col(LinkCode.used_at).is_(None), col(LinkCode.expires_at) > now
        )
        .values(expires_at=now)
    )
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    row = LinkCode(user_id=user_id, code_hash=_hash(code), created_at=now, expires_at=now + LIFETIME)
    session.add(row)
    await session.flush()
    await audit.append(
        session, action="link.code_create", clock=clock, actor_id=user_id, subject=f"user:{user_id}"
    )
    return NewCode(code=code, expires_at=row.expires_at)


async def redeem(
    session: AsyncSession, *, actor_id: int, via_telegram: bool, code: str, clock: Clock
) -> AccountLink:
    """The bot's user sends a code: its Telegram identity meets the code's web account."""
    identity = await common.telegram_link_of(session, actor_id) if via_telegram else None
    if identity is None:
        raise DomainError("NOT_TELEGRAM", "Send this code to the Telegram bot: /link <code>.", None)
    normalized = normalize(code)
    row = (
        (
            await session.execute(select(LinkCode).where(col(LinkCode.code_hash) == _hash(normalized)))
        ).scalar_one_or_none()
        if CODE_RE.match(normalized)
        else None
    )
    if row is None:
        raise DomainError("LINK_CODE_INVALID", "This code is not valid.", "code")
    if row.used_at is not None:
        if row.used_by_telegram_id == identity.telegram_id:
            return await _made_by(session, row.user_id, identity.telegram_id)
        raise DomainError("LINK_CODE_USED", "This code was already used.", "code")
    now = clock.now()
    if row.expires_at <= now:
        raise DomainError("LINK_CODE_EXPIRED", "This code has expired; create a new one.", "code")
    await common.require_unlinked(session, row.user_id, identity.telegram_id)
    claimed = await session.execute(
        update(LinkCode)
        .where(col(LinkCode.id) == row.id, col(LinkCode.used_at).is_(None))
        .values(used_at=now, used_by_telegram_id=identity.telegram_id)
        .returning(col(LinkCode.id))
    )
    if claimed.scalar_one_or_none() is None:
        raise DomainError("LINK_CODE_USED", "This code was already used.", "code")
    return await connect(
        session,
        web_user_id=row.user_id,
        telegram_id=identity.telegram_id,
        telegram_username=identity.telegram_username,
        method="code",
        actor_id=actor_id,
        clock=clock,
    )


async def _made_by(session: AsyncSession, web_user_id: int, telegram_id: int) -> AccountLink:
    query = (
        select(AccountLink)
        .where(col(AccountLink.web_user_id) == web_user_id, col(AccountLink.telegram_id) == telegram_id)
        .order_by(col(AccountLink.id).desc())
        .limit(1)
    )
    link = (await session.execute(query)).scalar_one_or_none()
    if link is None:
        raise DomainError("LINK_CODE_USED", "This code was already used.", "code")
    return link


__all__ = ["ERRORS"]
