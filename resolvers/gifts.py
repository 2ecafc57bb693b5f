"""Gifts: a player sends currency or an item to another, with a message, a few times a day.

The gift is one ledger transfer from the sender to the recipient (kind ``gift``, the message as
its memo), so it shows in both histories; the ``gifts`` row keeps who, what and the message for
the gift list. The daily limit counts per UTC day of the platform's clock, in one conditional
upsert, so concurrent gifts never exceed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue, Item, Transfer
from db.models.gifts import Gift, GiftDay
from resolvers import events, friends, ledger, movement, notifications, progression
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "gifts",
    "BLOCKED",
    "GIFT_LIMIT_REACHED",
    "INVALID_GIFT",
    "INVALID_MESSAGE",
    "NOT_TRADEABLE",
    "SELF_GIFT",
    "UNKNOWN_ITEM",
    "UNKNOWN_USER",
    uses=(movement.ERRORS,),
)
events.live("wallet", "gift.sent")

DAILY_LIMIT = 10
LIMIT_KEY = "gifts.daily_limit"
MAX_MESSAGE = 280


@dataclass(frozen=True, kw_only=True)
class Sent:
    gift: Gift
    replayed: bool = False


async def daily_limit(session: AsyncSession) -> int:
    row = await session.get(ConfigValue, LIMIT_KEY)
    return row.value if row is not None and isinstance(row.value, int) and row.value >= 0 else DAILY_LIMIT


async def send(
    session: AsyncSession,
    *,
    actor_id: int,
    to_user_id: Any,
    currency: str | None,
    item_id: Any,
    amount: Any,
    message: str | None,
    idempotency_key: str | None,
    clock: Clock,
    actor_name: str | None = None,
) -> Sent:
    target = to_id(to_user_id)
    if target is None:
        raise DomainError("UNKNOWN_USER", "No such user.", "toUserId")
    if target == actor_id:
        raise DomainError("SELF_GIFT", "You cannot send a gift to yourself.", "toUserId")
    if await friends.is_blocked(session, target, actor_id):
        raise DomainError("BLOCKED", "This player does not accept gifts from you.", "toUserId")
    value = ledger.parse_amount(amount)
    if (currency is None) == (item_id is None):
        raise DomainError("INVALID_GIFT", "Give either a currency or an item, not both.", "itemId")
    asset, name = await _asset(session, currency, item_id)
    message = (message or "").strip() or None
    if message is not None and len(message) > MAX_MESSAGE:
        raise DomainError("INVALID_MESSAGE", f"A message is at most {MAX_MESSAGE} characters.", "message")

    async def effects(transfers: list[Transfer]) -> Effects:
        await _count_today(session, actor_id, clock)
        row = transfers[0]
        gift = Gift(
            sender_id=actor_id,
            recipient_id=target,
            asset=asset,
            amount=value,
            message=message,
            transfer_id=int(row.id or 0),
            created_at=clock.now(),
        )
        session.add(gift)
        await session.flush()
        sender = actor_name or "someone"
        data = {"gift_id": gift.id, "transfer_id": row.id, "from_user_id": actor_id, "from_username": sender}
        data |= {"amount": value}
        return Effects(
            result={"gift_id": gift.id},
            events=[
                events.Spec(
                    kind="gift.sent",
                    actor_id=actor_id,
                    subject=f"gift:{gift.id}",
                    audience=[actor_id, target],
                    payload={"gift_id": gift.id, "transfer_id": row.id, "asset": asset, "amount": value},
                )
            ],
            notes=[
                notifications.Note(
                    user_id=target,
                    kind="gift.received",
                    title=f"🎁 {value} × {name}",
                    body=f"{sender} sent you a gift" + (f": {message}" if message else ""),
                    data=data | {"asset": asset, "name": name, "message": message},
                )
            ],
            audit=Audit(action="gift.send", subject=f"gift:{gift.id}", data={"to": target, "asset": asset}),
        )

    moved = await movement.move(
        session,
        movement.Movement(
            operation="gift.send",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"to": target, "asset": asset, "amount": value, "message": message},
            unknown_field="toUserId",
            legs=[
                ledger.Leg(
                    debit=("user", actor_id),
                    credit=("user", target),
                    asset=asset,
                    amount=value,
                    kind="gift",
                    memo=message,
                )
            ],
        ),
        clock=clock,
        effects=effects,
    )
    gift = await session.get(Gift, moved.result["gift_id"])
    assert gift is not None
    return Sent(gift=gift, replayed=moved.replayed)


async def _asset(session: AsyncSession, currency: str | None, item_id: Any) -> tuple[str, str]:
    if currency is not None:
        code = await ledger.require_currency(session, currency)
        return code, code
    ident = to_id(item_id)
    item = await session.get(Item, ident) if ident is not None else None
    if item is None:
        raise DomainError("UNKNOWN_ITEM", "No such item.", "itemId")
    if not item.tradeable:
        raise DomainError("NOT_TRADEABLE", "This item cannot be given away.", "itemId")
    return ledger.item_asset(int(ident or 0)), item.name


async def _count_today(session: AsyncSession, sender_id: int, clock: Clock) -> None:
    limit = await daily_limit(session) + await progression.extra_gifts(session, sender_id)
    stmt = insert_for(session, GiftDay).values(sender_id=sender_id, day=clock.now().date(), count=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["sender_id", "day"],
        set_={"count": col(GiftDay.count) + 1},
        where=col(GiftDay.count) < limit,
    ).returning(col(GiftDay.count))
    counted = (await session.execute(stmt)).scalar_one_or_none()
    if counted is None or counted > limit:
        raise DomainError(
            "GIFT_LIMIT_REACHED", f"You can send at most {limit} gifts a day; try again tomorrow.", None
        )


async def of_user(session: AsyncSession, *, user_id: int, after: int | None, limit: int) -> list[Gift]:
    """Gifts the user sent or received, newest first (``limit + 1`` rows for paging)."""
    query = select(Gift).where(or_(col(Gift.sender_id) == user_id, col(Gift.recipient_id) == user_id))
    if after is not None:
        query = query.where(col(Gift.id) < after)
    rows = await session.execute(query.order_by(col(Gift.id).desc()).limit(limit + 1))
    return list(rows.scalars().all())


async def left_today(session: AsyncSession, *, sender_id: int, clock: Clock) -> int:
    used = await session.get(GiftDay, (sender_id, clock.now().date()))
    limit = await daily_limit(session) + await progression.extra_gifts(session, sender_id)
    return max(0, limit - (used.count if used is not None else 0))
