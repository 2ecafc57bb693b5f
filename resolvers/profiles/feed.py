"""The activity feed: items made by the durable consumer ``feed`` from other domains' events, read
by the player (their own) and their friends (unless the author's activity is NOBODY), with emoji
reactions. Each new item or reaction appends a ``feed.item`` / ``feed.reacted`` event to the
viewers it concerns, which ``feedUpdated`` delivers live from any process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import ConfigValue, Event, Item
from db.models.auctions import Auction
from db.models.profiles import FeedItem, FeedReaction, Profile
from db.models.tournaments import Tournament
from resolvers import events, friends
from resolvers.clock import Clock
from resolvers.errors import DomainError
from resolvers.ids import to_id
from resolvers.profiles.common import ERRORS, NOBODY, allows, is_friend, profile_of

__all__ = [
    "CONSUMER",
    "EMOJIS",
    "ERRORS",
    "KINDS",
    "MAX_FEED",
    "feed",
    "item_for",
    "of_user",
    "react",
    "reactions",
    "record",
]

CONSUMER = "feed"
ACHIEVEMENT, LEVEL_UP, WIN, BIG_PURCHASE, AUCTION_WON = (
    "ACHIEVEMENT",
    "LEVEL_UP",
    "WIN",
    "BIG_PURCHASE",
    "AUCTION_WON",
)
KINDS = (ACHIEVEMENT, LEVEL_UP, WIN, BIG_PURCHASE, AUCTION_WON)
EMOJIS = ("👍", "❤️", "🔥", "🎉", "😂", "😮")
MAX_FEED = 50
BIG_PURCHASE_KEY = "profiles.big_purchase"
BIG_PURCHASE_DEFAULT = 500
ITEM_EVENT, REACTED_EVENT = "feed.item", "feed.reacted"


@dataclass(frozen=True)
class _At:
    moment: datetime

    def now(self) -> datetime:
        return self.moment


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


async def _big_purchase(session: AsyncSession) -> int:
    row = await session.get(ConfigValue, BIG_PURCHASE_KEY)
    value = row.value if row is not None else None
    return value if isinstance(value, int) and value > 0 else BIG_PURCHASE_DEFAULT


async def _item_name(session: AsyncSession, item_id: int | None) -> str | None:
    item = await session.get(Item, item_id) if item_id is not None else None
    return item.name if item is not None else None


async def _activity(session: AsyncSession, event: Event) -> tuple[int, str, dict[str, Any]] | None:
    """Whose activity an event is, of which kind, with what to show; None for the rest."""
    data = event.payload if isinstance(event.payload, dict) else {}
    actor = event.actor_id
    if event.kind == "achievement.unlocked" and actor is not None:
        return actor, ACHIEVEMENT, {"key": data.get("key"), "tier": data.get("tier")}
    if event.kind == "progression.level_up" and actor is not None:
        return actor, LEVEL_UP, {"level": _int(data.get("level"))}
    if event.kind == "game.rewarded" and actor is not None:
        return actor, WIN, {"game": data.get("game"), "amount": _int(data.get("amount"))}
    if event.kind == "tournament.finished":
        places = data.get("places") or []
        winner = _int(places[0]) if places else None
        ident = _int(data.get("tournament_id"))
        if winner is None or ident is None:
            return None
        tournament = await session.get(Tournament, ident)
        return winner, WIN, {"tournament_id": ident, "name": tournament.name if tournament else None}
    if event.kind == "shop.purchase" and actor is not None:
        total = _int(data.get("total")) or 0
        if total < await _big_purchase(session):
            return None
        ident = _int(data.get("item_id"))
        return (
            actor,
            BIG_PURCHASE,
            {
                "item_id": ident,
                "name": await _item_name(session, ident),
                "quantity": _int(data.get("quantity")),
                "amount": total,
            },
        )
    if event.kind == "auction.settled" and data.get("status") == "SOLD":
        ident = _int(data.get("auction_id"))
        auction = await session.get(Auction, ident) if ident is not None else None
        if auction is None or auction.leader_id is None:
            return None
        return (
            auction.leader_id,
            AUCTION_WON,
            {
                "auction_id": ident,
                "item_id": auction.item_id,
                "name": await _item_name(session, auction.item_id),
                "amount": _int(data.get("price")),
                "currency": auction.currency,
            },
        )
    return None


async def _viewers(session: AsyncSession, author: int) -> list[int]:
    """Who is told live of the author's new item: the author, and their friends unless NOBODY."""
    profile = await profile_of(session, author)
    if profile.activity_visibility == NOBODY:
        return [author]
    return [author, *(f.user_id for f in await friends.friends_of(session, author))]


