"""Editing one's profile, and what a viewer may see of another's: balance, friends and activity
are each guarded by the owner's setting (EVERYONE, FRIENDS or NOBODY); the owner sees all."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import User
from db.models.clans import Clan
from db.models.profiles import Profile
from resolvers import friends, ledger, progression
from resolvers.achievements import counting
from resolvers.clock import Clock
from resolvers.errors import DomainError
from resolvers.leaderboards import store as coin_board
from resolvers.profiles import links as profile_links
from resolvers.profiles.common import ERRORS, VISIBILITIES, allows, is_friend, profile_of, user_named

__all__ = ["ERRORS", "MAX_BIO", "Stats", "View", "badges", "balance", "friends_of", "stats", "update", "view"]

MAX_BIO = 280
LEVEL_BADGES = ((50, "LEVEL_50"), (25, "LEVEL_25"), (10, "LEVEL_10"))


def _clean_bio(raw: str) -> str | None:
    text = raw.strip()
    if len(text) > MAX_BIO:
        raise DomainError("BIO_TOO_LONG", f"A bio is at most {MAX_BIO} characters.", "bio")
    if any(unicodedata.category(c) == "Cc" and c != "\n" for c in text):
        raise DomainError("INVALID_BIO", "A bio may not hold control characters.", "bio")
    return text or None


async def update(
    session: AsyncSession,
    *,
    actor_id: int,
    clock: Clock,
    bio: str | None = None,
    links: list[tuple[str, str]] | None = None,
    privacy: dict[str, str] | None = None,
) -> View:
    """Changes what is given (None leaves a part as it is; an empty bio clears it)."""
    cleaned = _clean_bio(bio) if bio is not None else None
    checked = profile_links.check(links) if links is not None else None
    for name, value in (privacy or {}).items():
        if name not in ("balance", "activity", "friends") or value not in VISIBILITIES:
            raise DomainError("INVALID_PRIVACY", "Privacy is EVERYONE, FRIENDS or NOBODY.", f"privacy.{name}")
    row = await session.get(Profile, actor_id)
    if row is None:
        row = Profile(user_id=actor_id, links=[])
        session.add(row)
    if bio is not None:
        row.bio = cleaned
    if checked is not None:
        row.links = checked
    for name, value in (privacy or {}).items():
        setattr(row, f"{name}_visibility", value)
    row.updated_at = clock.now()
    await session.flush()
    user = await session.get(User, actor_id)
    assert user is not None
    return View(user=user, profile=row, own=True, friend=False)


@dataclass(frozen=True, kw_only=True)
class View:
    """A profile as one viewer sees it: which guarded parts they may read."""

    user: User
    profile: Profile
    own: bool
    friend: bool

    @property
    def user_id(self) -> int:
        return int(self.user.id or 0)

    def sees(self, part: str) -> bool:
        return allows(getattr(self.profile, f"{part}_visibility"), own=self.own, friend=self.friend)


async def view(session: AsyncSession, *, username: str, viewer_id: int | None) -> View | None:
    user = await user_named(session, username)
    if user is None or user.id is None:
        return None
    return View(
        user=user,
        profile=await profile_of(session, user.id),
        own=viewer_id == user.id,
        friend=await is_friend(session, user.id, viewer_id),
    )


async def balance(session: AsyncSession, shown: View) -> int | None:
    if not shown.sees("balance"):
        return None
    held = await ledger.balances_of(session, "user", shown.user_id)
    return int(held.get(ledger.DEFAULT_CURRENCY, 0))


async def friends_of(session: AsyncSession, shown: View) -> list[int] | None:
    if not shown.sees("friends"):
        return None
    return [f.user_id for f in await friends.friends_of(session, shown.user_id)]


@dataclass(frozen=True, kw_only=True)
class Stats:
    level: int
    xp: int
    tier: str
    achievements_unlocked: int
    friend_count: int
    joined_at: datetime


async def stats(session: AsyncSession, shown: View) -> Stats:
    standing = await progression.standing(session, shown.user_id)
    unlocked = await counting.unlocked_steps(session, shown.user_id)
    return Stats(
        level=standing.level,
        xp=standing.xp,
        tier=standing.tier.name,
        achievements_unlocked=sum(1 for steps in unlocked.values() if steps > 0),
        friend_count=len(await friends.friends_of(session, shown.user_id)),
        joined_at=shown.user.created_at,
    )


async def badges(session: AsyncSession, shown: View) -> list[str]:
    """Earned marks, from data other domains keep: role, clan leadership, the coin top 10, level."""
    out: list[str] = []
    if shown.user.role in ("admin", "moderator"):
        out.append(shown.user.role.upper())
    leads = await session.execute(
        select(func.count()).select_from(Clan).where(col(Clan.leader_id) == shown.user_id)
    )
    if leads.scalar_one():
        out.append("CLAN_LEADER")
    rank = await coin_board.standing_of(session, None, shown.user_id)
    if rank is not None and rank.rank <= 10:
        out.append("TOP_10_COINS")
    level = (await progression.standing(session, shown.user_id)).level
    out.extend(next(([name] for at, name in LEVEL_BADGES if level >= at), []))
    return out
