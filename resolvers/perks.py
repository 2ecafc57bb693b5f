"""The Telegram group's perks: shop items whose purchase starts an effect in the group.

* STICKERS — stickers without limit for 24 hours (others keep at most ``STICKER_LIMIT`` stickers
  an hour in the group; the bot deletes the rest).
* ADMIN — admin of the group for 24 hours (the ``perks_telegram`` job promotes and demotes).
* MENTION — one ``/everyone`` message that mentions the group's known members.

An admin puts a perk on sale with ``create_item`` (a shop item, not tradeable, linked to its kind).
The durable consumer ``perks`` starts an effect for each ``shop.purchase`` of such an item (once
per event); the ``perks_expire`` job ends timed effects at their expiry. Effects are rows, so they
survive restarts; the bot and the jobs read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Event, Item, TelegramLink, User
from db.models.perks import PerkEffect, PerkGroupAdmin, PerkItem, PerkStickerCount
from resolvers import events, notification_texts, notifications, retention, shop
from resolvers.clock import Clock, ManualClock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("perks", "NOT_ALLOWED", "NO_PERK", "INVALID_CHAT", uses=(shop.ERRORS,))
CONSUMER = "perks"
STICKER_LIMIT = 5
MAX_MEMBERS = 1000
DAY = timedelta(hours=24)


class PerkKind(Enum):
    STICKERS = "STICKERS"
    ADMIN = "ADMIN"
    MENTION = "MENTION"


DURATION: dict[PerkKind, timedelta | None] = {
    PerkKind.STICKERS: DAY,
    PerkKind.ADMIN: DAY,
    PerkKind.MENTION: None,
}


def _until(data: Mapping[str, Any]) -> str:
    return str(data.get("expires_at") or "")[:16].replace("T", " ")


notification_texts.define(
    "perk.started",
    en=lambda d: (
        f"Perk started: {d['name']}",
        f"It runs in the Telegram group until {_until(d)} UTC."
        if d.get("expires_at")
        else "Use it in the Telegram group: /everyone text",
    ),
    ru=lambda d: (
        f"Перк начал действовать: {d['name']}",
        f"Он действует в группе Telegram до {_until(d)} UTC."
        if d.get("expires_at")
        else "Используйте его в группе Telegram: /everyone текст",
    ),
)
notification_texts.define(
    "perk.ended",
    en=lambda d: (f"Perk ended: {d['name']}", "Buy it again in the shop."),
    ru=lambda d: (f"Перк закончился: {d['name']}", "Его можно снова купить в магазине."),
)


async def _notify(session: AsyncSession, effect: Any, kind: str, clock: Clock) -> None:
    item = await session.get(Item, effect.item_id)
    name = item.name if item is not None else effect.kind
    expires = effect.expires_at.isoformat() if effect.expires_at is not None else None
    data = {"name": name, "kind": effect.kind, "expires_at": expires}
    title, body = notification_texts.render(kind, data, "en", title=name, body="")
    await notifications.notify(
        session, user_id=effect.user_id, kind=kind, title=title, body=body, data=data, clock=clock
    )


DEFAULTS: dict[PerkKind, tuple[str, str, int]] = {
    PerkKind.STICKERS: (
        "Stickers without limit (24 h)",
        "Send as many stickers as you like in the group for 24 hours.",
        100,
    ),
    PerkKind.ADMIN: (
        "Admin for a day",
        "The bot makes you an admin of the group, with a title, for 24 hours.",
        500,
    ),
    PerkKind.MENTION: (
        "Mention everyone once",
        "One /everyone message in the group that mentions all its known members.",
        300,
    ),
}


async def create_item(
    session: AsyncSession,
    *,
    actor_id: int,
    kind: PerkKind,
    price: Any | None,
    name: str | None,
    description: str | None,
    clock: Clock,
) -> Item:
    """Puts a perk on sale: a shop item (not tradeable: the effect is the buyer's) linked to its kind."""
    default_name, default_description, default_price = DEFAULTS[kind]
    fields: dict[str, Any] = {
        "name": name if name is not None else default_name,
        "description": description if description is not None else default_description,
        "price": price if price is not None else default_price,
        "tradeable": False,
    }
    item = await shop.create_item(session, actor_id=actor_id, fields=fields, clock=clock)
    assert item.id is not None
    session.add(PerkItem(item_id=item.id, kind=kind.value, created_at=clock.now()))
    await session.flush()
    return item


async def start_from_purchase(session: AsyncSession, event: Event) -> None:
    """The consumer: a perk item's purchase starts its effect at the purchase's time, after any
    effect of the same kind the buyer still has (buying again extends)."""
    if event.kind != "shop.purchase" or event.actor_id is None or event.id is None:
        return
    item_id, quantity = event.payload.get("item_id"), event.payload.get("quantity")
    if not isinstance(item_id, int) or not isinstance(quantity, int) or quantity < 1:
        return
    link = await session.get(PerkItem, item_id)
    if link is None:
        return
    kind = PerkKind(link.kind)
    duration = DURATION[kind]
    starts, expires, uses = event.created_at, None, 0
    if duration is None:
        uses = quantity
    else:
        latest = (
            await session.execute(
                select(func.max(col(PerkEffect.expires_at))).where(
                    col(PerkEffect.user_id) == event.actor_id,
                    col(PerkEffect.kind) == kind.value,
                    col(PerkEffect.ended_at).is_(None),
                )
            )
        ).scalar_one_or_none()
        if latest is not None and latest > starts:
            starts = latest
        expires = starts + duration * quantity
    inserted = await session.execute(
        insert_for(session, PerkEffect)
        .values(
            user_id=event.actor_id,
            kind=kind.value,
            item_id=item_id,
            event_id=event.id,
            starts_at=starts,
            expires_at=expires,
            uses_left=uses,
            ended_at=None,
            created_at=event.created_at,
        )
        .on_conflict_do_nothing()
        .returning(col(PerkEffect.id))
    )
    effect_id = inserted.scalar_one_or_none()
    if effect_id is not None:
        await events.append(
            session,
            kind="perk.started",
            clock=ManualClock(event.created_at),
            actor_id=event.actor_id,
            subject=f"perk:{effect_id}",
            audience=[event.actor_id],
            payload={"effect_id": effect_id, "kind": kind.value},
        )
        effect = await session.get(PerkEffect, effect_id)
        await _notify(session, effect, "perk.started", ManualClock(event.created_at))


async def expire(session: AsyncSession, *, clock: Clock) -> int:
    """Ends the timed effects whose expiry has passed (a reconciler: a repeat ends nothing)."""
    now = clock.now()
    ended = (
        await session.execute(
            update(PerkEffect)
            .where(
                col(PerkEffect.ended_at).is_(None),
                col(PerkEffect.expires_at).is_not(None),
                col(PerkEffect.expires_at) <= now,
            )
            .values(ended_at=col(PerkEffect.expires_at))
            .returning(col(PerkEffect.id), col(PerkEffect.user_id), col(PerkEffect.kind))
        )
    ).all()
    for effect_id, _user, _kind in ended:
        await _notify(session, await session.get(PerkEffect, effect_id), "perk.ended", clock)
    if ended:
        await events.append_many(
            session,
            [
                events.Spec(
                    kind="perk.ended",
                    actor_id=user_id,
                    subject=f"perk:{effect_id}",
                    audience=[user_id],
                    payload={"effect_id": effect_id, "kind": kind},
                )
                for effect_id, user_id, kind in ended
            ],
            clock=clock,
        )
    return len(ended)


def _active(kind: PerkKind, now: datetime) -> Any:
    return and_(
        col(PerkEffect.kind) == kind.value,
        col(PerkEffect.ended_at).is_(None),
        col(PerkEffect.starts_at) <= now,
        or_(col(PerkEffect.expires_at).is_(None), col(PerkEffect.expires_at) > now),
    )


async def of_user(session: AsyncSession, *, user_id: int) -> list[PerkEffect]:
    """The player's effects not yet ended (running, or waiting after one of the same kind)."""
    rows = await session.execute(
        select(PerkEffect)
        .where(col(PerkEffect.user_id) == user_id, col(PerkEffect.ended_at).is_(None))
        .order_by(col(PerkEffect.starts_at), col(PerkEffect.id))
    )
    return list(rows.scalars())


async def has(session: AsyncSession, *, user_id: int, kind: PerkKind, clock: Clock) -> bool:
    found = await session.execute(
        select(col(PerkEffect.id))
        .where(col(PerkEffect.user_id) == user_id, _active(kind, clock.now()))
        .limit(1)
    )
    return found.first() is not None


def _chat(raw: str) -> int:
    try:
        chat = int(raw)
    except (TypeError, ValueError):
        raise DomainError("INVALID_CHAT", "A chat id is a whole number.", "chatId") from None
    if not -(2**62) < chat < 2**62:
        raise DomainError("INVALID_CHAT", "A chat id is a whole number.", "chatId")
    return chat


@dataclass(frozen=True)
class StickerCheck:
    allowed: bool
    unlimited: bool
    count: int


async def sticker_sent(
    session: AsyncSession, *, actor_id: int, via_telegram: bool, chat_id: str, clock: Clock
) -> StickerCheck:
    """The bot reports a player's sticker in the group: kept while under the hourly limit (or with
    the STICKERS perk), else the bot deletes it. Only kept stickers are counted."""
    if not via_telegram:
        raise DomainError("NOT_ALLOWED", "Only the Telegram bot reports stickers.", None)
    chat = _chat(chat_id)
    if await has(session, user_id=actor_id, kind=PerkKind.STICKERS, clock=clock):
        return StickerCheck(allowed=True, unlimited=True, count=0)
    hour = clock.now().replace(minute=0, second=0, microsecond=0)
    stmt = (
        insert_for(session, PerkStickerCount)
        .values(user_id=actor_id, chat_id=chat, hour=hour, count=1)
        .on_conflict_do_update(
            index_elements=["user_id", "chat_id", "hour"],
            set_={"count": col(PerkStickerCount.count) + 1},
            where=col(PerkStickerCount.count) < STICKER_LIMIT,
        )
        .returning(col(PerkStickerCount.count))
    )
    counted = (await session.execute(stmt)).scalar_one_or_none()
    if counted is None:
        return StickerCheck(allowed=False, unlimited=False, count=STICKER_LIMIT + 1)
    return StickerCheck(allowed=True, unlimited=False, count=int(counted))


@dataclass(frozen=True)
class Member:
    telegram_id: int
    telegram_username: str | None
    username: str


@dataclass(frozen=True)
class MentionUse:
    members: list[Member]
    uses_left: int


async def use_mention(
    session: AsyncSession, *, actor_id: int, via_telegram: bool, chat_id: str, clock: Clock
) -> MentionUse:
    """Spends one MENTION use (the oldest first) and returns the group's known members to mention:
    the players with a Telegram account, but the caller."""
    if not via_telegram:
        raise DomainError("NOT_ALLOWED", "Only the Telegram bot mentions the group.", None)
    chat = _chat(chat_id)
    now = clock.now()
    for _attempt in range(3):
        effect_id = (
            await session.execute(
                select(col(PerkEffect.id))
                .where(
                    col(PerkEffect.user_id) == actor_id,
                    _active(PerkKind.MENTION, now),
                    col(PerkEffect.uses_left) > 0,
                )
                .order_by(col(PerkEffect.id))
                .limit(1)
            )
        ).scalar_one_or_none()
        if effect_id is None:
            break
        left = (
            await session.execute(
                update(PerkEffect)
                .where(col(PerkEffect.id) == effect_id, col(PerkEffect.uses_left) > 0)
                .values(uses_left=col(PerkEffect.uses_left) - 1)
                .returning(col(PerkEffect.uses_left))
            )
        ).scalar_one_or_none()
        if left is None:
            continue  # another use took the last one: look again
        if left == 0:
            await session.execute(
                update(PerkEffect).where(col(PerkEffect.id) == effect_id).values(ended_at=now)
            )
        await events.append(
            session,
            kind="perk.used",
            clock=clock,
            actor_id=actor_id,
            subject=f"perk:{effect_id}",
            audience=[actor_id],
            payload={"effect_id": effect_id, "kind": PerkKind.MENTION.value, "chat_id": chat},
        )
        remaining = (
            await session.execute(
                select(func.coalesce(func.sum(col(PerkEffect.uses_left)), 0)).where(
                    col(PerkEffect.user_id) == actor_id, _active(PerkKind.MENTION, now)
                )
            )
        ).scalar_one()
        return MentionUse(members=await _members(session, actor_id), uses_left=int(remaining))
    raise DomainError("NO_PERK", "You have no “mention everyone” perk: buy one in the shop.", None)


async def _members(session: AsyncSession, actor_id: int) -> list[Member]:
    rows = await session.execute(
        select(col(TelegramLink.telegram_id), col(TelegramLink.telegram_username), col(User.username))
        .join(User, col(User.id) == col(TelegramLink.user_id))
        .where(col(TelegramLink.user_id) != actor_id)
        .order_by(col(TelegramLink.telegram_id))
        .limit(MAX_MEMBERS)
    )
    return [Member(telegram_id=int(t), telegram_username=u, username=n) for t, u, n in rows.all()]


async def admins_wanted(session: AsyncSession, *, clock: Clock) -> dict[int, int]:
    """Players who should be group admins now (an ADMIN effect running) → their Telegram id."""
    rows = await session.execute(
        select(col(PerkEffect.user_id), col(TelegramLink.telegram_id))
        .join(TelegramLink, col(TelegramLink.user_id) == col(PerkEffect.user_id), isouter=True)
        .where(_active(PerkKind.ADMIN, clock.now()))
        .distinct()
    )
    return {int(user_id): int(tg or 0) for user_id, tg in rows.all()}


async def group_admins(session: AsyncSession, *, chat_id: int) -> list[PerkGroupAdmin]:
    rows = await session.execute(select(PerkGroupAdmin).where(col(PerkGroupAdmin.chat_id) == chat_id))
    return list(rows.scalars())


async def record_admin(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    telegram_id: int,
    state: str | None,
    error: str | None,
    clock: Clock,
) -> None:
    """What the bot did for one player in the group; ``state=None`` forgets them (demoted)."""
    key = (col(PerkGroupAdmin.user_id) == user_id, col(PerkGroupAdmin.chat_id) == chat_id)
    existing = (await session.execute(select(PerkGroupAdmin).where(*key))).scalar_one_or_none()
    if state is None:
        if existing is not None:
            await session.delete(existing)
        return
    if existing is None:
        session.add(
            PerkGroupAdmin(
                user_id=user_id,
                chat_id=chat_id,
                telegram_id=telegram_id,
                state=state,
                error=error,
                updated_at=clock.now(),
            )
        )
    else:
        existing.state, existing.error, existing.updated_at = state, error, clock.now()
    await session.flush()


@retention.rule("perks.sticker_counts", keep=timedelta(days=2))
async def prune_sticker_counts(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(delete(PerkStickerCount).where(col(PerkStickerCount.hour) < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
