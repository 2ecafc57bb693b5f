"""What the linking use cases share: error codes, lookups, and linking an identity to an account."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Exists, exists, or_, select, update
from sqlalchemy.orm import Mapped
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Account, ApiKey, Event, RefreshToken, TelegramLink, User
from db.models.linking import AccountLink
from resolvers import audit, events, movement, notification_texts, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes(
    "linking",
    "ALREADY_LINKED",
    "LINK_ALREADY_RESOLVED",
    "LINK_CODE_EXPIRED",
    "LINK_CODE_INVALID",
    "LINK_CODE_USED",
    "LINK_NOT_FOUND",
    "NOT_TELEGRAM",
    "TELEGRAM_NOT_CONFIGURED",
    "WEB_ONLY",
    "WIDGET_AUTH_EXPIRED",
    "WIDGET_HASH_INVALID",
    uses=(movement.ERRORS,),
)
events.live("wallet", "account.linked")

PENDING, LINKED = "pending", "linked"
WEB, TELEGRAM = "web", "telegram"

notification_texts.define(
    "link.pending",
    en=lambda d: (
        "Choose which account to keep",
        f"Telegram account {d['telegram_username']} has its own history: choose which account to keep.",
    ),
    ru=lambda d: (
        "Выберите, какой аккаунт оставить",
        f"У Telegram-аккаунта {d['telegram_username']} есть своя история: выберите, какой аккаунт оставить.",
    ),
)
notification_texts.define(
    "link.done",
    en=lambda d: ("Telegram linked", f"Your account {d['kept_username']} is linked with Telegram."),
    ru=lambda d: ("Telegram привязан", f"Ваш аккаунт {d['kept_username']} привязан к Telegram."),
)


async def telegram_link_of(session: AsyncSession, user_id: int) -> TelegramLink | None:
    query = select(TelegramLink).where(col(TelegramLink.user_id) == user_id)
    return (await session.execute(query)).scalar_one_or_none()


async def require_unlinked(session: AsyncSession, web_user_id: int, telegram_id: int | None) -> None:
    """The web account holds no Telegram identity yet (this one or another)."""
    link = await telegram_link_of(session, web_user_id)
    if link is None:
        return
    if link.telegram_id == telegram_id:
        raise DomainError("ALREADY_LINKED", "This Telegram account is already linked to yours.", None)
    raise DomainError("ALREADY_LINKED", "Your account is already linked to another Telegram account.", None)


async def has_history(session: AsyncSession, user_id: int) -> bool:
    """Anything worth keeping: a ledger account (a balance or a past movement) or an event."""
    held = exists().where(col(Account.owner_kind) == "user", col(Account.owner_id) == str(user_id))
    acted = exists().where(col(Event.actor_id) == user_id)
    return bool((await session.execute(select(or_(held, acted)))).scalar())


async def pending_between(
    session: AsyncSession, web_user_id: int, telegram_user_id: int
) -> AccountLink | None:
    query = select(AccountLink).where(
        col(AccountLink.web_user_id) == web_user_id, col(AccountLink.telegram_user_id) == telegram_user_id
    )
    return (await session.execute(query)).scalar_one_or_none()


async def deactivate(session: AsyncSession, user_id: int, *, clock: Clock) -> None:
    """The account can no longer sign in: no password, its sessions and API keys revoked. Its row
    and username stay, so its history still reads. The user row is updated first: it waits for an
    ``authRefresh`` holding that row, so the revocation after it covers the token the refresh issued."""
    now = clock.now()
    await session.execute(update(User).where(col(User.id) == user_id).values(password_hash=None))
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=now)
    )
    await session.execute(
        update(ApiKey)
        .where(col(ApiKey.user_id) == user_id, col(ApiKey.revoked_at).is_(None))
        .values(revoked_at=now)
    )


def discarded(user_id: ColumnElement[Any] | Mapped[Any] | int) -> Exists:
    """True for an account a link deactivated (one lookup in ``ix_account_links_discarded``); a
    column makes it correlated, so the session check reads it with the user row."""
    return exists().where(col(AccountLink.discarded_user_id) == user_id, col(AccountLink.status) == LINKED)


async def is_deactivated(session: AsyncSession, user_id: int) -> bool:
    return bool((await session.execute(select(discarded(user_id)))).scalar())


async def point_identity(session: AsyncSession, *, telegram_id: int, user_id: int) -> None:
    await session.execute(
        update(TelegramLink).where(col(TelegramLink.telegram_id) == telegram_id).values(user_id=user_id)
    )


async def username(session: AsyncSession, user_id: int | None) -> str:
    user = await session.get(User, user_id) if user_id is not None else None
    return user.username if user is not None else "?"


async def record(
    session: AsyncSession, link: AccountLink, *, actor_id: int, clock: Clock, data: dict[str, Any]
) -> None:
    await audit.append(
        session,
        action="link." + link.status,
        clock=clock,
        actor_id=actor_id,
        subject=f"link:{link.id}",
        data=data,
    )


def linked_specs(
    link: AccountLink, kept_id: int, kept_name: str
) -> tuple[list[events.Spec], list[notifications.Note]]:
    audience = sorted({u for u in (link.web_user_id, link.telegram_user_id) if u is not None})
    payload = {"link_id": link.id, "kept_user_id": kept_id, "discarded_user_id": link.discarded_user_id}
    spec = events.Spec(
        kind="account.linked", actor_id=kept_id, subject=f"link:{link.id}", audience=audience, payload=payload
    )
    note = notifications.Note(
        user_id=kept_id,
        kind="link.done",
        title="Telegram linked",
        body=f"Your account {kept_name} is linked with Telegram.",
        data={"link_id": link.id, "kept_username": kept_name},
    )
    return [spec], [note]
