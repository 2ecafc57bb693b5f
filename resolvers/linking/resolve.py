"""Choosing which account to keep: the other's balances and items move to it by ledger
transfers, the Telegram identity points to it, and the other account is deactivated."""

from __future__ import annotations

from sqlalchemy import or_, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer, User
from db.models.linking import AccountLink
from resolvers import ledger, movement
from resolvers.clock import Clock
from resolvers.errors import DomainError
from resolvers.ids import to_id
from resolvers.linking import common
from resolvers.linking.common import ERRORS
from resolvers.movement import Audit, Effects

MERGE_KIND = "account.merge"


async def _fresh(session: AsyncSession, link_id: int) -> AccountLink | None:
    query = (
        select(AccountLink).where(col(AccountLink.id) == link_id).execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def resolve(
    session: AsyncSession, *, actor_id: int, link_id: object, keep: str, clock: Clock
) -> AccountLink:
    ident = to_id(link_id)
    link = await _fresh(session, ident) if ident is not None else None
    if link is None or actor_id not in (link.web_user_id, link.telegram_user_id):
        raise DomainError("LINK_NOT_FOUND", "No such link.", "linkId")
    if link.status != common.PENDING:
        return _settled(link, keep)
    web, telegram = link.web_user_id, int(link.telegram_user_id or 0)
    kept, discarded = (web, telegram) if keep == common.WEB else (telegram, web)
    if keep == common.WEB:
        await common.require_unlinked(session, web, link.telegram_id)
    now = clock.now()
    claimed = await session.execute(
        update(AccountLink)
        .where(col(AccountLink.id) == link.id, col(AccountLink.status) == common.PENDING)
        .values(status=common.LINKED, keep=keep, discarded_user_id=discarded, resolved_at=now)
        .returning(col(AccountLink.id))
    )
    if claimed.scalar_one_or_none() is None:
        settled = await _fresh(session, int(link.id or 0))
        assert settled is not None
        return _settled(settled, keep)
    held = await ledger.balances_of(session, "user", discarded)
    legs = [
        ledger.Leg(
            debit=("user", discarded),
            credit=("user", kept),
            asset=asset,
            amount=amount,
            kind=MERGE_KIND,
            ref=f"link:{link.id}",
        )
        for asset, amount in sorted(held.items())
        if amount > 0
    ]

    async def effects(transfers: list[Transfer]) -> Effects:
        operation = transfers[0].operation if transfers else None
        await session.execute(
            update(AccountLink).where(col(AccountLink.id) == link.id).values(operation=operation)
        )
        if keep == common.WEB:
            await common.point_identity(session, telegram_id=link.telegram_id, user_id=kept)
        else:
            await _take_password(session, web, telegram)
        await common.deactivate(session, discarded, clock=clock)
        settled = await _fresh(session, int(link.id or 0))
        assert settled is not None
        specs, notes = common.linked_specs(settled, kept, await common.username(session, kept))
        moved = {leg.asset: leg.amount for leg in legs}
        data = {"keep": keep, "kept": kept, "discarded": discarded, "moved": moved}
        return Effects(
            result={"link_id": link.id},
            events=specs,
            notes=notes,
            audit=Audit(action="link.resolve", subject=f"link:{link.id}", data=data),
        )

    await movement.move(
        session,
        movement.Movement(operation="link.resolve", actor_id=actor_id, legs=legs),
        clock=clock,
        effects=effects,
    )
    resolved = await _fresh(session, int(link.id or 0))
    assert resolved is not None
    return resolved


def _settled(link: AccountLink, keep: str) -> AccountLink:
    """A repeat of the same choice answers the link as it is; another choice is refused."""
    if link.keep == keep:
        return link
    raise DomainError("LINK_ALREADY_RESOLVED", "This link was already resolved.", "keep")


async def _take_password(session: AsyncSession, web_user_id: int, telegram_user_id: int) -> None:
    """Keeping the Telegram account: it takes the web account's password if it has none, so the
    player still signs in on the web (under the kept account's username)."""
    web = await session.get(User, web_user_id)
    if web is None or web.password_hash is None:
        return
    await session.execute(
        update(User)
        .where(col(User.id) == telegram_user_id, col(User.password_hash).is_(None))
        .values(password_hash=web.password_hash)
    )


async def pending_for(session: AsyncSession, user_id: int) -> list[AccountLink]:
    query = (
        select(AccountLink)
        .where(
            col(AccountLink.status) == common.PENDING,
            or_(col(AccountLink.web_user_id) == user_id, col(AccountLink.telegram_user_id) == user_id),
        )
        .order_by(col(AccountLink.id))
    )
    return list((await session.execute(query)).scalars().all())


__all__ = ["ERRORS"]