async def record(session: AsyncSession, event: Event) -> FeedItem | None:
    """The feed item of one event, made once (the consumer may read an event again)."""
    found = await _activity(session, event)
    if found is None or event.id is None:
        return None
    author, kind, data = found
    stmt = (
        insert_for(session, FeedItem)
        .values(user_id=author, kind=kind, event_id=event.id, data=data, created_at=event.created_at)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(col(FeedItem.id))
    )
    ident = (await session.execute(stmt)).scalar_one_or_none()
    if ident is None:
        return None
    await events.append_many(
        session,
        [
            events.Spec(
                kind=ITEM_EVENT,
                actor_id=author,
                subject=f"feed:{ident}",
                audience=await _viewers(session, author),
                payload={"item_id": int(ident)},
            )
        ],
        clock=_At(event.created_at),
    )
    return await session.get(FeedItem, int(ident))


async def _visible_authors(session: AsyncSession, viewer_id: int, scope: str) -> list[int]:
    if scope == "MINE":
        return [viewer_id]
    mates = [f.user_id for f in await friends.friends_of(session, viewer_id)]
    if not mates:
        return [viewer_id]
    hidden = await session.execute(
        select(col(Profile.user_id)).where(
            col(Profile.user_id).in_(mates), col(Profile.activity_visibility) == NOBODY
        )
    )
    closed = set(hidden.scalars())
    return [viewer_id, *(m for m in mates if m not in closed)]


def _limit(first: int) -> int:
    return max(1, min(first, MAX_FEED))


async def feed(
    session: AsyncSession, *, viewer_id: int, scope: str, kinds: list[str] | None, first: int
) -> list[FeedItem]:
    """The newest items (at most 50) of the viewer (MINE) or of the viewer and friends (FRIENDS)."""
    query = select(FeedItem).where(
        col(FeedItem.user_id).in_(await _visible_authors(session, viewer_id, scope))
    )
    if kinds:
        query = query.where(col(FeedItem.kind).in_(kinds))
    rows = await session.execute(query.order_by(col(FeedItem.id).desc()).limit(_limit(first)))
    return list(rows.scalars())


async def of_user(session: AsyncSession, *, user_id: int, first: int) -> list[FeedItem]:
    rows = await session.execute(
        select(FeedItem)
        .where(col(FeedItem.user_id) == user_id)
        .order_by(col(FeedItem.id).desc())
        .limit(_limit(first))
    )
    return list(rows.scalars())


async def item_for(session: AsyncSession, *, item_id: int, viewer_id: int) -> FeedItem | None:
    """The item when the viewer may see it (theirs, or the author's activity setting allows them)."""
    row = await session.get(FeedItem, item_id)
    if row is None:
        return None
    profile = await profile_of(session, row.user_id)
    own = row.user_id == viewer_id
    if not allows(
        profile.activity_visibility, own=own, friend=await is_friend(session, row.user_id, viewer_id)
    ):
        return None
    return row


async def react(session: AsyncSession, *, actor_id: int, item_id: Any, emoji: str, clock: Clock) -> FeedItem:
    """Toggles the actor's emoji on an item they can see."""
    if emoji not in EMOJIS:
        raise DomainError("INVALID_EMOJI", f"React with one of {' '.join(EMOJIS)}.", "emoji")
    ident = to_id(item_id)
    row = await item_for(session, item_id=ident, viewer_id=actor_id) if ident is not None else None
    if row is None or row.id is None:
        raise DomainError("UNKNOWN_FEED_ITEM", "There is no such feed item.", "itemId")
    gone = await session.execute(
        delete(FeedReaction).where(
            col(FeedReaction.item_id) == row.id,
            col(FeedReaction.user_id) == actor_id,
            col(FeedReaction.emoji) == emoji,
        )
    )
    if not gone.rowcount:  # type: ignore[attr-defined]
        await session.execute(
            insert_for(session, FeedReaction)
            .values(item_id=row.id, user_id=actor_id, emoji=emoji, created_at=clock.now())
            .on_conflict_do_nothing()
        )
    await events.append_many(
        session,
        [
            events.Spec(
                kind=REACTED_EVENT,
                actor_id=actor_id,
                subject=f"feed:{row.id}",
                audience=[row.user_id, actor_id],
                payload={"item_id": row.id},
            )
        ],
        clock=clock,
    )
    return row


async def reactions(session: AsyncSession, item_ids: list[int]) -> dict[int, list[FeedReaction]]:
    out: dict[int, list[FeedReaction]] = {i: [] for i in item_ids}
    if not item_ids:
        return out
    rows = await session.execute(
        select(FeedReaction).where(col(FeedReaction.item_id).in_(item_ids)).order_by(col(FeedReaction.id))
    )
    for row in rows.scalars():
        out[row.item_id].append(row)
    return out
