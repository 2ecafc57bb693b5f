"""Referral codes and links: who referred whom.

Every player has one 8-character code (``code_of`` makes it on first read). A new account is
linked to the code's owner when it registers with the code (``link_at_registration``, inside the
registration's transaction) or applies it within ``NEW_ACCOUNT`` of its creation (``apply``).
One referrer per account (a unique key on ``referred_id``), nobody refers themselves, and no
chain of referrals comes back to its start. A link made from the network the referrer was seen on
within ``CLIENT_WINDOW`` is held for a moderator (only keyed hashes of networks are stored).
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import User
from db.models.referrals import Referral, ReferralClient, ReferralCode
from resolvers import audit, events, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.referrals import common

REGISTER_ERRORS = ErrorCodes("referrals.register", "INVALID_REFERRAL")
ERRORS = ErrorCodes("referrals.links", "ALREADY_REFERRED", "NOT_NEW_ACCOUNT", uses=(REGISTER_ERRORS,))


def new_code() -> str:
    return "".join(secrets.choice(common.ALPHABET) for _ in range(common.CODE_LENGTH))


async def code_of(session: AsyncSession, user_id: int, *, clock: Clock) -> ReferralCode:
    """The player's code, made on first read (unique; a collision draws again)."""
    found = await session.get(ReferralCode, user_id)
    if found is not None:
        return found
    for _ in range(10):
        made = await session.execute(
            insert_for(session, ReferralCode)
            .values(user_id=user_id, code=new_code(), created_at=clock.now())
            .on_conflict_do_nothing()
            .returning(col(ReferralCode.user_id))
        )
        if made.scalar_one_or_none() is not None:
            break
        if await _code_row(session, user_id) is not None:
            break
    row = await _code_row(session, user_id)
    assert row is not None, "could not draw a free referral code"
    return row


async def _code_row(session: AsyncSession, user_id: int) -> ReferralCode | None:
    query = select(ReferralCode).where(col(ReferralCode.user_id) == user_id)
    return (await session.execute(query.execution_options(populate_existing=True))).scalar_one_or_none()


async def owner_of(session: AsyncSession, code: str | None) -> int | None:
    text = common.normalize(code)
    if len(text) != common.CODE_LENGTH:
        return None
    query = select(col(ReferralCode.user_id)).where(col(ReferralCode.code) == text)
    return (await session.execute(query)).scalar_one_or_none()


async def record_client(session: AsyncSession, user_id: int, pattern: str | None, *, clock: Clock) -> None:
    """Remembers that the player was seen from this network pattern (a keyed hash) now."""
    if pattern is None:
        return
    stmt = insert_for(session, ReferralClient).values(user_id=user_id, pattern=pattern, seen_at=clock.now())
    await session.execute(
        stmt.on_conflict_do_update(index_elements=["user_id", "pattern"], set_={"seen_at": clock.now()})
    )


async def _looks_alike(session: AsyncSession, referrer_id: int, pattern: str | None, *, clock: Clock) -> bool:
    if pattern is None:
        return False
    query = select(col(ReferralClient.user_id)).where(
        col(ReferralClient.user_id) == referrer_id,
        col(ReferralClient.pattern) == pattern,
        col(ReferralClient.seen_at) >= clock.now() - common.CLIENT_WINDOW,
    )
    return (await session.execute(query.limit(1))).first() is not None


async def referrer_id_of(session: AsyncSession, user_id: int) -> int | None:
    query = select(col(Referral.referrer_id)).where(col(Referral.referred_id) == user_id)
    return (await session.execute(query)).scalar_one_or_none()


async def _closes_a_cycle(session: AsyncSession, referrer_id: int, referred_id: int) -> bool:
    """Whether ``referred_id`` is already up the referrer's chain (so the link would loop)."""
    seen = {referrer_id}
    current: int | None = referrer_id
    while current is not None:
        current = await referrer_id_of(session, current)
        if current == referred_id:
            return True
        if current in seen:
            return False
        if current is not None:
            seen.add(current)
    return False


def _invalid(message: str, field: str) -> DomainError:
    return DomainError("INVALID_REFERRAL", message, field)


