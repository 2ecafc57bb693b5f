"""A Telegram identity meets a web account: linked at once when the identity's own account has
no history, otherwise a pending link the player resolves by choosing which account to keep."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import TelegramLink, Transfer
from db.models.linking import AccountLink
from resolvers import movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError
from resolvers.linking import common
from resolvers.linking.common import ERRORS
from resolvers.movement import Audit, Effects


async def connect(
    session: AsyncSession,
    *,
    web_user_id: int,
    telegram_id: int,
    telegram_username: str | None,
    method: str,
    actor_id: int,
    clock: Clock,
) -> AccountLink:
    identity = await session.get(TelegramLink, telegram_id)
    telegram_user_id = identity.user_id if identity is not None else None
    identity_user_id = int(telegram_user_id or 0)
    if telegram_user_id == web_user_id:
        raise DomainError("ALREADY_LINKED", "This Telegram account is already linked to yours.", None)
    if telegram_user_id is not None:
        existing = await common.pending_between(session, web_user_id, telegram_user_id)
        if existing is not None:
            return existing
    pending = telegram_user_id is not None and await common.has_history(session, telegram_user_id)
    link = AccountLink(
        web_user_id=web_user_id,
        telegram_user_id=telegram_user_id,
        telegram_id=telegram_id,
        method=method,
        status=common.PENDING if pending else common.LINKED,
        keep=None if pending else common.WEB,
        discarded_user_id=None if pending else telegram_user_id,
        created_at=clock.now(),
        resolved_at=None if pending else clock.now(),
    )
    session.add(link)
    await session.flush()

    async def effects(_: list[Transfer]) -> Effects:
        data = {"telegram_id": telegram_id, "method": method, "telegram_user_id": telegram_user_id}
        audit = Audit(action="link." + link.status, subject=f"link:{link.id}", data=data)
        if pending:
            shown = "@" + telegram_username if telegram_username else str(telegram_id)
            notes = [
                notifications.Note(
                    user_id=user_id,
                    kind="link.pending",
                    title="Choose which account to keep",
                    body=f"Telegram account {shown} has its own history: choose which account to keep.",
                    data={"link_id": link.id, "telegram_username": shown},
                )
                for user_id in (web_user_id, telegram_user_id or 0)
            ]
            return Effects(result={"link_id": link.id}, notes=notes, audit=audit)
        if identity is None:
            await session.execute(
                insert_for(session, TelegramLink).values(
                    telegram_id=telegram_id,
                    user_id=web_user_id,
                    telegram_username=telegram_username,
                    created_at=clock.now(),
                )
            )
        else:
            await common.point_identity(session, telegram_id=telegram_id, user_id=web_user_id)
            await common.deactivate(session, identity_user_id, clock=clock)
        specs, notes = common.linked_specs(link, web_user_id, await common.username(session, web_user_id))
        return Effects(result={"link_id": link.id}, events=specs, notes=notes, audit=audit)

    await movement.move(
        session,
        movement.Movement(operation="link.connect", actor_id=actor_id, legs=[]),
        clock=clock,
        effects=effects,
    )
    return link


__all__ = ["ERRORS"]