async def _link(
    session: AsyncSession, *, referred: User, code: str | None, field: str, client: str | None, clock: Clock
) -> Referral | None:
    """Links ``referred`` to the code's owner; None when the account already has a referrer."""
    referred_id = int(referred.id or 0)
    referrer_id = await owner_of(session, code)
    if referrer_id is None:
        raise _invalid("No player has this referral code.", field)
    if referrer_id == referred_id:
        raise _invalid("You cannot use your own referral code.", field)
    if await _closes_a_cycle(session, referrer_id, referred_id):
        raise _invalid("This player joined with your code; you cannot join with theirs.", field)
    held = await _looks_alike(session, referrer_id, client, clock=clock)
    await record_client(session, referred_id, client, clock=clock)
    status = common.HELD if held else common.PENDING
    made = await session.execute(
        insert_for(session, Referral)
        .values(
            referrer_id=referrer_id,
            referred_id=referred_id,
            status=status,
            hold_reason=common.SAME_CLIENT if held else None,
            cleared=False,
            reward=0,
            created_at=clock.now(),
            updated_at=clock.now(),
        )
        .on_conflict_do_nothing()
        .returning(col(Referral.id))
    )
    ident = made.scalar_one_or_none()
    if ident is None:
        return None
    row = await session.get(Referral, ident)
    assert row is not None
    data = {"referral_id": ident, "username": referred.username, "status": status}
    notes = [
        notifications.Note(
            user_id=referrer_id,
            kind="referral.joined",
            title=f"🤝 {referred.username}",
            body=f"{referred.username} joined with your referral code.",
            data=data,
        )
    ]
    if held:
        notes.append(
            notifications.Note(
                user_id=referrer_id,
                kind="referral.held",
                title=f"⏸ {referred.username}",
                body=f"The referral of {referred.username} waits for a moderator's review.",
                data=data | {"reason": common.SAME_CLIENT},
            )
        )
        notes += await notifications.staff_notes(
            session,
            kind="referral.review",
            title=f"⏸ Referral #{ident} to review",
            body=f"{referred.username} joined with a referral code; held: same client.",
            data=data | {"reason": common.SAME_CLIENT},
            moderators=True,
        )
    created = await notifications.create_many(session, notes, clock=clock)
    spec = events.Spec(
        kind="referral.linked",
        actor_id=referred_id,
        subject=f"referral:{ident}",
        audience=[referrer_id, referred_id],
        payload={"referral_id": ident, "status": status},
    )
    await events.append_many(session, [spec, *created], clock=clock)
    await audit.append(
        session,
        action="referral.link",
        clock=clock,
        actor_id=referred_id,
        subject=f"referral:{ident}",
        data={"referrer": referrer_id, "status": status},
    )
    return row


async def link_at_registration(
    session: AsyncSession, *, user: User, code: str | None, client: str | None, clock: Clock
) -> Referral | None:
    """Called by registration, in its transaction: a blank code links nothing."""
    if not common.normalize(code):
        return None
    return await _link(session, referred=user, code=code, field="referralCode", client=client, clock=clock)


async def apply(
    session: AsyncSession, *, actor_id: int, code: str | None, client: str | None, clock: Clock
) -> Referral:
    """A signed-in new account (Telegram players get theirs automatically) applies a code."""
    user = await session.get(User, actor_id)
    owner = await owner_of(session, code)
    if user is None or owner is None:
        raise _invalid("No player has this referral code.", "code")
    if owner == actor_id:
        raise _invalid("You cannot use your own referral code.", "code")
    if await referrer_id_of(session, actor_id) is not None:
        raise DomainError("ALREADY_REFERRED", "You already joined with a referral code.", "code")
    if clock.now() - user.created_at > common.NEW_ACCOUNT:
        raise DomainError(
            "NOT_NEW_ACCOUNT", "A referral code can only be used in an account's first 24 hours.", "code"
        )
    row = await _link(session, referred=user, code=code, field="code", client=client, clock=clock)
    if row is None:
        raise DomainError("ALREADY_REFERRED", "You already joined with a referral code.", "code")
    return row


async def seen(session: AsyncSession, *, user_id: int, client: str | None, clock: Clock) -> ReferralCode:
    """What a referrer's visit to their code does: the code, and where they were seen from."""
    await record_client(session, user_id, client, clock=clock)
    return await code_of(session, user_id, clock=clock)


async def of_referrer(session: AsyncSession, *, user_id: int, limit: int) -> list[Referral]:
    query = select(Referral).where(col(Referral.referrer_id) == user_id)
    rows = await session.execute(query.order_by(col(Referral.id).desc()).limit(limit))
    return list(rows.scalars().all())


async def referral_of(session: AsyncSession, *, user_id: int) -> Referral | None:
    query = select(Referral).where(col(Referral.referred_id) == user_id)
    return (await session.execute(query)).scalar_one_or_none()


async def held(session: AsyncSession, *, after: int | None, limit: int) -> list[Referral]:
    """Held referrals, oldest first (``limit + 1`` rows for paging)."""
    query = select(Referral).where(col(Referral.status) == common.HELD)
    if after is not None:
        query = query.where(col(Referral.id) > after)
    rows = await session.execute(query.order_by(col(Referral.id)).limit(limit + 1))
    return list(rows.scalars().all())
